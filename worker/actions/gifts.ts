// One-time gifts from readers, members or not. Kudos keeps one kind of account: a gift makes (or
// finds) the account of the payer's email, pays into it like a deposit (Stripe Checkout; the dev
// provider locally), and the settlement after it books it to the thing with the platform's fee
// (domain/gifts.ts), held while nobody has claimed the thing. A refund or dispute before then
// voids it, reversed like any deposit; after, it is a deposit's refund like any other.
import { giftBooking } from '../domain/gifts';
import { cardCost } from '../domain/fees';
import type { Month } from '../domain/month';
import { addMonths, monthOf, monthStart } from '../domain/month';
import { formatMoney, money, percentOf, subtract } from '../domain/money';
import { refuse } from '../domain/refusal';
import type { ButtonRef } from '../domain/rules';
import { randomToken } from '../domain/secrets';
import type { Config } from '../env';
import { chooseProvider, recordDeposit } from '../payments/provider';
import { createCheckoutSession, stripeClient } from '../payments/stripe';
import { type Account, createPerson, findAccountByEmail, personByHandle } from '../store/accounts';
import { waitsForClaim } from '../store/claims';
import type { Db } from '../store/db';
import { issueEmailToken } from '../store/email-tokens';
import { DEV_GIFT_PREFIX, giftForThanks, giftOfSession, markGift, recordGift, waitingGifts } from '../store/gifts';
import { bookingStatements, runBatch } from '../store/ledger';
import { depositBySession, recordCheckoutSession } from '../store/payments';
import { registerThing } from '../store/things';
import type { Block } from '../views/email';
import { GIFT_WORDS } from '../views/words/gifts';
import { EMAIL } from './accounts';
import { mailWords, sendEmail } from './email';

/** What a gift of `amountCents` costs and brings, said before paying. */
export function giftTerms(config: Config, amountCents: number) {
  const amount = money(amountCents, config.currency);
  // The fee as the split takes it (domain/split.ts): percent of the amount, rounded half up.
  const fee = percentOf(amount, config.feePercent);
  return { amount, card: cardCost(amount, config.cardFee), fee, toOwner: subtract(amount, fee) };
}

export type GiftStart = { status: 'redirect'; url: string } | { status: 'paid'; giftId: number };

/**
 * Starts `email`'s gift of `amountCents` to `ref`: the payer's account (found, or made without a
 * password: they set one from the emailed link), the thing (registered like a first click would),
 * then the payment. Refused: under the minimum, an owner who does not exist, one's own thing.
 */
export async function startGift(db: Db, config: Config, input: { email: string; amountCents: number; ref: ButtonRef; lang: string }): Promise<GiftStart> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) throw refuse('invalid_field', 'Write your email address, like name@example.com.');
  if (input.amountCents < config.minGiftCents) {
    throw refuse('out_of_range', `A gift is at least ${formatMoney(money(config.minGiftCents, config.currency))}.`);
  }
  const owner = await personByHandle(db, input.ref.owner);
  if (!owner) throw refuse('not_found', `Nobody is called @${input.ref.owner} on Kudos.`);
  const giver = await giverOf(db, email, input.lang);
  if (giver.id === owner.id) throw refuse('own_thing', 'This is your own thing.');
  // A new thing is its owner's at once only on a site they verified, as a click registers it.
  const thing = await registerThing(db, owner.id, input.ref.url, input.ref.title, {
    claimed: async () => !(await waitsForClaim(db, owner.id, input.ref.url)),
  });
  const now = Date.now();
  if (chooseProvider(config) === 'dev') {
    const sessionId = `${DEV_GIFT_PREFIX}${randomToken(12)}`;
    await recordDeposit(db, 'dev', sessionId, giver.id, input.amountCents, monthOf(now));
    const gift = await recordGift(db, { giverId: giver.id, thingId: thing.id, sessionId, amountCents: input.amountCents });
    await thankGiver(db, config, gift.id);
    return { status: 'paid', giftId: gift.id };
  }
  const terms = giftTerms(config, input.amountCents);
  const session = await createCheckoutSession(stripeClient(config), {
    accountId: giver.id,
    email,
    amountCents: input.amountCents,
    cardCostCents: terms.card.cents,
    currency: config.currency,
    origin: config.origin,
    idempotencyKey: `gift:${giver.id}:${thing.id}:${randomToken(12)}`,
    gift: {
      label: `Kudos gift to @${owner.handle}: ${input.ref.title}`.slice(0, 250),
      returnPath: '/give/once/thanks',
      cancelPath: `/give/once?${new URLSearchParams({ owner: input.ref.owner, url: input.ref.url, title: input.ref.title })}`,
    },
  });
  await recordCheckoutSession(db, { sessionId: session.id, accountId: giver.id, amountCents: input.amountCents, currency: config.currency });
  await recordGift(db, { giverId: giver.id, thingId: thing.id, sessionId: session.id, amountCents: input.amountCents });
  if (!session.url) throw new Error(`Checkout Session ${session.id} has no url`);
  return { status: 'redirect', url: session.url };
}

