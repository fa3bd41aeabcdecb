import { DeadlineHeap } from './deadline-heap.js';

describe('DeadlineHeap', () => {
  it('hands out due deadlines earliest first and keeps the rest', () => {
    const heap = new DeadlineHeap();
    const times = [50, 10, 40, 30, 20, 60, 10];
    times.forEach((at, i) => heap.push(at, `k${i}`));
    expect(heap.peek()?.at).toBe(10);
    expect(heap.popDue(35).map((d) => d.at)).toEqual([10, 10, 20, 30]);
    expect(heap.size).toBe(3);
    expect(heap.peek()?.at).toBe(40);
    expect(heap.popDue(100).map((d) => d.key)).toEqual(['k2', 'k0', 'k5']);
    expect(heap.peek()).toBeUndefined();
  });

  it('orders any sequence like a sort does', () => {
    const heap = new DeadlineHeap();
    const times = Array.from({ length: 500 }, (_, i) => (i * 7919) % 1009);
    times.forEach((at, i) => heap.push(at, String(i)));
    expect(heap.popDue(Infinity).map((d) => d.at)).toEqual([...times].sort((a, b) => a - b));
  });

  it('retain drops what no longer stands and stays ordered', () => {
    const heap = new DeadlineHeap();
    for (let i = 0; i < 20; i++) heap.push(100 - i, `k${i}`);
    heap.retain((d) => d.at % 2 === 0);
    expect(heap.size).toBe(10);
    heap.push(1, 'early');
    expect(heap.popDue(Infinity).map((d) => d.at)).toEqual([1, 82, 84, 86, 88, 90, 92, 94, 96, 98, 100]);
  });
});
