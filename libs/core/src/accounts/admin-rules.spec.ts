import { lastAdminProblem } from './admin-rules.js';

describe('lastAdminProblem', () => {
  it('refuses demoting or deactivating the only active admin', () => {
    expect(lastAdminProblem(['a'], 'a', { role: 'supervisor' })).toMatch(/only active admin/);
    expect(lastAdminProblem(['a'], 'a', { active: false })).toMatch(/only active admin/);
    expect(lastAdminProblem(['a'], 'a', { role: 'admin', active: false })).toMatch(/only active admin/);
  });
  it('allows changes that keep them an active admin', () => {
    expect(lastAdminProblem(['a'], 'a', {})).toBeNull();
    expect(lastAdminProblem(['a'], 'a', { role: 'admin', active: true })).toBeNull();
  });
  it('allows stepping down while another active admin remains', () => {
    expect(lastAdminProblem(['a', 'b'], 'a', { role: 'guard' })).toBeNull();
    expect(lastAdminProblem(['a', 'b'], 'b', { active: false })).toBeNull();
  });
  it('does not concern users who are not active admins', () => {
    expect(lastAdminProblem(['a'], 'x', { role: 'guard', active: false })).toBeNull();
  });
});
