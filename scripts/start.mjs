// `npm start`: builds the widget, starts Kudos on 127.0.0.1:8787 (PORT overrides) with its local
// D1 migrated and seeded, and a demo blog on http://localhost:8788 (DEMO_PORT) — another site.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { LOCAL_VARS, startKudos } from './local-server.mjs';
import { DEMO_PASSWORD, DEMO_PEOPLE, seedDemo, verifyDemoSite } from './seed-demo.mjs';
import { setTimeout as sleep } from 'node:timers/promises';

const port = Number(process.env.PORT ?? 8787);
const demoPort = Number(process.env.DEMO_PORT ?? 8788);
// Where the local D1 and R2 live (wrangler's default: .wrangler/state); the stop test uses a
// temporary directory so that it never touches a developer's own data.
const persistTo = process.env.PERSIST_TO || undefined;
const ADMIN_TOKEN = LOCAL_VARS.ADMIN_TOKEN; // from .dev.vars, which startKudos writes if missing

/**
 * `npm start` runs this script through `sh -c`. A signal to the npm process itself does not get
 * here: npm hands SIGTERM to the shell, which dies of it without passing it on, and a SIGKILL to
 * npm reaches nobody. Either way this process lived on with wrangler and workerd serving. So it
 * watches the processes that launched it (the shell and npm, Linux's /proc tells the second)
 * and stops as on a signal once one of them is gone.
 */
function launchers() {
  const chain = [process.ppid];
  if (process.env.npm_lifecycle_event) {
    try {
      const stat = readFileSync(`/proc/${process.ppid}/stat`, 'utf8');
      const grandparent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (grandparent > 1) chain.push(grandparent);
    } catch {}
  }
  return chain;
}
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const watched = launchers();
const parentAtStart = process.ppid;
// Until the servers run, leaving is enough: local-server.mjs stops what it started on exit.
let onLauncherGone = () => process.exit(0);
setInterval(() => {
  if (process.ppid !== parentAtStart || !watched.every(alive)) void onLauncherGone();
}, 500).unref();

const build = spawnSync('npm', ['run', 'build', '--if-present'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const kudos = await startKudos({ port, persistTo });
const created = await seedDemo(kudos.origin, ADMIN_TOKEN);

let demo;
if (existsSync(new URL('./demo-blog.mjs', import.meta.url))) {
  const { startDemoBlog } = await import('./demo-blog.mjs');
  demo = await startDemoBlog({ port: demoPort, kudosOrigin: kudos.origin });
  await verifyDemoSite(kudos.origin, demo.url);
}

console.log(`
  Kudos       ${kudos.origin}
  Demo blog   ${demo ? demo.url : '(not built yet)'}
  API docs    ${kudos.origin}/api/v1/openapi.json
  Cron        ${kudos.origin}/cdn-cgi/local/scheduled?cron=5+*+1+*+*&time=<ms>  (fires the cron at <ms>: settles the month before it)
  Admin token ${ADMIN_TOKEN}

  Demo people (password "${DEMO_PASSWORD}"${created.length ? `, just created: ${created.join(', ')}` : ''}):
${DEMO_PEOPLE.map((p) => `    ${p.handle.padEnd(6)} ${p.handle}@kudos.local  ${p.about}`).join('\n')}

  Ctrl-C stops everything.
`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  // Both at once, and not forever: a browser's keep-alive connection can hold the blog open.
  await Promise.race([Promise.all([demo?.close(), kudos.close()]), sleep(8000)]);
  process.exit(0);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, stop);
onLauncherGone = stop;
