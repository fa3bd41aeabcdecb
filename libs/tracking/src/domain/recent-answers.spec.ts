import { RecentAnswers } from './recent-answers.js';

describe('RecentAnswers', () => {
  it('answers a remembered id and nothing for an unknown one', () => {
    const recent = new RecentAnswers<string>(3);
    recent.remember('a', 'first');
    recent.remember('b', 'second');
    expect(recent.get('a')).toBe('first');
    expect(recent.get('b')).toBe('second');
    expect(recent.get('c')).toBeUndefined();
  });

  it('keeps the last `capacity` ids, forgetting the oldest first', () => {
    const recent = new RecentAnswers<number>(3);
    for (let i = 1; i <= 5; i++) recent.remember(`id-${i}`, i);
    expect(recent.get('id-1')).toBeUndefined();
    expect(recent.get('id-2')).toBeUndefined();
    expect([3, 4, 5].map((i) => recent.get(`id-${i}`))).toEqual([3, 4, 5]);
  });

  it('a second answer for a remembered id replaces the first and takes no slot', () => {
    const recent = new RecentAnswers<string>(2);
    recent.remember('a', 'first');
    recent.remember('a', 'second');
    recent.remember('b', 'other');
    expect(recent.get('a')).toBe('second');
    expect(recent.get('b')).toBe('other');
  });

  it('matches ids by value, not by string identity (ids arrive in new strings)', () => {
    const recent = new RecentAnswers<string>(2);
    recent.remember(['f47ac10b', '58cc'].join('-'), 'kept');
    expect(recent.get('f47ac10b-58cc')).toBe('kept');
  });
});
