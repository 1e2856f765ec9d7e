// `npm run size`: what each page weighs gzipped, against its budget. Exits non-zero when
// anything is over, so CI fails. Add a row to BUDGETS for every new thing worth guarding.
import { gzipSync } from 'node:zlib';
import { runnerImport } from 'vite';

const ROOT = new URL('..', import.meta.url).pathname;
const KB = 1024;

const gz = (text) => gzipSync(text, { level: 9 }).length;
const { WIDGET } = (await runnerImport(`${ROOT}worker/generated/widget-assets.ts`)).module;

/** A typical button document as the Worker serves it (markup, inline CSS and boot data). */
async function sampleButtonDocument() {
  const { buttonDocument } = (await runnerImport(`${ROOT}worker/views/button/document.tsx`)).module;
  const { WORDS } = (await runnerImport(`${ROOT}widget/common/button-words.ts`)).module;
  const boot = {
    look: { style: 'default', theme: 'auto', lang: 'en' },
    words: WORDS.en,
    counts: { status: 'ready', clicks_total: 1234, clicks_this_month: 56 },
    owner: 'alice',
    url: 'https://blog.example/2026/11/why-micro-donations-work',
    title: 'Why micro-donations work',
    site: 'https://blog.example',
    confirmed: false,
  };
  return buttonDocument(boot, WIDGET.button);
}

/** Each row: the parts a browser downloads (each gzipped on its own, as served) and the budget. */
const BUDGETS = [
  { name: 'embed.js (the loader)', parts: { 'embed.js': WIDGET.embedJs }, budget: 1 * KB },
  {
    name: 'button iframe: document + JS + CSS',
    parts: { 'document (incl. CSS)': await sampleButtonDocument(), [WIDGET.button.script]: WIDGET.files[WIDGET.button.script].body },
    budget: 6 * KB,
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
