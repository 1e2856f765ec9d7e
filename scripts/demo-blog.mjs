// The demo blog for `npm start` and the browser tests: a plain site on http://localhost:<port>,
// another site than Kudos on http://127.0.0.1:<port>, whose posts (alice's things) carry Kudos
// buttons in every style, theme and language, written exactly as a creator would write them.
import { createServer } from 'node:http';

const OWNER = 'alice';

/** @typedef {{ slug: string, title: string, lang: string, dark?: boolean, body: string, buttons: Array<{ style?: string, theme?: string, lang?: string, canonicalOnly?: boolean }> }} Post */

/** @type {Post[]} */
export const POSTS = [
  {
    slug: 'micro-donations',
    title: 'Why micro-donations work',
    lang: 'en',
    body: 'Small amounts, given often and without friction, add up. Each month your budget is split among everything you gave kudos to.',
    buttons: [{}],
  },
  {
    slug: 'kudos-auf-deutsch',
    title: 'Kudos auf Deutsch',
    lang: 'de',
    body: 'Dieser Beitrag ist deutsch; der Knopf spricht die Sprache der Seite.',
    buttons: [{ style: 'large' }],
  },
  {
    slug: 'kudos-pa-svenska',
    title: 'Kudos på svenska',
    lang: 'sv',
    body: 'Det här inlägget är på svenska, och knappen också. Dess adress kommer från sidans kanoniska länk.',
    buttons: [{ style: 'compact', canonicalOnly: true }],
  },
  {
    slug: 'night-mode',
    title: 'Writing at night',
    lang: 'en',
    dark: true,
    body: 'A dark page with dark buttons in every style.',
    buttons: [{ theme: 'dark' }, { theme: 'dark', style: 'compact' }, { theme: 'dark', style: 'large' }],
  },
];

const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The two lines a creator pastes, with the options as data attributes. */
function kudosButton(kudos, blog, post, { style, theme, lang, canonicalOnly } = {}) {
  const url = `${blog}/posts/${post.slug}`;
  const attributes = [
    `class="kudos-button"`,
    `href="${escapeHtml(`${kudos}/thing?${new URLSearchParams({ owner: OWNER, url })}`)}"`,
    `data-owner="${OWNER}"`,
    // Without data-url the loader takes the page's canonical URL.
    canonicalOnly ? '' : `data-url="${escapeHtml(url)}"`,
    `data-title="${escapeHtml(post.title)}"`,
    style ? `data-style="${style}"` : '',
    theme ? `data-theme="${theme}"` : '',
    lang ? `data-lang="${lang}"` : '',
  ];
  return `<a ${attributes.filter(Boolean).join(' ')}>Give kudos</a>`;
}

