// One-time gifts' pages: /give/once (a reader, member or not, gives an amount to a thing, the
// terms said before paying), its form (to Stripe Checkout, or booked at once by the dev
// provider), and the thank-you page Checkout returns to. The money rules are actions/gifts.ts'.
import { Hono } from 'hono';
import { giftTerms, startGift } from '../actions/gifts';
import { formatMoney, money, moneyToInput } from '../domain/money';
import { readButtonRef } from '../domain/rules';
import type { AppContext, AppEnv } from '../http/context';
import { readFormAs } from '../http/form';
import { siteLang } from '../http/lang';
import { rateLimit } from '../http/rate-limit';
import { sameOriginWrites } from '../http/same-origin';
import { GiftForm } from '../http/schemas';
import { currentAccount } from '../http/session';
import { personByHandle } from '../store/accounts';
import { waitsForClaim } from '../store/claims';
import { GiftPage } from '../views/gift';
import { GIFT_WORDS } from '../views/words/gifts';
import { amountOf, orShowAgain, type PageStatus, refuseIn, sendPage, wordsOf } from './respond';

export const giftPages = new Hono<AppEnv>();

const giftWords = (c: AppContext) => GIFT_WORDS[siteLang(c)];

/** The gift page for `thing`, with what was typed and why it was refused, if it was. */
async function giftPage(
  c: AppContext,
  thing: { owner: string; url: string; title: string },
  typed: { amount?: string; email?: string; error?: string } = {},
  status: PageStatus = 200,
) {
  const config = c.get('config');
  const w = giftWords(c);
  const lang = siteLang(c);
  const min = money(config.minGiftCents, config.currency);
  const terms = giftTerms(config, config.minGiftCents);
  const say = (cents: number) => formatMoney(money(cents, config.currency), lang);
  const owner = await personByHandle(c.get('db'), thing.owner);
  if (!owner) throw refuseIn(c, 'not_found', wordsOf(c).said.noSuchOwner(thing.owner));
  const held = await waitsForClaim(c.get('db'), owner.id, thing.url);
  const viewer = await currentAccount(c);
  return sendPage(
    c,
    {
      title: w.title,
      viewer,
      children: GiftPage({
        thing,
        lang,
        minimum: say(min.cents),
        amount: typed.amount ?? moneyToInput(min),
        email: typed.email ?? viewer?.email ?? '',
        terms: w.terms({
          amount: say(min.cents),
          fee: say(terms.fee.cents),
          toOwner: say(terms.toOwner.cents),
          owner: thing.owner,
          card: say(terms.card.cents),
          feePercent: config.feePercent,
        }),
        held,
        ...(typed.error ? { error: typed.error } : {}),
        w,
      }),
    },
    status,
  );
}

giftPages.get('/give/once', async (c) => {
  const thing = readButtonRef(c.req.query('owner'), c.req.query('url'), c.req.query('title'));
  if (!thing) throw refuseIn(c, 'invalid_field', wordsOf(c).said.giveLinkBroken);
  return giftPage(c, thing);
});

giftPages.post('/give/once', sameOriginWrites, async (c) => {
  const form = await readFormAs(c, GiftForm);
  const thing = readButtonRef(form.owner, form.url, form.title);
  if (!thing) throw refuseIn(c, 'invalid_field', wordsOf(c).said.giveLinkBroken);
  return orShowAgain(
    c,
    async () => {
      const amountCents = amountOf(c, form.amount, 'amount', { min: 1 });
      await rateLimit(c, 'give', form.email.trim().toLowerCase());
      const started = await startGift(c.get('db'), c.get('config'), { email: form.email, amountCents, ref: thing, lang: siteLang(c) });
      return c.redirect(started.status === 'redirect' ? started.url : '/give/once/thanks', 303);
    },
    (said, status) => giftPage(c, thing, { amount: form.amount, email: form.email, error: said }, status),
  );
});

giftPages.get('/give/once/thanks', (c) => {
  const w = giftWords(c);
  return sendPage(c, {
    title: w.thanksTitle,
    viewer: undefined,
    children: (
      <p role="status" data-testid="gift-thanks">
        {w.thanks}
      </p>
    ),
  });
});
