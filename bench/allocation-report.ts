// Summarises an allocation sample (bench/allocation-sampler.ts): bytes per second, per message
// when given the messages of the window, and the largest shares by package and by function.
// node dist/bench/allocation-report.js /tmp/allocations-<pid>.json [messages in the window]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children?: ProfileNode[];
}

const [file, messagesArg] = process.argv.slice(2);
const { windowMs, profile } = JSON.parse(readFileSync(file, 'utf8')) as {
  windowMs: number;
  profile: { head: ProfileNode };
};
const byPackage = new Map<string, number>();
const byFunction = new Map<string, number>();
const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);

/** node_modules package, node: module, the product's top folders, or (native). */
function packageOf(url: string): string {
  const dep = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  if (dep) return dep[1];
  if (url.startsWith('node:')) return url.replace(/\/[^/]+$/, '');
  if (!url) return '(native)';
  return url
    .replace(/^.*\/dist\//, '')
    .split('/')
    .slice(0, 3)
    .join('/');
}

let total = 0;
const stack: ProfileNode[] = [profile.head];
while (stack.length) {
  const node = stack.pop()!;
  const { functionName, url, lineNumber } = node.callFrame;
  total += node.selfSize;
  add(byPackage, packageOf(url), node.selfSize);
  add(byFunction, `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber}`, node.selfSize);
  stack.push(...(node.children ?? []));
}

const mb = (b: number) => (b / 1e6).toFixed(1);
const messages = Number(messagesArg ?? 0);
console.log(
  `${mb(total)} MB sampled over ${windowMs} ms: ${mb((total / windowMs) * 1000)} MB/s` +
    (messages ? `, ${(total / messages / 1000).toFixed(1)} KB per message` : ''),
);
for (const [title, m, n] of [
  ['by package', byPackage, 20],
  ['by function (self)', byFunction, 30],
] as const) {
  console.log(`--- ${title}`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n))
    console.log(`${((v / total) * 100).toFixed(1).padStart(5)}% ${mb(v).padStart(7)} MB  ${k}`);
}
