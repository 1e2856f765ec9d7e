// Part of `npm run build`: widget/dist/kudos-wordpress.zip, the WordPress plugin as one folder
// (kudos/) that Plugins → Add New → Upload installs. Deterministic: files in name order, one
// fixed timestamp, so the same sources always make the same bytes.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { zipSync } from 'fflate';

const ROOT = new URL('..', import.meta.url).pathname;
const PLUGIN = `${ROOT}widget/wordpress/kudos`;
const OUT = `${ROOT}widget/dist/kudos-wordpress.zip`;
const MTIME = new Date('2026-01-01T00:00:00Z');

const files = {};
for (const name of readdirSync(PLUGIN).sort()) files[`kudos/${name}`] = [readFileSync(`${PLUGIN}/${name}`), { mtime: MTIME, level: 9 }];
mkdirSync(`${ROOT}widget/dist`, { recursive: true });
writeFileSync(OUT, zipSync(files));
console.log(`WordPress plugin: ${OUT.slice(ROOT.length)} (${Object.keys(files).join(', ')})`);
