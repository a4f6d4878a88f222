/**
 * The hottest paths of a V8 CPU profile, as text: `node --cpu-prof
 * --cpu-prof-dir=prof --import tsx bench/run.ts`, then
 * `node --import tsx bench/profile-summary.ts prof/<file>.cpuprofile`.
 * (The same file opens as a flame graph in Chrome DevTools or speedscope.)
 * Prints each frame's inclusive time, busiest first, counting a frame once
 * per sample even when it recurses.
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const [file, top = '40'] = process.argv.slice(2);
if (!file) {
  console.error('usage: profile-summary <file.cpuprofile> [top]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const label = (n: Node) => {
  const { functionName, url, lineNumber } = n.callFrame;
  const where = url.includes('workflow-bundle') ? 'workflow bundle' : url.split('/').slice(-2).join('/') || 'native';
  return `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
};
const inclusive = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  const seen = new Set<string>();
  for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
    const key = label(byId.get(n)!);
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
  }
});
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
for (const [key, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, Number(top)))
  console.log(`${(us / 1000).toFixed(0).padStart(9)} ms  ${((us / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
