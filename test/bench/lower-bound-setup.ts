// Runs the SQLite lower bound (Node 20 + better-sqlite3, outside workerd) before the D1 bench, in
// the same `npm run bench`, and hands its times to settlement.bench.test.ts through `inject`.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    lowerBoundMs: Record<string, number> | null;
    /** `BENCH_SIZES`, e.g. "10000,100000" (workerd sees no process.env). */
    benchSizes: string;
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

export default function setup(project: TestProject) {
  const sizes = process.env.BENCH_SIZES ?? '10000,100000';
  project.provide('benchSizes', sizes);
  const node = nodeForBetterSqlite();
  if (!node) {
    console.warn('No Node on PATH loads better-sqlite3: the settlement ratios are left out.');
    project.provide('lowerBoundMs', null);
    return;
  }
  const out = execFileSync(node, ['test/bench/sqlite-lower-bound.mjs', sizes], { encoding: 'utf8', maxBuffer: 1 << 20 });
  project.provide('lowerBoundMs', JSON.parse(out.trim().split('\n').pop()!));
}
