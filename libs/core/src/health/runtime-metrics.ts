import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { monitorEventLoopDelay, type ELDHistogram } from 'node:perf_hooks';
import { GcPauses } from './gc-pauses.js';
import { loopDelayMs } from './loop-delay.js';

/**
 * This process's event-loop delay (what every socket on the node waits behind), its GC pauses and
 * memory, for operators and the benchmark. Delay and pauses cover the window since the last reset.
 */
@Injectable()
export class RuntimeMetrics implements OnModuleDestroy {
  private readonly delay: ELDHistogram = monitorEventLoopDelay({ resolution: 5 });
  private readonly gc = new GcPauses().start();
  private windowStart = Date.now();
  private readonly sections = new Map<string, () => unknown>();

  constructor() {
    this.delay.enable();
  }

  snapshot() {
    const m = process.memoryUsage();
    return {
      uptimeS: Math.round(process.uptime()),
      eventLoopDelayMs: {
        windowS: Math.round((Date.now() - this.windowStart) / 100) / 10,
        ...loopDelayMs(this.delay),
      },
      gcPauses: this.gc.snapshot(),
      memoryBytes: { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external },
      ...Object.fromEntries([...this.sections].map(([name, read]) => [name, read()])),
    };
  }

  /** Adds a section to the snapshot, read on each request (counters of other modules: `audit`). */
  addSection(name: string, read: () => unknown): void {
    this.sections.set(name, read);
  }

  resetWindow(): void {
    this.delay.reset();
    this.gc.reset();
    this.windowStart = Date.now();
  }

  onModuleDestroy(): void {
    this.delay.disable();
    this.gc.stop();
  }
}
