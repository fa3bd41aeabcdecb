/**
 * `node dist/bench/alternate.js --blocks 3 --pause-s 90 --a-name off --a-args "--site-message-s 0
 *   --direct-per-s 0" --b-name on -- --no-baseline --tiers 10000 --scan-rates 100`
 * Runs bench/run.ts for two conditions in ABBA blocks (A B B A, repeated), so neither condition
 * always runs first or second: at 10,000 guards the first run of a back-to-back pair has had the
 * shorter tails whatever it ran. Before each run it idles `--pause-s` and then until the 1-minute
 * load average is below `--max-load` (at most 3 more minutes). A condition is flags (`--a-args`)
 * and/or another checkout's build (`--a-root`, as BENCH_SERVER_ROOT). Writes the order, files and
 * start loads to bench/results/alternate-<timestamp>.json and prints bench/compare.ts's table.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { compare, loadResults } from './compare.js';

const root = resolve(import.meta.dirname, '../..');
const separator = process.argv.indexOf('--');
const own = separator >= 0 ? process.argv.slice(2, separator) : process.argv.slice(2);
const common = separator >= 0 ? process.argv.slice(separator + 1) : [];
const arg = (name: string, fallback: string) => {
  const i = own.indexOf(`--${name}`);
  return i >= 0 && own[i + 1] !== undefined ? own[i + 1] : fallback;
};
const words = (s: string) => s.split(' ').filter(Boolean);

interface Condition {
  name: string;
  args: string[];
  serverRoot?: string;
}
const conditions: [Condition, Condition] = [
  { name: arg('a-name', 'A'), args: words(arg('a-args', '')), serverRoot: arg('a-root', '') || undefined },
  { name: arg('b-name', 'B'), args: words(arg('b-args', '')), serverRoot: arg('b-root', '') || undefined },
];
const blocks = Number(arg('blocks', '2'));
const pauseS = Number(arg('pause-s', '90'));
const maxLoad = Number(arg('max-load', '1'));

interface Run {
  condition: string;
  file: string;
  loadAtStart: number;
  finishedAt: string;
}

/** Idles the pause, then until the host has settled (or 3 minutes more have passed). */
async function settle(): Promise<number> {
  await sleep(pauseS * 1000);
  const giveUpAt = Date.now() + 180_000;
  while (loadavg()[0] >= maxLoad && Date.now() < giveUpAt) await sleep(5000);
  return loadavg()[0];
}

function runOnce(condition: Condition): Promise<string> {
  return new Promise((done, fail) => {
    const env = { ...process.env };
    if (condition.serverRoot) env.BENCH_SERVER_ROOT = condition.serverRoot;
    else delete env.BENCH_SERVER_ROOT;
    const child = spawn(process.execPath, [join(root, 'dist/bench/run.js'), ...common, ...condition.args], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let file = '';
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      buffered += chunk.toString();
      const match = /^results: (.+)$/m.exec(buffered);
      if (match) file = match[1].trim();
    });
    child.on('exit', (code) =>
      code === 0 && file ? done(file) : fail(new Error(`bench run (${condition.name}) exited with ${code}`)),
    );
  });
}

const order: Condition[] = [];
for (let b = 0; b < blocks; b++) order.push(conditions[0], conditions[1], conditions[1], conditions[0]);
const runs: Run[] = [];
const startedAt = new Date();
const manifest = join(
  root,
  'bench/results',
  `alternate-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`,
);
mkdirSync(join(root, 'bench/results'), { recursive: true });
for (const [i, condition] of order.entries()) {
  const loadAtStart = await settle();
  console.log(
    `\n== run ${i + 1}/${order.length}: ${condition.name} (load average ${loadAtStart.toFixed(2)})`,
  );
  const file = await runOnce(condition);
  runs.push({ condition: condition.name, file, loadAtStart, finishedAt: new Date().toISOString() });
  writeFileSync(manifest, JSON.stringify({ conditions, common, blocks, pauseS, maxLoad, runs }, null, 2));
}
const groups = conditions.map((c) => ({
  name: c.name,
  runs: runs.filter((r) => r.condition === c.name).map((r) => loadResults(r.file).rows),
}));
console.log(`\norder and files: ${manifest}`);
console.log(compare(groups));
