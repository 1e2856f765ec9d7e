// /settings/webhooks: where a creator adds webhook endpoints and reads what was sent to them.
// Plain forms, POST → redirect → GET (the new endpoint's secret is the one answer shown at once).
import { Hono } from 'hono';
import { addWebhookEndpoint } from '../actions/webhooks';
import { refuse } from '../domain/refusal';
import type { AppContext, AppEnv } from '../http/context';
import { takeFlash } from '../http/flash';
import { siteLang } from '../http/lang';
import { sameOriginWrites } from '../http/same-origin';
import { UrlForm } from '../http/schemas';
import type { Account } from '../store/accounts';
import { deliveriesOf, enableEndpoint, endpointsOf, removeEndpoint } from '../store/webhooks';
import { WebhooksPage } from '../views/webhooks';
import { WEBHOOK_WORDS } from '../views/words/webhooks';
import { formAction, sendPage, signedIn } from './respond';

export const webhookPages = new Hono<AppEnv>();

const wordsOf = (c: AppContext) => WEBHOOK_WORDS[siteLang(c)];

async function webhooksPage(c: AppContext, me: Account, created?: { url: string; secret: string }) {
  const db = c.get('db');
  const w = wordsOf(c);
  const [endpoints, deliveries] = await Promise.all([endpointsOf(db, me.id), deliveriesOf(db, me.id)]);
  return sendPage(c, { title: w.title, viewer: me, flash: takeFlash(c), children: WebhooksPage({ endpoints, deliveries, created, w }) });
}

webhookPages.get('/settings/webhooks', async (c) => webhooksPage(c, await signedIn(c)));

webhookPages.post(
  '/settings/webhooks',
  sameOriginWrites,
  formAction('/settings/webhooks', UrlForm, async (c, me, form) => {
    const endpoint = await addWebhookEndpoint(c.get('db'), c.get('config'), me.id, form.url);
    return webhooksPage(c, me, { url: endpoint.url, secret: endpoint.secret });
  }),
);

/** The endpoint id in the path. */
const endpointId = (c: AppContext) => Number(c.req.param('id'));

webhookPages.post(
  '/settings/webhooks/:id{[0-9]{1,15}}/remove',
  sameOriginWrites,
  formAction('/settings/webhooks', null, async (c, me) => {
    if (!(await removeEndpoint(c.get('db'), me.id, endpointId(c)))) throw refuse('not_found', 'No such endpoint of yours.');
    return wordsOf(c).removed;
  }),
);

webhookPages.post(
  '/settings/webhooks/:id{[0-9]{1,15}}/enable',
  sameOriginWrites,
  formAction('/settings/webhooks', null, async (c, me) => {
    if (!(await enableEndpoint(c.get('db'), me.id, endpointId(c)))) throw refuse('not_found', 'No such endpoint of yours.');
    return wordsOf(c).enabled;
  }),
);
