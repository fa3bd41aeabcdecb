import {
  emptyHistory,
  remember,
  screenFix,
  RECENT_KEPT,
  type Fix,
  type TrackHistory,
} from './location-filter.js';

const T0 = Date.parse('2026-11-22T10:00:00Z');
const fix = (dtS: number, dLatM = 0, extra: Partial<Fix> = {}): Fix => ({
  lat: 52.52 + dLatM / 111_195,
  lng: 13.405,
  accuracy: 5,
  heading: null,
  speed: null,
  batteryLevel: null,
  recordedAt: T0 + dtS * 1000,
  receivedAt: T0 + dtS * 1000,
  ...extra,
});
const feed = (fixes: Fix[]) => {
  let h: TrackHistory = emptyHistory();
  const verdicts = fixes.map((f) => {
    const r = screenFix(h, f);
    h = remember(h, f, r);
    return r;
  });
  return { h, verdicts };
};

describe('location sanity filters', () => {
  it('accepts the first fix and plausible movement', () => {
    expect(feed([fix(0), fix(5, 50), fix(10, 100)]).verdicts).toEqual([null, null, null]);
  });
  it('throttles fixes less than 1 s after the previous accepted one', () => {
    const { verdicts } = feed([fix(0), fix(0.5, 1), fix(0.9, 2), fix(1, 3)]);
    expect(verdicts).toEqual([null, 'TOO_FREQUENT', 'TOO_FREQUENT', null]);
  });
  it('lets a replayed offline queue through when device times are spaced', () => {
    const queued = [0, 5, 10].map((s) => fix(s, s, { receivedAt: T0 + 60_000 }));
    expect(feed(queued).verdicts).toEqual([null, null, null]);
  });
  it('refuses exact duplicates and fixes older than the last accepted', () => {
    const { verdicts } = feed([fix(0), fix(0), fix(10, 5), fix(5, 2, { receivedAt: T0 + 20_000 })]);
    expect(verdicts).toEqual([null, 'DUPLICATE', null, 'OUT_OF_ORDER']);
  });
  it('refuses jumps implying more than 70 m/s, and believes the new place after 3 strikes', () => {
    const { verdicts, h } = feed([fix(0), fix(2, 1000), fix(4, 1000), fix(6, 1000), fix(8, 1010)]);
    expect(verdicts).toEqual([null, 'IMPOSSIBLE_SPEED', 'IMPOSSIBLE_SPEED', null, null]);
    expect(h.speedStrikes).toBe(0);
    expect(feed([fix(0), fix(2, 139)]).verdicts).toEqual([null, null]); // 69.5 m/s
  });
  it('remembers the last accepted fixes, oldest first, without touching the history it was given', () => {
    const fixes = Array.from({ length: RECENT_KEPT + 2 }, (_, i) => fix(i * 5, i * 10));
    const { h } = feed(fixes);
    expect(h.recent).toEqual(fixes.slice(-RECENT_KEPT));
    expect(h.last).toBe(fixes[fixes.length - 1]);
    const before = h.recent;
    const next = remember(h, fix(100, 200), null);
    expect(next.recent).toEqual([...before.slice(1), next.last]);
    expect(h.recent).toBe(before);
    expect(before).toEqual(fixes.slice(-RECENT_KEPT));
    expect(feed([fix(0), fix(5, 10), fix(5, 10)]).h.recent).toHaveLength(2); // a duplicate is not kept
  });
});
