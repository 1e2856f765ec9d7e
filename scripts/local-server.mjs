// Starts Kudos locally: wrangler dev (workerd + local D1) with migrations applied first.
// Used by `npm start`, the browser tests and the benchmarks, so all three run the same thing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const WRANGLER = new URL('../node_modules/.bin/wrangler', import.meta.url).pathname;
const ROOT = new URL('..', import.meta.url).pathname;

/** Process groups of the servers this process started and has not closed yet. */
const running = new Set();

function stopGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {}
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

// Whatever ends this process ends its servers: a normal exit, an uncaught error, or a signal
// (Ctrl-C, kill, a closed terminal). Without this, wrangler and workerd (in their own process
// group) outlive `npm start` and keep the port, and a settlement keeps running.
process.on('exit', () => {
  for (const pid of running) stopGroup(pid, 'SIGTERM');
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    // Other listeners (npm start's own) close things gracefully; alone, stop and exit now.
    if (process.listenerCount(signal) > 1) return;
    for (const pid of running) stopGroup(pid, 'SIGTERM');
    process.exit(128 + (signal === 'SIGHUP' ? 1 : signal === 'SIGINT' ? 2 : 15));
  });
}

/**
 * When this process dies without running any handler (SIGKILL, a crash of node itself), a tiny
 * watchdog outside both process groups notices and stops the server's group.
 */
function watchParent(childPid) {
  const watchdog = `
    const [parent, group] = process.argv.slice(1).map(Number);
    const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
    const timer = setInterval(() => {
      if (!alive(-group)) return process.exit(0);
      if (alive(parent)) return;
      try { process.kill(-group, 'SIGTERM'); } catch {}
      setTimeout(() => { try { process.kill(-group, 'SIGKILL'); } catch {} process.exit(0); }, 3000);
      clearInterval(timer);
    }, 300);`;
  spawn(process.execPath, ['-e', watchdog, String(process.pid), String(childPid)], { detached: true, stdio: 'ignore' }).unref();
}

/**
 * What only a developer's machine may have: the free `dev` payment provider (the Worker accepts
 * it only with LOCAL_DEV=true on a loopback host) and a well-known admin token. They live in
 * `.dev.vars` (gitignored, read by `wrangler dev` only), never in wrangler.toml, so a deploy
 * cannot ship them.
 */
export const LOCAL_VARS = { LOCAL_DEV: 'true', PAYMENT_PROVIDER: 'dev', ADMIN_TOKEN: 'dev-admin-token' };

/** Writes `.dev.vars` with the local settings unless the developer already has one. */
export function ensureDevVars() {
  const path = new URL('../.dev.vars', import.meta.url);
  if (existsSync(path)) return false;
  const lines = Object.entries(LOCAL_VARS).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  writeFileSync(path, `# Local only (gitignored): written by \`npm start\`. See docs/configuration.md.\n${lines.join('\n')}\n`);
  return true;
}

/**
 * @param {{ port?: number, persistTo?: string, vars?: Record<string, string>, quiet?: boolean }} options
 * @returns {Promise<{ origin: string, close: () => Promise<void>, requests: () => Array<{ method: string, path: string, cookie: boolean }> }>}
 */
export async function startKudos({ port = 8787, persistTo, vars = {}, quiet = false } = {}) {
  if (ensureDevVars() && !quiet) console.log('Wrote .dev.vars (local-only settings: dev payments, admin token dev-admin-token).');
  const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: process.env.CI ?? '' };
  const persist = persistTo ? ['--persist-to', persistTo] : [];
  const migrate = spawnSync(WRANGLER, ['d1', 'migrations', 'apply', 'DB', '--local', ...persist], { cwd: ROOT, env, encoding: 'utf8' });
  if (migrate.status !== 0) throw new Error(`applying migrations failed:\n${migrate.stdout}\n${migrate.stderr}`);

  // Links in the emails the cron sends (receipts, claim links) point back to this very server.
  const varArgs = Object.entries({ SITE_ORIGIN: `http://127.0.0.1:${port}`, ...vars }).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
  const args = ['dev', '--ip', '127.0.0.1', '--port', String(port), '--test-scheduled', '--show-interactive-dev-session=false', ...persist, ...varArgs];
  // Its own process group, so stopping it reaches workerd (wrangler's child) as well.
  const child = spawn(WRANGLER, args, { cwd: ROOT, env, stdio: ['ignore', quiet ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit'], detached: true });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  // What the Worker logged with LOG_REQUESTS=1: every request it saw (see worker/index.ts).
  const requests = [];
  let partial = '';
  child.stdout?.on('data', (d) => {
    const lines = (partial + d).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const at = line.indexOf('kudos-request ');
      if (at >= 0) requests.push(JSON.parse(line.slice(at + 'kudos-request '.length)));
    }
  });
  const origin = `http://127.0.0.1:${port}`;
  running.add(child.pid);
  watchParent(child.pid);
  const close = async () => {
    running.delete(child.pid);
    if (child.exitCode !== null) return;
    stopGroup(child.pid, 'SIGTERM');
    const exited = await Promise.race([new Promise((r) => child.once('exit', () => r(true))), sleep(5000).then(() => false)]);
    // wrangler gone, workerd may linger a moment: the whole group goes, by force if need be.
    if (!exited || groupAlive(child.pid)) {
      await sleep(500);
      stopGroup(child.pid, 'SIGKILL');
    }
  };
  for (let attempt = 0; attempt < 240; attempt++) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}\n${stderr}`);
    try {
      const res = await fetch(`${origin}/api/v1/openapi.json`);
      if (res.ok) return { origin, close, requests: () => [...requests] };
    } catch {}
    await sleep(250);
  }
  await close();
  throw new Error(`wrangler dev did not answer on ${origin} within 60 s\n${stderr}`);
}
