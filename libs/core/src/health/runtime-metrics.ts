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
    };
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
