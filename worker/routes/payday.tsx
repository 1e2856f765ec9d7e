// The public payday record: `GET /api/v1/stats` (mounted inside routes/api.ts, so the OpenAPI
// document describes it) and the page `/about/stats`. Public and the same for everyone: no
// cookie is needed, and nobody's data is in it.
import { createRoute, type z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { paydayRecord } from '../actions/payday';
import type { PaydayMonth } from '../domain/payday';
import type { AppEnv } from '../http/context';
import { siteLang } from '../http/lang';
import * as s from '../http/schemas';
import { currentAccount } from '../http/session';
import { sendPage } from './respond';
import { PaydayPage } from '../views/payday';
import { PAYDAY_WORDS } from '../views/words/payday';

export const paydayApi = s.newApiRouter();

paydayApi.openapi(
  createRoute({
    method: 'get',
    path: '/stats',
    summary:
      "The public payday record: each settled month's givers, creators paid, kudos, money given, fee, charity, held and returned kudos, and the run's ledger self-check",
    security: [],
    responses: { 200: { description: 'Settled months, newest first', content: { 'application/json': { schema: s.PaydayAnswer } } } },
  }),
  async (c) => {
    const months = await paydayRecord(c.get('db'), c.get('config'));
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cache-Control', 'public, max-age=300');
    return c.json({ currency: c.get('config').currency, months: months.map(monthJson) }, 200);
  },
);

function monthJson(m: PaydayMonth): z.infer<typeof s.PaydayAnswer>['months'][number] {
  return {
    month: m.month,
    givers: m.givers,
    creators_paid: m.creatorsPaid,
    things: m.things,
    kudos: m.kudos,
    given_cents: m.given.cents,
    fee_cents: m.fee.cents,
    charity_cents: m.charity.cents,
    held: { kudos: m.held.kudos, amount_cents: m.held.amount.cents },
    returned: { kudos: m.returned.kudos, amount_cents: m.returned.amount.cents },
    self_check: m.books,
  };
}

export const paydayPages = new Hono<AppEnv>();

paydayPages.get('/about/stats', async (c) => {
  const lang = siteLang(c);
  const w = PAYDAY_WORDS[lang];
  const months = await paydayRecord(c.get('db'), c.get('config'));
  return sendPage(c, { title: w.title, viewer: await currentAccount(c), children: <PaydayPage months={months} lang={lang} w={w} /> });
});
