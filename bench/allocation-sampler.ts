// Diagnostic, not part of a normal bench run: a sampling heap profile of every allocation a
// server makes (objects the GC already collected included), over a window of the fleet phase.
// BENCH_SERVER_NODE_ARGS="--import ./dist/bench/allocation-sampler.js" ALLOC_SAMPLE_DELAY_MS=50000
// ALLOC_SAMPLE_MS=20000 writes /tmp/allocations-<pid>.json; bench/allocation-report.ts reads it.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const delayMs = Number(process.env.ALLOC_SAMPLE_DELAY_MS ?? 60_000);
const windowMs = Number(process.env.ALLOC_SAMPLE_MS ?? 10_000);
const out = `/tmp/allocations-${process.pid}.json`;

setTimeout(() => {
  const session = new Session();
  session.connect();
  const start = {
    samplingInterval: 8192,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  };
  session.post('HeapProfiler.enable', () =>
    session.post('HeapProfiler.startSampling', start, (err) => {
      if (err) return console.error('allocation sampling did not start', err);
      const startedAt = Date.now();
      setTimeout(
        () =>
          session.post('HeapProfiler.stopSampling', (stopErr, result) => {
            if (stopErr) return console.error('allocation sampling did not stop', stopErr);
            writeFileSync(out, JSON.stringify({ windowMs: Date.now() - startedAt, profile: result.profile }));
            console.error(`allocation sample written to ${out}`);
          }),
        windowMs,
      ).unref();
    }),
  );
}, delayMs).unref();