function layout(kudos, { title, lang = 'en', dark = false, canonical = '', owner = false, body }) {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
${canonical ? `<link rel="canonical" href="${escapeHtml(canonical)}">` : ''}
${owner ? `<meta name="kudos:owner" content="${OWNER}">` : ''}
<style>
  body { font: 17px/1.6 Georgia, serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; ${dark ? 'background: #0d1117; color: #e6edf3; color-scheme: dark;' : 'background: #fffdf8; color: #222;'} }
  a { color: ${dark ? '#79c0ff' : '#0645ad'}; }
  header { border-bottom: 1px solid #8884; margin-bottom: 1.5rem; }
  .buttons { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; margin: 1.5rem 0; }
  table { border-collapse: collapse; } td, th { padding: .5rem 1rem; text-align: left; }
  .light { background: #fff; color: #222; } .darkcell { background: #0d1117; color: #e6edf3; color-scheme: dark; }
  #cover { position: absolute; inset: 0; background: rgba(255, 255, 255, .6); pointer-events: none; }
  /* The buttons' sizes, reserved before embed.js runs, so the page never moves (see docs/embed.md). */
  a.kudos-button { display: inline-block; width: 180px; height: 32px; vertical-align: middle; overflow: hidden; }
  a.kudos-button[data-style=compact] { width: 84px; height: 26px; }
  a.kudos-button[data-style=large] { width: 112px; height: 84px; }
</style>
<script async crossorigin="anonymous" src="${kudos}/embed.js"></script>
</head>
<body>
<header><p><a href="/">The Demo Blog</a> · by ${OWNER} · <a href="/gallery">Button gallery</a> · <a href="/later">Added later</a> · <a href="/covered">Covered button</a></p></header>
${body}
</body>
</html>`;
}

function pages(kudos, blog) {
  /** @type {Record<string, string>} */
  const routes = {};
  routes['/'] = layout(kudos, {
    title: 'The Demo Blog',
    // Proves to Kudos that alice writes this site: Kudos reads the proof in the home page's head.
    owner: true,
    body: `<h1>The Demo Blog</h1>
<p>Every post has a Kudos button. Sign in on <a href="${kudos}">Kudos</a> as bob or carol (password <code>kudos-demo</code>), or through a button.</p>
${POSTS.map((post) => `<article><h2><a href="/posts/${post.slug}">${escapeHtml(post.title)}</a></h2><div class="buttons">${kudosButton(kudos, blog, post, { style: 'compact', lang: 'en' })}</div></article>`).join('\n')}`,
  });
  for (const post of POSTS) {
    routes[`/posts/${post.slug}`] = layout(kudos, {
      title: post.title,
      lang: post.lang,
      dark: post.dark,
      canonical: `${blog}/posts/${post.slug}`,
      owner: true,
      body: `<article><h1>${escapeHtml(post.title)}</h1><p>${escapeHtml(post.body)}</p>
<div class="buttons">${post.buttons.map((options) => kudosButton(kudos, blog, post, options)).join('\n')}</div></article>`,
    });
  }
  const first = POSTS[0];
  const cells = (theme) => ['default', 'compact', 'large'].map((style) => `<td>${kudosButton(kudos, blog, first, { style, theme })}</td>`).join('');
  routes['/gallery'] = layout(kudos, {
    title: 'Button gallery',
    body: `<h1>Every style and theme</h1>
<table id="gallery">
<tr><th></th><th>default</th><th>compact</th><th>large</th></tr>
<tr class="light" data-row="light"><th>light</th>${cells('light')}</tr>
<tr class="darkcell" data-row="dark"><th>dark</th>${cells('dark')}</tr>
<tr class="light" data-row="auto"><th>auto</th>${cells('auto')}</tr>
</table>
<h2>Languages</h2>
<div class="buttons" id="languages">${['en', 'de', 'sv'].flatMap((lang) => ['default', 'compact', 'large'].map((style) => kudosButton(kudos, blog, first, { lang, style }))).join('')}</div>`,
  });
  routes['/later'] = layout(kudos, {
    title: 'A button added later',
    body: `<h1>A button added later</h1><p>This page adds its button a second after loading, as client-side rendered pages do.</p>
<div class="buttons" id="later"></div>
<template id="button">${kudosButton(kudos, blog, POSTS[0])}</template>
<script>setTimeout(() => document.getElementById('later').append(document.getElementById('button').content.cloneNode(true)), 1000);</script>`,
  });
  routes['/covered'] = layout(kudos, {
    title: 'A covered button',
    body: `<h1>A covered button</h1><p>A translucent layer that lets clicks through lies over this button, as a clickjacking page would arrange it. The button refuses clicks.</p>
<div class="buttons" style="position: relative">${kudosButton(kudos, blog, POSTS[1], { lang: 'en' })}<div id="cover"></div></div>`,
  });
  return routes;
}

/**
 * @param {{ port: number, kudosOrigin: string }} options
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function startDemoBlog({ port, kudosOrigin }) {
  // "localhost", not 127.0.0.1: a different site from Kudos, so the buttons are truly third-party.
  const url = `http://localhost:${port}`;
  const routes = pages(kudosOrigin, url);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', url).pathname.replace(/\/+$/, '') || '/';
    if (path === '/.well-known/kudos') {
      // The other proof: the handles that own this whole host, one per line.
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      return res.end(`# Kudos handles that own this site\n${OWNER}\n`);
    }
    const html = routes[path];
    res.writeHead(html ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
    res.end(html ?? layout(kudosOrigin, { title: 'Not found', body: '<h1>Not found</h1>' }));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, 'localhost', resolve);
  });
  return {
    url,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
