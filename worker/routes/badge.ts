// Badges: the kudos count of a person or a thing as an SVG image anyone may embed.
import { Hono } from 'hono';
import { monthOf } from '../domain/month';
import { HANDLE } from '../domain/rules';
import type { AppContext, AppEnv } from '../http/context';
import { CSP } from '../http/security-headers';
import { badgeSvg } from '../views/badge-svg';
import { personByHandle } from '../store/accounts';
import { kudosReceived } from '../store/stats';
import { thingWithCounts } from '../store/things';

export const badge = new Hono<AppEnv>();

function sendBadge(c: AppContext, svg: string, status: 200 | 404) {
  // Counts change slowly and image proxies (GitHub's camo) cache anyway: five minutes is honest.
  c.header('Cache-Control', status === 200 ? 'public, max-age=300, s-maxage=300' : 'public, max-age=60');
  c.header('Content-Security-Policy', CSP.badge);
  return c.body(svg, status, { 'Content-Type': 'image/svg+xml; charset=utf-8' });
}

const unknown = (c: AppContext) => sendBadge(c, badgeSvg({ label: 'kudos', value: 'unknown', title: 'Kudos: not found', color: '#9f9f9f' }), 404);

badge.get('/badge/thing/:file{[0-9]{1,15}\\.svg}', async (c) => {
  const id = Number(c.req.param('file').slice(0, -'.svg'.length));
  const thing = await thingWithCounts(c.get('db'), id, monthOf(Date.now()));
  if (!thing?.claimed || thing.hidden) return unknown(c);
  return sendBadge(
    c,
    badgeSvg({ label: 'kudos', value: String(thing.clicksTotal), title: `Kudos for “${thing.title}” by @${thing.owner}: ${thing.clicksTotal}` }),
    200,
  );
});

badge.get('/badge/:file{[^/]+\\.svg}', async (c) => {
  const handle = c.req.param('file').slice(0, -'.svg'.length).toLowerCase();
  const person = HANDLE.test(handle) ? await personByHandle(c.get('db'), handle) : undefined;
  if (!person) return unknown(c);
  const count = await kudosReceived(c.get('db'), person.id);
  return sendBadge(c, badgeSvg({ label: 'kudos', value: String(count), title: `Kudos for @${person.handle}: ${count}` }), 200);
});
