// Stopping the local server's process group stops workerd too (finding 11): after SIGTERM,
// SIGHUP or SIGKILL to the group of a process running startKudos (as `npm start` does), no
// wrangler or workerd of it remains and its port is free. And a signal to the npm process of
// `npm start` alone (issue 15: SIGTERM to it left wrangler and workerd serving) stops them too.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { freePort } from './harness';

const ROOT = new URL('../..', import.meta.url).pathname;

/** pid → [parent pid, command name] for every process now. */
function processes(): Map<number, [number, string]> {
  const table = new Map<number, [number, string]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state !== 'Z') table.set(Number(entry), [Number(ppid), name]);
    } catch {}
  }
  return table;
}

function descendants(root: number): Map<number, string> {
  const table = processes();
  const found = new Map<number, string>();
  let frontier = [root];
  while (frontier.length) {
    const next: number[] = [];
    for (const [pid, [ppid, name]] of table)
      if (frontier.includes(ppid) && !found.has(pid)) {
        found.set(pid, name);
        next.push(pid);
      }
    frontier = next;
  }
  return found;
}

const portOpen = (port: number, host = '127.0.0.1') =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

async function startInOwnGroup(port: number, dir: string) {
  const script = `import { startKudos } from './scripts/local-server.mjs';
    await startKudos({ port: ${port}, persistTo: ${JSON.stringify(dir)}, quiet: true });
    console.log('READY');
    setInterval(() => {}, 1 << 30);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('READY') && resolve());
    child.once('exit', (code) => reject(new Error(`the server process exited with ${code}`)));
  });
  return child;
}

describe('stopping the local server', () => {
  it.each(['SIGTERM', 'SIGHUP', 'SIGKILL'] as const)(
    '%s to the process group leaves no workerd behind and frees the port',
    async (signal) => {
      const port = await freePort();
      const dir = mkdtempSync(join(tmpdir(), 'kudos-stop-'));
      const child = await startInOwnGroup(port, dir);
      try {
        const started = descendants(child.pid!);
        expect([...started.values()]).toContain('workerd');
        expect(await portOpen(port)).toBe(true);

        process.kill(-child.pid!, signal);
        let left = [...started.keys()].filter((pid) => processes().has(pid));
        for (let i = 0; i < 100 && (left.length || (await portOpen(port))); i++) {
          await sleep(200);
          left = [...started.keys()].filter((pid) => processes().has(pid));
        }
        expect(left.map((pid) => started.get(pid))).toEqual([]);
        expect(await portOpen(port)).toBe(false);
      } finally {
        for (const pid of descendants(child.pid!).keys()) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {}
        }
        rmSync(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );

  it.each(['SIGTERM', 'SIGKILL'] as const)(
    '%s to the npm process of `npm start` (not to its script) stops wrangler, workerd and the demo blog',
    async (signal) => {
      const [port, demoPort] = [await freePort(), await freePort()];
      const dir = mkdtempSync(join(tmpdir(), 'kudos-npm-stop-'));
      // Its own group only so that the finally block can clean up whatever a failure leaves.
      const npm = spawn('npm', ['start'], {
        cwd: ROOT,
        env: { ...process.env, PORT: String(port), DEMO_PORT: String(demoPort), PERSIST_TO: dir, WRANGLER_SEND_METRICS: 'false' },
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      for (const stream of [npm.stdout!, npm.stderr!]) stream.on('data', (d) => (output += d));
      let started = new Map<number, string>();
      try {
        for (let i = 0; i < 1200 && !output.includes('stops everything'); i++) {
          if (npm.exitCode !== null) throw new Error(`npm start exited with ${npm.exitCode}:\n${output}`);
          await sleep(250);
        }
        expect(output).toContain('stops everything');
        started = descendants(npm.pid!);
        expect([...started.values()]).toContain('workerd');
        expect([await portOpen(port), await portOpen(demoPort, 'localhost')]).toEqual([true, true]);

        process.kill(npm.pid!, signal);
        let left = [...started.keys()].filter((pid) => processes().has(pid));
        for (let i = 0; i < 150 && (left.length || (await portOpen(port)) || (await portOpen(demoPort, 'localhost'))); i++) {
          await sleep(200);
          left = [...started.keys()].filter((pid) => processes().has(pid));
        }
        expect(left.map((pid) => started.get(pid))).toEqual([]);
        expect([await portOpen(port), await portOpen(demoPort, 'localhost')]).toEqual([false, false]);
      } finally {
        for (const pid of [npm.pid!, ...started.keys(), ...descendants(npm.pid!).keys()]) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {}
        }
        try {
          process.kill(-npm.pid!, 'SIGKILL');
        } catch {}
        rmSync(dir, { recursive: true, force: true });
      }
    },
    400_000,
  );
});
