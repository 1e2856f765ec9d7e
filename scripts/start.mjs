// `npm start`: builds the widget, starts Kudos on 127.0.0.1:8787 (PORT overrides) with its local
// D1 migrated and seeded, and a demo blog on http://localhost:8788 (DEMO_PORT) — another site.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { LOCAL_VARS, startKudos } from './local-server.mjs';
import { DEMO_PASSWORD, DEMO_PEOPLE, seedDemo, verifyDemoSite } from './seed-demo.mjs';
import { setTimeout as sleep } from 'node:timers/promises';

const port = Number(process.env.PORT ?? 8787);
const demoPort = Number(process.env.DEMO_PORT ?? 8788);
const ADMIN_TOKEN = LOCAL_VARS.ADMIN_TOKEN; // from .dev.vars, which startKudos writes if missing

const build = spawnSync('npm', ['run', 'build', '--if-present'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const kudos = await startKudos({ port });
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
