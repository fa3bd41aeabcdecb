import { StreamCursors } from './stream-cursors.js';

const ev = (seq: number, stream = 's') => ({ stream, seq });
const seqs = (events: { seq: number }[]) => events.map((e) => e.seq);

describe('StreamCursors', () => {
  it('delivers the next seq at once and drops what was already delivered', () => {
    const c = new StreamCursors();
    c.follow('s', 4);
    expect(seqs(c.accept(ev(5)).ready)).toEqual([5]);
    expect(c.accept(ev(5)).ready).toEqual([]);
    expect(c.accept(ev(3)).ready).toEqual([]);
    expect(c.cursorOf('s')).toBe(5);
  });

  it('holds a seq that arrives ahead of a gap until the gap fills, then delivers in order', () => {
    const c = new StreamCursors();
    c.follow('s', 0);
    expect(c.accept(ev(1)).ready.length).toBe(1);
    expect(c.accept(ev(3))).toEqual({ ready: [], gap: true });
    expect(c.accept(ev(4))).toEqual({ ready: [], gap: true });
    const filled = c.accept(ev(2));
    expect(seqs(filled.ready)).toEqual([2, 3, 4]);
    expect(filled.gap).toBe(false);
  });

  it('delivers any arrival order, with duplicates, as 1..n exactly once', () => {
    const c = new StreamCursors();
    c.follow('s', 0);
    const arrivals = [3, 1, 3, 2, 6, 5, 1, 4, 7, 6, 8];
    const out = arrivals.flatMap((seq) => seqs(c.accept(ev(seq)).ready));
    expect(out).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('keeps streams apart and ignores streams it does not follow', () => {
    const c = new StreamCursors();
    c.follow('a', 0);
    c.follow('b', 10);
    expect(seqs(c.accept(ev(11, 'b')).ready)).toEqual([11]);
    expect(c.accept(ev(2, 'a')).gap).toBe(true);
    expect(c.accept(ev(1, 'x'))).toEqual({ ready: [], gap: false });
    c.forget('b');
    expect(c.accept(ev(12, 'b')).ready).toEqual([]);
    expect(c.started()).toEqual([['a', 0]]);
  });

  it('starts an unstarted stream at the first event to arrive, or at the head read', () => {
    const c = new StreamCursors();
    c.follow('s', null);
    expect(c.unstarted()).toEqual(['s']);
    expect(seqs(c.accept(ev(8)).ready)).toEqual([8]);
    expect(c.unstarted()).toEqual([]);
    expect(c.accept(ev(7)).ready).toEqual([]);
    c.start('s', 3);
    expect(c.cursorOf('s')).toBe(8);
    c.follow('t', null);
    c.follow('u', null);
    c.forget('u');
    expect(c.unstarted()).toEqual(['t']);
    c.start('t', 5);
    expect(c.unstarted()).toEqual([]);
    expect(c.cursorOf('t')).toBe(5);
    expect(seqs(c.accept(ev(6, 't')).ready)).toEqual([6]);
  });

  it('skips seqs the log no longer has and delivers what waited behind them', () => {
    const c = new StreamCursors();
    c.follow('s', 2);
    c.accept(ev(7));
    expect(seqs(c.skipTo('s', 6))).toEqual([7]);
    expect(c.skipTo('s', 3)).toEqual([]);
  });

  it('holds at most maxHeld events per stream (the rest is read from the log)', () => {
    const c = new StreamCursors(2);
    c.follow('s', 0);
    [3, 4, 5].forEach((seq) => c.accept(ev(seq)));
    expect(seqs(c.accept(ev(1)).ready)).toEqual([1]);
    expect(seqs(c.accept(ev(2)).ready)).toEqual([2, 3, 4]);
  });
});
