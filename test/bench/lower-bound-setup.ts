// Runs the SQLite lower bound (Node 20 + better-sqlite3, outside workerd) before the D1 bench, in
// the same `npm run bench`, and hands its times to settlement.bench.test.ts through `inject`.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    lowerBoundMs: Record<string, number> | null;
    /** `BENCH_SIZES`, e.g. "10000,100000" (workerd sees no process.env). */
    benchSizes: string;
    /** `BENCH_MILLION`, the givers million.bench.test.ts settles over the queue (0: skipped). */
    benchMillion: number;
  }
}

/** better-sqlite3 is built for the Node on PATH outside npm's own (Node 20 here); npm run puts Node 24 first. */
function nodeForBetterSqlite(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const node = join(dir, 'node');
    if (!existsSync(node)) continue;
    try {
      execFileSync(node, ['-e', "require('better-sqlite3')(':memory:')"], { stdio: 'ignore' });
      return node;
    } catch {}
  }
  return undefined;
}

/** The highest resident memory (VmHWM) of the workerd processes this run started, in bytes. */
function workerdPeakBytes(): number {
  const parentOf = (pid: string) => /^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  const ours = (pid: string) => {
    for (let p: string | undefined = pid; p && p !== '0' && p !== '1'; p = parentOf(p)) if (p === String(process.pid)) return true;
    return false;
  };
  let peak = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      if (!/^Name:\s+workerd$/m.test(status) || !ours(pid)) continue;
      peak = Math.max(peak, Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024);
    } catch {} // the process ended while we looked
  }
  return peak;
}

export default function setup(project: TestProject) {
  const million = Number(process.env.BENCH_MILLION ?? 0);
  project.provide('benchMillion', million);
  // `BENCH_SIZES= BENCH_MILLION=1000000` runs the million alone.
  const benchSizes = process.env.BENCH_SIZES ?? '10000,100000';
  project.provide('benchSizes', benchSizes);
  const sizes = [...benchSizes.split(','), ...(million > 0 ? [String(million)] : [])].filter(Boolean).join(',');
  // Linux only (/proc): the peak memory of workerd, which holds the local D1 and runs the settlement.
  let peak = 0;
  const sampler = existsSync('/proc/self/status') ? setInterval(() => (peak = Math.max(peak, workerdPeakBytes())), 2000) : undefined;
  sampler?.unref();
  const teardown = () => {
    clearInterval(sampler);
    if (sampler) console.log(`\nworkerd peak resident memory: ${(Math.max(peak, workerdPeakBytes()) / 1024 ** 2).toFixed(0)} MiB`);
  };
  const node = sizes ? nodeForBetterSqlite() : undefined;
  if (!node) {
    if (sizes) console.warn('No Node on PATH loads better-sqlite3: the settlement ratios are left out.');
    project.provide('lowerBoundMs', null);
    return teardown;
  }
  // A million givers' clicks, grouped in memory, outgrow Node's default heap.
  const out = execFileSync(node, ['--max-old-space-size=12288', 'test/bench/sqlite-lower-bound.mjs', sizes], { encoding: 'utf8', maxBuffer: 1 << 20 });
  project.provide('lowerBoundMs', JSON.parse(out.trim().split('\n').pop()!));
  return teardown;
}
