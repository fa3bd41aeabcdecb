import { setFlagsFromString } from 'node:v8';

/**
 * Turns off V8's allocation-site pretenuring, first thing in the process (imported before the
 * app's modules). V8 had started allocating some per-command objects, which live for
 * milliseconds, directly in the old generation. The bytes promoted out of the young generation
 * then went up too (likely because dead old objects keep the young ones they point to alive
 * until a major GC), so major GCs, each a latency tail on the event loop's core, came more often.
 * The bench measurements are in bench/README ("allocation-site pretenuring off").
 *
 * Passing `--allocation-site-pretenuring` on the node command line keeps V8's default. This flag
 * is not allowed in NODE_OPTIONS; V8 reads it at each GC, so setting it here works.
 */
const keepDefault = process.execArgv.some((a) => a.replace(/_/g, '-') === '--allocation-site-pretenuring');
if (!keepDefault) setFlagsFromString('--no-allocation-site-pretenuring');
