// oEmbed 1.0 (https://oembed.com): a CMS given a thing page's address gets the button's iframe.
import { Hono } from 'hono';
import { BUTTON_SIZES } from '../../widget/common/options';
import { monthOf } from '../domain/month';
import { readButtonRef } from '../domain/rules';
import type { AppContext, AppEnv } from '../http/context';
import { escapeXml } from '../views/escape';
import { personByHandle } from '../store/accounts';
import { findThingByUrl, thingWithCounts } from '../store/things';

export const oembed = new Hono<AppEnv>();

const [BUTTON_WIDTH, BUTTON_HEIGHT] = BUTTON_SIZES.default;

interface Embeddable {
  owner: string;
  url: string;
  title: string;
}

/** The thing a Kudos page URL shows: /things/:id or /thing?owner=&url=, on this origin only. */
async function embeddableAt(c: AppContext, pageUrl: string): Promise<Embeddable | null> {
  let page: URL;
  try {
    page = new URL(pageUrl);
  } catch {
    return null;
  }
  if (page.origin !== new URL(c.req.url).origin) return null;
  const db = c.get('db');
  const byId = /^\/things\/(\d{1,15})$/.exec(page.pathname);
  if (byId) {
    const thing = await thingWithCounts(db, Number(byId[1]), monthOf(Date.now()));
    return thing ? { owner: thing.owner, url: thing.url, title: thing.title } : null;
  }
  if (page.pathname !== '/thing') return null;
  const ref = readButtonRef(page.searchParams.get('owner'), page.searchParams.get('url'));
  const owner = ref && (await personByHandle(db, ref.owner));
  if (!ref || !owner) return null;
  const url = ref.url;
  // A thing is registered on its first click; before that its page (and embed) exist already.
  const thing = await findThingByUrl(db, owner.id, url);
  return { owner: owner.handle, url, title: thing?.title ?? page.searchParams.get('title') ?? url };
}

/** A positive whole number of pixels, or undefined when the consumer gave none (or nonsense). */
function maxSize(text: string | undefined): number | undefined {
  if (!text || !/^\d{1,5}$/.test(text)) return undefined;
  const n = Number(text);
  return n > 0 ? n : undefined;
}

oembed.get('/oembed', async (c) => {
  // oEmbed endpoints are read by other sites' servers and scripts; the answer is public.
  c.header('Access-Control-Allow-Origin', '*');
  const format = c.req.query('format') ?? 'json';
  if (format !== 'json') return c.text('Only format=json is supported.', 501);
  const thing = await embeddableAt(c, c.req.query('url') ?? '');
  if (!thing) return c.text('No Kudos thing at that URL.', 404);

  const origin = new URL(c.req.url).origin;
  const width = Math.min(BUTTON_WIDTH, maxSize(c.req.query('maxwidth')) ?? Infinity);
  const height = Math.min(BUTTON_HEIGHT, maxSize(c.req.query('maxheight')) ?? Infinity);
  // The title travels in the iframe's URL, so /give names the thing before its first kudos.
  const src = `${origin}/button/embed?${new URLSearchParams({ owner: thing.owner, url: thing.url, title: thing.title })}`;
  const page = `${origin}/thing?${new URLSearchParams({ owner: thing.owner, url: thing.url })}`;
  // WordPress's shape (wp-includes/embed.php): a blockquote with a plain link, shown until the
  // iframe speaks (wp-embed.js), then the iframe. It keeps the blockquote and the iframe's
  // src/width/height/title even from a provider it does not trust, and sandboxes the iframe.
  const html =
    `<blockquote class="wp-embedded-content"><a href="${escapeXml(page)}">${escapeXml(`Kudos for “${thing.title}”`)}</a></blockquote>` +
    `<iframe class="wp-embedded-content" src="${escapeXml(src)}" width="${width}" height="${height}" title="${escapeXml(`Kudos button for ${thing.title}`)}" frameborder="0" scrolling="no" style="border:0"></iframe>`;
  c.header('Cache-Control', 'public, max-age=3600');
  return c.json({
    version: '1.0',
    type: 'rich',
    provider_name: 'Kudos',
    provider_url: `${origin}/`,
    title: thing.title,
    author_name: `@${thing.owner}`,
    author_url: `${origin}/@${thing.owner}`,
    html,
    width,
    height,
    cache_age: 3600,
  });
});
