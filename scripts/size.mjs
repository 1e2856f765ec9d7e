// `npm run size`: what each page weighs gzipped, against its budget. Exits non-zero when
// anything is over, so CI fails. Add a row to BUDGETS for every new thing worth guarding.
import { gzipSync } from 'node:zlib';
import { runnerImport } from 'vite';

const ROOT = new URL('..', import.meta.url).pathname;
const KB = 1024;

const gz = (text) => gzipSync(text, { level: 9 }).length;
const { WIDGET } = (await runnerImport(`${ROOT}worker/generated/widget-assets.ts`)).module;

const SAMPLE_THING = { owner: 'alice', url: 'https://blog.example/2026/11/why-micro-donations-work', title: 'Why micro-donations work' };
const look = { style: 'default', theme: 'auto', lang: 'en' };
const { WORDS } = (await runnerImport(`${ROOT}widget/common/button-words.ts`)).module;

/** /button/embed, the oEmbed iframe (inside WordPress's sandbox): markup, inline CSS and script. */
async function sampleSandboxDocument() {
  const { embedDocument } = (await runnerImport(`${ROOT}worker/views/button/embed-document.tsx`)).module;
  const give = `/give?${new URLSearchParams({ ...SAMPLE_THING, lang: 'en', via: 'embed' })}`;
  return embedDocument({
    look,
    words: WORDS.en,
    counts: { clicks_total: 1234, clicks_this_month: 56 },
    give,
    assets: { css: WIDGET.button.css, script: WIDGET.sandbox.script },
  });
}

/** The /give popup asking a signed-in person to confirm a new site. */
async function samplePopupDocument() {
  const { givePage } = (await runnerImport(`${ROOT}worker/views/give-page.tsx`)).module;
  return givePage({
    thing: SAMPLE_THING,
    lang: 'en',
    site: 'https://blog.example',
    siteConfirmed: false,
    fromElsewhere: false,
    autoGive: false,
    viewer: 'bob',
    stage: { kind: 'confirm' },
    counts: null,
    csrf: '0'.repeat(32),
    popup: true,
    embed: false,
    assets: WIDGET.popup,
  });
}

/** GET /api/v1/counts for a page of `n` buttons: the one request the renderer sends. */
const countsAnswer = (n) => JSON.stringify({ counts: Array.from({ length: n }, (_, i) => [1234 + i * 7, 56 + i]) });

/** Each row: the parts a browser downloads (each gzipped on its own, as served) and the budget. */
const BUDGETS = [
  { name: 'embed.js (the loader)', parts: { 'embed.js': WIDGET.embedJs }, budget: 1 * KB },
  {
    name: 'a page of 50 buttons, all it downloads from Kudos before a click',
    parts: { 'embed.js': WIDGET.embedJs, [WIDGET.renderer]: WIDGET.files[WIDGET.renderer].body, '/api/v1/counts (50 things)': countsAnswer(50) },
    budget: 8 * KB,
  },
  { name: 'oEmbed iframe /button/embed (WordPress sandbox)', parts: { 'document (incl. CSS and script)': await sampleSandboxDocument() }, budget: 3 * KB },
  {
    name: 'the /give popup: document + JS',
    parts: { 'document (incl. CSS)': await samplePopupDocument(), [WIDGET.popup.script]: WIDGET.files[WIDGET.popup.script].body },
    budget: 4 * KB,
  },
];

let over = 0;
const rows = [];
for (const { name, parts, budget } of BUDGETS) {
  const sizes = Object.entries(parts).map(([part, text]) => [part, gz(text)]);
  const total = sizes.reduce((sum, [, size]) => sum + size, 0);
  const ok = total <= budget;
  if (!ok) over++;
  rows.push({ name, total, budget, ok, detail: sizes.map(([part, size]) => `${part} ${size} B`).join(' + ') });
}

const width = Math.max(...rows.map((r) => r.name.length));
console.log(`${'what'.padEnd(width)}  ${'gzipped'.padStart(8)}  ${'budget'.padStart(8)}`);
for (const r of rows) {
  console.log(`${r.name.padEnd(width)}  ${`${r.total} B`.padStart(8)}  ${`${r.budget} B`.padStart(8)}  ${r.ok ? 'ok' : 'OVER BUDGET'}   (${r.detail})`);
}
if (over) {
  console.error(`\n${over} over budget`);
  process.exit(1);
}
