// Giving kudos: one click, checked and written in one D1 round trip (store/clicks.ts).
import { formatMoney, money } from '../domain/money';
import { addMonths, monthOf, type Month } from '../domain/month';
import { type Refusal, refuse } from '../domain/refusal';
import { HANDLE, normaliseUrl, titleOrUrl } from '../domain/rules';
import type { Config } from '../env';
import type { Account } from '../store/accounts';
import { type ButtonThingRef, type ClickOutcome, type ClickVerdict, type GiverRef, recordClick, type ThingRef } from '../store/clicks';
import type { Db } from '../store/db';
import type { Thing } from '../store/things';

export interface Kudos {
  month: Month;
  outcome: ClickOutcome;
}

/** The refusal that explains a verdict other than 'ok'. */
function refusalOf(verdict: Exclude<ClickVerdict, 'ok'>, config: Config, month: Month, owner: string | null): Refusal {
  const minimum = formatMoney(money(config.minBudgetCents, config.currency));
  switch (verdict) {
    case 'unauthorized':
      return refuse('unauthorized', 'Sign in first.');
    case 'not_found':
      return refuse('not_found', owner === null ? 'No such thing.' : `No Kudos account is called "${owner}".`);
    case 'owner_closed':
      return refuse('account_closed', 'The owner of this thing closed their Kudos account: it receives no more kudos.');
    case 'confirm_site':
      return refuse('confirm_site', 'Confirm giving on this site in the Kudos popup first.');
    case 'own_thing':
      return refuse('own_thing', 'You cannot give kudos to your own things.');
    case 'month_settled':
      return refuse('month_settled', `Your kudos for ${month} have already been settled; kudos count again from ${addMonths(month, 1)}.`);
    case 'already_given':
      return refuse('already_given', 'You already gave kudos to this thing this month.');
    case 'debt_outstanding':
      // A refund or dispute the platform covered must be repaid (by the next deposit) before giving.
      return refuse('debt_outstanding', 'A refund or dispute took back money you had already given; your next deposit settles it first.');
    case 'no_budget':
      return refuse('no_budget', `Set a monthly budget of at least ${minimum} before giving kudos.`);
    case 'not_funded':
      return refuse(
        'not_funded',
        `Add funds first: a month's first kudos reserves what the month gives (your budget, or your balance when it is smaller), and at least ${minimum} of your balance must be free for it.`,
      );
  }
}

/** Where a kudos is written, under which rules, by whom, for what; `now` defaults to the clock. */
type KudosAsk = [d1: D1Database | D1DatabaseSession, config: Config, giver: GiverRef, thing: ThingRef, options?: { now?: number; confirmedBy?: number }];

/**
 * Records a kudos in the current UTC month (or the month of `now`) and answers what the batch
 * saw. Refusals are not thrown here: the button's paths show them as states.
 */
export async function tryKudos(...[d1, config, giver, thing, options = {}]: KudosAsk): Promise<Kudos> {
  const now = options.now ?? Date.now();
  const month = monthOf(now);
  const outcome = await recordClick(d1, { giver, thing, month, now, minBudgetCents: config.minBudgetCents, confirmedBy: options.confirmedBy });
  return { month, outcome };
}

/** The refusal a refused kudos answers with (its verdict's), or null when it was 'ok'. */
export function refusalOfKudos({ month, outcome }: Kudos, config: Config, ownerHandle: string | null): Refusal | null {
  return outcome.facts.verdict === 'ok' ? null : refusalOf(outcome.facts.verdict, config, month, ownerHandle);
}

/** Like `tryKudos`, but a refusal is thrown: 401, 404, 428, 403 own thing, 402 budget or funds, 402 debt, 409 settled or given. */
export async function giveKudosAs(...ask: KudosAsk): Promise<Kudos> {
  const [, config, , thing] = ask;
  const kudos = await tryKudos(...ask);
  const refusal = refusalOfKudos(kudos, config, 'ownerHandle' in thing ? thing.ownerHandle : null);
  if (refusal) throw refusal;
  // 'ok' but nothing recorded: a concurrent twin of this click landed first.
  if (!kudos.outcome.recorded) throw refusalOf('already_given', config, kudos.month, null);
  return kudos;
}

/** `giver`'s kudos for `thing` at `now` (for tools and tests that hold an account, not a session). */
export async function giveKudos(db: Db, config: Config, giver: Account, thing: Thing, now = Date.now()): Promise<{ month: Month }> {
  const { month } = await giveKudosAs(db.$client, config, { accountId: giver.id }, { thingId: thing.id }, { now });
  return { month };
}

/** A button's thing from its parameters: a handle, an absolute http(s) URL (normalised here) and a title. */
export function buttonThing(ownerHandle: string, rawUrl: string, rawTitle: string | undefined): ButtonThingRef {
  const url = normaliseUrl(rawUrl);
  if (!url) throw refuse('invalid_field', '"url" must be an absolute http(s) URL.');
  const handle = ownerHandle.toLowerCase();
  if (!HANDLE.test(handle)) throw refuse('not_found', `No Kudos account is called "${ownerHandle}".`);
  return { ownerHandle: handle, url, title: titleOrUrl(rawTitle, url) };
}
