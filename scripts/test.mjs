// `npm test`: lint, build, type-check, then every suite — unit and worker tests in workerd + D1,
// browser tests in Chromium across two sites, and the size budgets. Stops at the first failure.
import { spawnSync } from 'node:child_process';

const steps = [
  // First: Biome's lint rules and knip (unused files, exports and dependencies); fast and cheap.
  ['lint', 'npm', ['run', 'lint']],
  // First: the Worker imports the widget's build output (worker/generated/widget-assets.ts).
  ['build', 'npm', ['run', 'build', '--if-present']],
  ['type-check', 'npx', ['tsc', '-p', '.']],
  ['type-check browser tests', 'npx', ['tsc', '-p', 'test/e2e']],
  ['unit + worker tests', 'npx', ['vitest', 'run']],
  ['browser tests', 'npm', ['run', 'test:e2e', '--if-present']],
  ['size budgets (widget and pages)', 'npm', ['run', 'size']],
];

for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}`);
  const { status } = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } });
  if (status !== 0) {
    console.error(`\n✗ ${name} failed`);
    process.exit(status ?? 1);
  }
}
console.log('\n✓ all checks passed');
