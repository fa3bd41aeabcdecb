/**
 * `node dist/bench/compare.js --group off <results files...> --group on <results files...>`
 * Compares bench results of two conditions (say messages off and on) over several runs a side:
 * per tier and figure, each side's median, mean and range, how far the second group sits above
 * the first (Hodges-Lehmann shift with a 90% bootstrap interval) and a two-sided rank permutation
 * p-value. Prints a markdown table. Files are paths or names under bench/results.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  bootstrapShiftInterval,
  hodgesLehmannShift,
  mean,
  median,
  rankPermutationP,
  seededRandom,
} from './stats.js';

type Row = Record<string, any>;
interface Figure {
  name: string;
  read: (row: Row) => number | undefined;
}

/** The figures an on/off comparison is about: the safety paths' tails first, then what they cost. */
export const FIGURES: Figure[] = [
  { name: 'fleet-phase panic p99 ms', read: (r) => r.panic?.fleet?.p99 },
  { name: 'fleet-phase panic p50 ms', read: (r) => r.panic?.fleet?.p50 },
  { name: 'all panics p99 ms', read: (r) => r.panic?.p99 },
  { name: 'all panics p99 send to server ms', read: (r) => r.panic?.toServerP99 },
  { name: 'all panics p99 server to staff ms', read: (r) => r.panic?.fromServerP99 },
  { name: 'panic deliveries lost', read: (r) => r.panic?.lost },
  { name: 'loc ack p99 ms', read: (r) => r.location?.ackP99 },
  { name: 'loc ack p50 ms', read: (r) => r.location?.ackP50 },
  { name: 'loc missing last points', read: (r) => r.location?.lastPointMissing },
  { name: 'server loop p99 ms', read: (r) => r.serverLoopDelayMs?.p99 },
  { name: 'server loop max ms', read: (r) => r.serverLoopDelayMs?.max },
  { name: 'server CPU % of a core', read: (r) => r.serverFleetCpuPct },
  { name: 'PostgreSQL CPU s', read: (r) => (r.dbCpuUs == null ? undefined : r.dbCpuUs / 1e6) },
  { name: 'load gen busy %', read: (r) => (r.loadGenElu == null ? undefined : r.loadGenElu * 100) },
  { name: 'load gen loop max ms', read: (r) => r.loadGenLoopDelayMs?.max },
  { name: 'load gen GC paused %', read: (r) => r.loadGenGcPauses?.pausedPct },
  { name: 'load gen longest major GC ms', read: (r) => r.loadGenGcPauses?.major.maxMs },
  { name: 'load gen waiting for a core ms', read: (r) => r.cpuWait?.loadGen?.waitMs },
  { name: 'load gen longest wait for a core ms', read: (r) => r.cpuWait?.loadGen?.maxInOneSampleMs },
  { name: 'server waiting for a core ms', read: (r) => r.cpuWait?.server?.waitMs },
  // A run without messages has no message figures (not zero of them).
  { name: 'message p99 ms', read: (r) => (r.messages?.expectedDeliveries ? r.messages.p99 : undefined) },
  {
    name: 'message deliveries lost',
    read: (r) => (r.messages?.expectedDeliveries ? r.messages.lost : undefined),
  },
];

const resultsDir = resolve(import.meta.dirname, '../../bench/results');

export function loadResults(file: string): { file: string; rows: Row[] } {
  const path = existsSync(file) ? file : join(resultsDir, file.endsWith('.json') ? file : `${file}.json`);
  const report = JSON.parse(readFileSync(path, 'utf8'));
  return { file: path, rows: (report.results as Row[]).filter((r) => r.mode === 'ours') };
}

function parseGroups(argv: string[]): { name: string; files: string[] }[] {
  const groups: { name: string; files: string[] }[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--group') groups.push({ name: argv[++i], files: [] });
    else if (groups.length) groups[groups.length - 1].files.push(argv[i]);
  }
  return groups;
}

const fmt = (x: number) =>
  Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2);
const summary = (xs: number[]) =>
  `${fmt(median(xs))} (${fmt(mean(xs))}; ${fmt(Math.min(...xs))} to ${fmt(Math.max(...xs))})`;

/** One markdown table per tier: every figure both groups have, the second group against the first. */
export function compare(groups: { name: string; runs: Row[][] }[], seed = 1): string {
  const [a, b] = groups;
  const tiers = [...new Set(a.runs.flat().map((r) => r.guards as number))].sort((x, y) => x - y);
  const out: string[] = [];
  for (const tier of tiers) {
    const pick = (runs: Row[][], figure: Figure) =>
      runs
        .map((rows) => rows.find((r) => r.guards === tier))
        .map((r) => (r ? figure.read(r) : undefined))
        .filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
    out.push(
      `\ntier ${tier.toLocaleString('en-US')}: ${b.name} against ${a.name}\n`,
      `| figure | ${a.name}: median (mean; range) | n | ${b.name}: median (mean; range) | n | shift (${b.name} - ${a.name}) [90% interval] | p |`,
      '| --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const figure of FIGURES) {
      const xs = pick(a.runs, figure);
      const ys = pick(b.runs, figure);
      if (ys.length === 0) continue;
      if (xs.length === 0) {
        out.push(`| ${figure.name} | - | 0 | ${summary(ys)} | ${ys.length} | - | - |`);
        continue;
      }
      const random = seededRandom(seed);
      const [low, high] = bootstrapShiftInterval(xs, ys, random);
      const p = rankPermutationP(xs, ys, random);
      out.push(
        `| ${figure.name} | ${summary(xs)} | ${xs.length} | ${summary(ys)} | ${ys.length} | ` +
          `${fmt(hodgesLehmannShift(xs, ys))} [${fmt(low)} to ${fmt(high)}] | ${p.toFixed(3)} |`,
      );
    }
  }
  return out.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const groups = parseGroups(process.argv.slice(2));
  if (groups.length !== 2 || groups.some((g) => g.files.length === 0)) {
    console.error('usage: node dist/bench/compare.js --group <name> <files...> --group <name> <files...>');
    process.exit(2);
  }
  const loaded = groups.map((g) => ({ name: g.name, runs: g.files.map((f) => loadResults(f).rows) }));
  console.log(compare(loaded));
}
