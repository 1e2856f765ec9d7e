// Subscriptions' pages: the list at /subscriptions, and the forms that start one (from a thing's
// page) and stop one. Plain forms, POST → redirect → GET; the JSON API has the same acts.
import { Hono } from 'hono';
import { subscribe, unsubscribe } from '../actions/subscriptions';
import type { AppContext, AppEnv } from '../http/context';
import { redirectWithFlash, takeFlash } from '../http/flash';
import { SubscribeForm } from '../http/schemas';
import { siteLang } from '../http/lang';
import { rateLimit } from '../http/rate-limit';
import { sameOriginWrites } from '../http/same-origin';
import { subscriptionOf, subscriptionsOf } from '../store/subscriptions';
import { formAction, refuseIn, sendPage, signedIn } from './respond';
import { SubscriptionsPage } from '../views/subscriptions';
import { SUBSCRIPTION_WORDS } from '../views/words/subscriptions';

export const subscriptionPages = new Hono<AppEnv>();

const wordsOf = (c: AppContext) => SUBSCRIPTION_WORDS[siteLang(c)];

subscriptionPages.get('/subscriptions', async (c) => {
  const me = await signedIn(c);
  const rows = await subscriptionsOf(c.get('db'), me.id);
  return sendPage(c, { title: wordsOf(c).title, viewer: me, flash: takeFlash(c), children: SubscriptionsPage({ rows, w: wordsOf(c) }) });
});

/** Back to the thing whose page the form was on; without one, to the list. */
function thingOf(c: AppContext) {
  const thingId = Number(new URL(c.req.url).searchParams.get('thing') ?? '');
  return Number.isSafeInteger(thingId) && thingId > 0 ? thingId : null;
}

subscriptionPages.post(
  '/subscriptions',
  sameOriginWrites,
  formAction(
    (c) => {
      const thingId = thingOf(c);
      return thingId ? `/things/${thingId}` : '/subscriptions';
    },
    SubscribeForm,
    async (c, me, form) => {
      const w = wordsOf(c);
      const thingId = thingOf(c);
      if (thingId === null) throw refuseIn(c, 'invalid_form', w.chooseThingAndMonths);
      await rateLimit(c, 'give', String(me.id));
      const { subscription, thisMonth } = await subscribe(c.get('db'), c.get('config'), me.id, thingId, form.months);
      const title = (await subscriptionOf(c.get('db'), me.id, subscription.id))?.title ?? '';
      const given = thisMonth.verdict === 'given' || thisMonth.verdict === 'already_given';
      return redirectWithFlash(c, '/subscriptions', {
        kind: 'ok',
        text: given ? w.started(title) : w.startedNotThisMonth(title, w.refused(thisMonth.verdict)),
      });
    },
  ),
);

subscriptionPages.post(
  '/subscriptions/:id{[0-9]{1,15}}/stop',
  sameOriginWrites,
  formAction('/subscriptions', null, async (c, me) => {
    await unsubscribe(c.get('db'), me.id, Number(c.req.param('id')));
    return wordsOf(c).stopped;
  }),
);
