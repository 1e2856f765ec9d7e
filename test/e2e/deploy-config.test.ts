// What `wrangler deploy` would ship, read from its own dry run: never the free `dev` payment
// provider, never an admin token, never LOCAL_DEV, and no secret's name as a plain var (a
// secret cannot share a name with a var: Cloudflare error 10053). Run after `.dev.vars` exists,
// as it does after `npm start`, to show that the local file stays local.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs shared with `npm start`
import { ensureDevVars, LOCAL_VARS, startKudos } from '../../scripts/local-server.mjs';
import { api, freePort, signUpPerson } from './harness';

const SECRETS = ['ADMIN_TOKEN', 'STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'];

describe('the deploy configuration', () => {
  it('ships no dev provider, no admin token and no local-only var', () => {
    ensureDevVars();
    const outdir = mkdtempSync(join(tmpdir(), 'kudos-deploy-'));
    try {
      const run = spawnSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', outdir], {
        cwd: new URL('../..', import.meta.url).pathname,
        encoding: 'utf8',
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
      });
      expect(run.status, run.stderr).toBe(0);
      const vars = Object.fromEntries([...run.stdout.matchAll(/env\.(\w+) \("([^"]*)"\)\s+Environment Variable/g)].map((m) => [m[1]!, m[2]!]));
      // The dry run did list the vars (so an empty list cannot pass by accident).
      expect(vars).toMatchObject({ CURRENCY: 'EUR', PAYMENT_PROVIDER: 'stripe' });
      expect(vars.PAYMENT_PROVIDER).not.toBe('dev');
      expect(Object.keys(vars)).not.toContain('LOCAL_DEV');
      for (const secret of SECRETS) expect(Object.keys(vars)).not.toContain(secret);
      const bundle = readFileSync(join(outdir, 'index.js'), 'utf8');
      expect(bundle).not.toContain(LOCAL_VARS.ADMIN_TOKEN);
      expect(run.stdout).not.toContain(LOCAL_VARS.ADMIN_TOKEN);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('a fresh clone', () => {
  it('still gives free local deposits: `npm start`’s server takes the dev provider from .dev.vars', async () => {
    ensureDevVars();
    const dev = readFileSync(new URL('../../.dev.vars', import.meta.url), 'utf8');
    if (!dev.includes('PAYMENT_PROVIDER="dev"')) return console.warn('skipped: your .dev.vars chooses another provider');
    const dir = mkdtempSync(join(tmpdir(), 'kudos-fresh-'));
    // No vars passed: exactly what `npm start` runs.
    const kudos = await startKudos({ port: await freePort(), persistTo: dir, quiet: true });
    try {
      const person = await signUpPerson(kudos.origin, `fresh${Date.now().toString(36)}`);
      const deposit = await api(kudos.origin, 'POST', '/api/v1/me/deposits', { amount_cents: 1000 }, { Cookie: person.cookie });
      expect(deposit.status).toBe(201);
      expect(deposit.body).toMatchObject({ provider: 'dev', balance_cents: 1000 });
    } finally {
      await kudos.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
