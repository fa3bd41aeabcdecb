import type { Principal, Role } from '#core';
import { authorizeIncident, type IncidentParties } from './incident-access.js';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const who = (userId: string, role: Role, siteIds: string[]): Principal => ({
  userId,
  role,
  name: userId,
  siteIds,
});
const incident = {
  id: 'i',
  siteId: A,
  reporter: { id: 'rep', name: 'rep' },
  assignee: { id: 'asg', name: 'asg' },
} as IncidentParties;

describe('authorizeIncident', () => {
  it('lets site staff and admins do everything', () => {
    expect(authorizeIncident(who('s', 'supervisor', [A]), incident, 'staff')).toBe(incident);
    expect(authorizeIncident(who('ad', 'admin', []), incident, 'staff')).toBe(incident);
  });
  it('lets the assignee work the incident and the reporter read it, nothing more', () => {
    expect(authorizeIncident(who('asg', 'guard', [A]), incident, 'staff-or-assignee')).toBe(incident);
    expect(() => authorizeIncident(who('asg', 'guard', [A]), incident, 'staff')).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(authorizeIncident(who('rep', 'guard', [A]), incident, 'read')).toBe(incident);
    expect(() => authorizeIncident(who('rep', 'guard', [A]), incident, 'staff-or-assignee')).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });
  it('answers FORBIDDEN to other members of the site and NOT_FOUND to everyone else', () => {
    expect(() => authorizeIncident(who('g', 'guard', [A]), incident, 'read')).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(() => authorizeIncident(who('s', 'supervisor', [B]), incident, 'read')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    expect(() => authorizeIncident(who('s', 'supervisor', [A]), null, 'read')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });
});
