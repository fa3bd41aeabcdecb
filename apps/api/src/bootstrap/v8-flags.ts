import { setFlagsFromString } from 'node:v8';

/**
 * Turns off V8's allocation-site pretenuring, first thing in the process (main.ts imports this
 * before the app's modules). With it on, V8 starts allocating the objects of a site directly in the
 * old generation once that site's objects are seen alive at scavenges; here that filled the old
 * generation with objects of commands that live for milliseconds, and every major GC it brought
 * is a latency tail on the event loop's core. Measured with the bench (bench/README, "what sets
 * the scan ceiling"): promoted bytes during scans went from 1.3-1.7 to 0.5-0.6 MB/s, and during
 * the 10,000-guard fleet from 5.2-7.6 to 3.3-4.3 MB/s, with shorter scavenge pauses and no CPU
 * change beyond run-to-run spread.
 *
 * `node --allocation-site-pretenuring dist/apps/api/src/main.js` keeps V8's default, for comparisons.
 * (V8 flags cannot go in NODE_OPTIONS; this one is read at each GC, so setting it now works.)
 */
if (!process.execArgv.includes('--allocation-site-pretenuring'))
  setFlagsFromString('--no-allocation-site-pretenuring');
