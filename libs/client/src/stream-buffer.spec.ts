import type { Envelope } from '#contract';
import { StreamBuffer } from './stream-buffer.js';

const env = (stream: string, seq: number, id = `${stream}#${seq}`): Envelope => ({
  id,
  type: 'incident_created',
  stream,
  seq,
  siteId: null,
  occurredAt: new Date(0).toISOString(),
  actor: { userId: null, role: 'system', name: 'x' },
  data: {},
});

function setup() {
  const out: string[] = [];
  const cursors: Record<string, number> = {};
  const b = new StreamBuffer(
    (e) => out.push(`${e.stream}:${e.seq}`),
    (s, seq) => (cursors[s] = seq),
  );
  return { b, out, cursors };
}

describe('StreamBuffer', () => {
  it('delivers in seq order, holding later events until the gap is filled', () => {
    const { b, out, cursors } = setup();
    b.setCursor('a', 0);
    expect(b.push(env('a', 2))).toBe(false);
    expect(b.push(env('a', 3))).toBe(false);
    expect(b.hasGaps()).toBe(true);
    expect(out).toEqual([]);
    expect(b.push(env('a', 1))).toBe(true);
    expect(out).toEqual(['a:1', 'a:2', 'a:3']);
    expect(b.hasGaps()).toBe(false);
    expect(cursors).toEqual({ a: 3 });
  });

  it('drops replays of seqs already delivered (live + sync overlap)', () => {
    const { b, out } = setup();
    b.setCursor('a', 5);
    b.push(env('a', 4));
    b.push(env('a', 6));
    b.push(env('a', 6));
    b.push(env('a', 5));
    expect(out).toEqual(['a:6']);
  });

  it('delivers an event published on two streams once, advancing both cursors', () => {
    const { b, out, cursors } = setup();
    b.setCursor('staff', 0);
    b.setCursor('user', 10);
    b.push(env('staff', 1, 'same'));
    b.push(env('user', 11, 'same'));
    expect(out).toEqual(['staff:1']);
    expect(cursors).toEqual({ staff: 1, user: 11 });
  });

  it('keeps streams independent and starts unknown streams at their first event', () => {
    const { b, out } = setup();
    b.setCursor('a', 0);
    b.push(env('a', 2));
    b.push(env('b', 7));
    expect(out).toEqual(['b:7']);
    expect(b.gaps()).toEqual(['a']);
  });

  it('reset jumps over a truncated history and releases what follows the new head', () => {
    const { b, out } = setup();
    b.setCursor('a', 0);
    b.push(env('a', 9));
    b.push(env('a', 11));
    b.reset('a', 10);
    expect(out).toEqual(['a:11']);
    expect(b.hasGaps()).toBe(false);
  });
});
