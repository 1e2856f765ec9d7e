// `npm run lint` runs this: every import inside worker/ goes down the layers, never up, and no
// two files import each other round a cycle. The layers, lowest first (docs/architecture.md):
//
//   domain   pure rules and values; imports nothing of ours but domain (and widget/common)
//   store    D1 queries; imports domain and schema
//   env, outbound, payments   configuration and the world outside
//   http     middleware and request helpers; never actions, views or routes
//   views    what pages and emails look like, from props; store's types only; never env or http
//   actions  what a person or the cron does; may render views (emails)
//   routes   HTTP in and out: read the request, call an action, answer
//   index    the Worker's entry
//
// Type-only imports count too (a cycle of types is still a cycle), except that views may name
// the store's row types: they take rows as props, and never call a query.
// Dependency-free on purpose (it runs before the build): a line-based reader of import/export
// statements, enough for this code base's formatted sources.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const WORKER = join(ROOT, 'worker');

const RANK = { domain: 0, store: 1, env: 2, outbound: 2, payments: 2, http: 3, views: 4, actions: 5, routes: 6, index: 7 };
/** Besides the rank order: what a layer may never import, though it ranks higher. */
const NEVER = { views: ['env', 'http', 'outbound', 'payments'] };
/** What a layer may import only the types of: views take props, they run no query. */
const TYPES_ONLY = { views: ['store'] };

/** The layer of a file under worker/, or null outside the layered code (generated assets). */
function layerOf(file) {
  const path = relative(WORKER, file).split('/');
  if (path.length === 1) return path[0].replace(/\.tsx?$/, '');
  return path[0] in RANK ? path[0] : null;
}

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** What `file` imports or re-exports from under worker/: each target and whether only its types. */
function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  const statements = [
    ...[...text.matchAll(/^\s*(import|export)\b([^;]*?)\bfrom\s+['"]([^'"]+)['"]/gms)].map((m) => ({ typeOnly: /^\s*type\b/.test(m[2]), specifier: m[3] })),
    ...[...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => ({ typeOnly: false, specifier: m[1] })),
  ];
  return statements
    .filter(({ specifier }) => specifier.startsWith('.'))
    .map(({ typeOnly, specifier }) => {
      const base = resolve(dirname(file), specifier);
      const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
      return { typeOnly, target: candidates.find((c) => /\.tsx?$/.test(c) && existsSync(c)) ?? base };
    })
    .filter(({ target }) => target.startsWith(`${WORKER}/`));
}

const files = sources(WORKER);
const imports = new Map(files.map((file) => [file, importsOf(file)]));
const graph = new Map([...imports].map(([file, list]) => [file, list.map((i) => i.target)]));
const problems = [];
const show = (file) => relative(ROOT, file);

for (const [file, targets] of imports) {
  const from = layerOf(file);
  if (from === null) continue;
  for (const { target, typeOnly } of targets) {
    const to = layerOf(target);
    if (to === null || to === from) continue;
    if (RANK[to] > RANK[from] || NEVER[from]?.includes(to)) problems.push(`${show(file)} (${from}) imports ${show(target)} (${to})`);
    else if (!typeOnly && TYPES_ONLY[from]?.includes(to)) problems.push(`${show(file)} (${from}) imports values from ${show(target)} (${to}): types only`);
  }
}

// Cycles: a depth-first search over the whole graph, reporting each cycle once.
const state = new Map();
const stack = [];
const seen = new Set();
function visit(file) {
  state.set(file, 'open');
  stack.push(file);
  for (const target of graph.get(file) ?? []) {
    if (!graph.has(target)) continue;
    if (state.get(target) === 'open') {
      const cycle = stack.slice(stack.indexOf(target)).map(show);
      const key = [...cycle].sort().join(' ');
      if (!seen.has(key)) {
        seen.add(key);
        problems.push(`cycle: ${[...cycle, show(target)].join(' → ')}`);
      }
    } else if (!state.has(target)) visit(target);
  }
  stack.pop();
  state.set(file, 'done');
}
for (const file of files) if (!state.has(file)) visit(file);

if (problems.length > 0) {
  console.error(`${problems.length} import${problems.length === 1 ? '' : 's'} against the layers (scripts/check-layers.mjs):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`Layers: ${files.length} files under worker/, every import goes down, no cycle.`);