/** The account of `email`: a member's, or a new one without a password (no invite needed: paying is the way in). */
async function giverOf(db: Db, email: string, lang: string): Promise<Account> {
  const known = await findAccountByEmail(db, email);
  if (known) {
    if (known.kind !== 'person' || known.closedAt !== null) throw refuse('account_closed', 'That address belongs to a closed account.');
    return known;
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const handle = `reader-${randomToken(6)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 8)}`;
    const made = await createPerson(db, { handle, email, passwordHash: null, lang }).catch(() => null);
    if (made) return made;
    const raced = await findAccountByEmail(db, email);
    if (raced) return raced;
  }
  throw new Error('no free handle for a gift account after 5 tries');
}

/** After a gift's payment is booked (the Stripe webhook): thanks, and the link to set a password. */
export async function giftPaid(db: Db, config: Config, sessionId: string): Promise<void> {
  const gift = await giftOfSession(db, sessionId);
  const deposit = gift && (await depositBySession(db, sessionId));
  if (gift && deposit?.status === 'paid' && deposit.bookedCents >= gift.amountCents) await thankGiver(db, config, gift.id);
}

async function thankGiver(db: Db, config: Config, giftId: number): Promise<void> {
  const row = await giftForThanks(db, giftId);
  if (!row?.email) return;
  const w = GIFT_WORDS[mailWords(row.lang).lang];
  const amount = formatMoney(money(row.amount, config.currency), row.lang);
  const blocks: Block[] = [{ p: w.thanksMail(amount, row.title, row.owner) }];
  if (!row.member) {
    // The account the gift made is theirs once they set a password: the link proves the address.
    const token = await issueEmailToken(db, { accountId: row.id, purpose: 'reset', email: row.email, ttlMs: 14 * 86_400_000 });
    blocks.push({ p: w.activateMail }, { link: `${config.mail.siteOrigin}/reset-password?token=${encodeURIComponent(token)}`, label: w.activateLink });
  }
  await sendEmail(db, config.mail, {
    to: row.email,
    accountId: row.id,
    topic: 'account',
    key: `gift-thanks:${giftId}`,
    lang: row.lang,
    subject: w.thanksSubject,
    blocks,
  });
}

/**
 * Books the gifts paid before the end of `month` in its settlement: each one transaction, the
 * fee to the platform, the rest to the thing's owner or held for it. Void ones are marked void.
 * Safe to call again: each gift's ledger key is its own.
 */
export async function bookWaitingGifts(db: Db, config: Config, month: Month, accounts: { feesId: number; heldId: number }): Promise<number> {
  let booked = 0;
  for (const gift of await waitingGifts(db, monthStart(addMonths(month, 1)))) {
    if (gift.state === 'void') await runBatch(db, [markGift(gift.id, 'void', null)]);
    // Unpaid yet, or the balance no longer holds it (its owner spent it meanwhile): the next run tries again.
    if (gift.state !== 'due' || gift.giverBalance < gift.amountCents) continue;
    const booking = giftBooking(
      { ...gift, receiverId: gift.claimed ? gift.ownerId : accounts.heldId },
      { feesId: accounts.feesId, feePercent: config.feePercent, currency: config.currency, month },
    );
    await runBatch(db, [...bookingStatements([booking]), markGift(gift.id, 'booked', month)]);
    booked++;
  }
  return booked;
}
