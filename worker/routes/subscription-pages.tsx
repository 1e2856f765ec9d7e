// Subscriptions' pages: the list at /subscriptions, and the forms that start one (from a thing's
// page) and stop one. Plain forms, POST → redirect → GET; the JSON API has the same acts.
import { Hono } from 'hono';
import { subscribe, unsubscribe } from '../actions/subscriptions';
import { Refusal } from '../domain/refusal';
import { SUBSCRIPTION_MONTHS, type SubscriptionMonths } from '../domain/subscriptions';
import type { AppContext, AppEnv } from '../http/context';
import { redirectWithFlash, takeFlash } from '../http/flash';
import { field, readForm } from '../http/form';
import { siteLang } from '../http/lang';
import { rateLimit } from '../http/rate-limit';
import { sameOriginWrites } from '../http/same-origin';
import { currentAccount } from '../http/session';
import { subscriptionsOf } from '../store/subscriptions';
import { sendPage } from './respond';
import { SubscriptionsPage } from '../views/subscriptions';
import { SUBSCRIPTION_WORDS } from '../views/words/subscriptions';

export const subscriptionPages = new Hono<AppEnv>();

const wordsOf = (c: AppContext) => SUBSCRIPTION_WORDS[siteLang(c)];

/** The signed-in person, or the sign-in page that comes back to `back` afterwards. */
async function signedIn(c: AppContext, back: string) {
  return (await currentAccount(c)) ?? c.redirect(`/login?next=${encodeURIComponent(back)}`, 303);
}

subscriptionPages.get('/subscriptions', async (c) => {
  const me = await signedIn(c, '/subscriptions');
  if (me instanceof Response) return me;
  const rows = await subscriptionsOf(c.get('db'), me.id);
  return sendPage(c, { title: wordsOf(c).title, viewer: me, flash: takeFlash(c), children: SubscriptionsPage({ rows, w: wordsOf(c) }) });
});

subscriptionPages.post('/subscriptions', sameOriginWrites, async (c) => {
  const form = await readForm(c);
  const thingId = Number(field(form, 'thing_id'));
  const back = Number.isSafeInteger(thingId) && thingId > 0 ? `/things/${thingId}` : '/subscriptions';
  const me = await signedIn(c, back);
  if (me instanceof Response) return me;
  const w = wordsOf(c);
  const months = SUBSCRIPTION_MONTHS.find((m) => String(m ?? '') === field(form, 'months')) as SubscriptionMonths | undefined;
  try {
    if (back === '/subscriptions' || months === undefined) throw new Refusal('invalid_form', 'Choose a thing and how long.');
    await rateLimit(c, 'give', String(me.id));
    const { subscription, thisMonth } = await subscribe(c.get('db'), c.get('config'), me.id, thingId, months);
    const title = (await subscriptionsOf(c.get('db'), me.id)).find((r) => r.id === subscription.id)?.title ?? '';
    const given = thisMonth.verdict === 'given' || thisMonth.verdict === 'already_given';
    return redirectWithFlash(c, '/subscriptions', { kind: 'ok', text: given ? w.started(title) : w.startedNotThisMonth(title, w.refused(thisMonth.verdict)) });
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    return redirectWithFlash(c, back, { kind: 'error', text: error.message });
  }
});

subscriptionPages.post('/subscriptions/:id{[0-9]{1,15}}/stop', sameOriginWrites, async (c) => {
  const me = await signedIn(c, '/subscriptions');
  if (me instanceof Response) return me;
  try {
    await unsubscribe(c.get('db'), me.id, Number(c.req.param('id')));
    return redirectWithFlash(c, '/subscriptions', { kind: 'ok', text: wordsOf(c).stopped });
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    return redirectWithFlash(c, '/subscriptions', { kind: 'error', text: error.message });
  }
});
