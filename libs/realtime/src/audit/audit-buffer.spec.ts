import { AuditBuffer } from './audit-buffer.js';
import { RefusalAggregator } from './refusal-aggregator.js';

describe('AuditBuffer', () => {
  it('keeps rows in order up to its capacity, then drops the oldest and counts them', () => {
    const b = new AuditBuffer<number>(3);
    expect([1, 2, 3].map((n) => b.push(n))).toEqual([0, 0, 0]);
    expect(b.push(4)).toBe(1);
    expect(b.dropped).toBe(1);
    expect(b.take(10)).toEqual([2, 3, 4]);
    expect(b.size).toBe(0);
  });

  it('puts unwritten rows back in front of newer ones, still within capacity', () => {
    const b = new AuditBuffer<number>(4);
    [1, 2, 3].forEach((n) => b.push(n));
    const batch = b.take(2);
    expect(batch).toEqual([1, 2]);
    [4, 5].forEach((n) => b.push(n)); // recorded while the batch failed
    expect(b.putBack(batch)).toBe(1); // 1,2,3,4,5 is one too many: the oldest goes
    expect(b.take(10)).toEqual([2, 3, 4, 5]);
    expect(b.dropped).toBe(1);
  });

  it('survives an outage of any length with bounded memory', () => {
    const b = new AuditBuffer<number>(100);
    for (let i = 0; i < 100_000; i++) b.push(i);
    expect(b.size).toBe(100);
    expect(b.dropped).toBe(99_900);
    expect(b.take(1)).toEqual([99_900]);
  });
});

describe('RefusalAggregator', () => {
  it('folds refusals of one key into one row per window, with the count and the span', () => {
    const a = new RefusalAggregator<string>(1000, 10);
    for (let i = 0; i < 50; i++) a.add('10.0.0.1', `refusal ${i}`, 5000 + i);
    a.add('10.0.0.2', 'other', 5100);
    expect(a.drain(5999)).toEqual([]);
    expect(a.drain(6000)).toEqual([
      [
        'refusal 0',
        { count: 50, firstAt: new Date(5000).toISOString(), lastAt: new Date(5049).toISOString() },
      ],
    ]);
    expect(a.drain(6100).map(([row, c]) => [row, c.count])).toEqual([['other', 1]]);
    expect(a.open).toBe(0);
  });

  it('closes every open window early rather than hold more than maxKeys', () => {
    const a = new RefusalAggregator<string>(60_000, 2);
    expect(a.add('a', 'a', 0)).toEqual([]);
    expect(a.add('b', 'b', 0)).toEqual([]);
    expect(a.add('c', 'c', 1).map(([row]) => row)).toEqual(['a', 'b']);
    expect(a.open).toBe(1);
    expect(a.drain(2, true).map(([row]) => row)).toEqual(['c']);
  });
});
