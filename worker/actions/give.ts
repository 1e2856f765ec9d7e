// Giving kudos: the one home of a click. Every route that gives (the API by thing id or by a
// button's parameters, which the button on Kudos' own pages uses too, and the popup's form) calls `giveKudos`, which checks
// and writes in ONE D1 round trip (store/clicks.ts; three when the giver's clicks live on a
// shard, store/giver-shards.ts) and answers 'given' or the verdict that
// refused it, with its refusal; what a verdict means elsewhere is domain/click.ts.
import { type ClickRefusalCode, refusalOf } from '../domain/click';
import { money } from '../domain/money';
import { monthOf, type Month } from '../domain/month';
import { type Refusal, refuse } from '../domain/refusal';
import { BUTTON_REF_REFUSED, readButtonRef } from '../domain/rules';
import type { Config } from '../env';
import { openDb } from '../store/db';
import { announceKudos } from './webhooks';
import { type ButtonThingRef, type GiverRef, recordClick, type ThingCounts, type ThingRef } from '../store/clicks';

/** A click that was written: its month, the thing's owner and its counts after the click. */
export interface Given {
  verdict: 'given';
  month: Month;
  owner: string;
  thing: ThingCounts;
}

/** A click that was refused: why, in words, and the thing's counts as the refusal saw them. */
export interface Refused {
  verdict: ClickRefusalCode;
  month: Month;
  refusal: Refusal;
  owner: string | null;
  thing: ThingCounts | null;
}

export type GiveAnswer = Given | Refused;

/**
 * `giver`'s kudos for `thing` in the current UTC month (or the month of `now`). Refusals are
 * answered, not thrown: the popup shows them as stages; `givenOrRefuse` throws them.
 */
export async function giveKudos(
  d1: D1Database | D1DatabaseSession,
  config: Config,
  giver: GiverRef,
  thing: ThingRef,
  options: { now?: number } = {},
): Promise<GiveAnswer> {
  const now = options.now ?? Date.now();
  const month = monthOf(now);
  const outcome = await recordClick(d1, { giver, thing, month, now, minBudgetCents: config.minBudgetCents }, config.giverShards);
  const { facts } = outcome;
  if (facts.verdict === 'ok' && outcome.recorded && outcome.thing) {
    const given: Given = { verdict: 'given', month, owner: facts.owner!, thing: outcome.thing };
    // The owner's webhooks, only when the click's own query saw one (a session is a D1 client like any other).
    if (facts.ownerHooked) await announceKudos(openDb(d1 as D1Database), config, given, now);
    return given;
  }
  // 'ok' but nothing written: a concurrent twin of this click landed first.
  const verdict = facts.verdict === 'ok' ? 'already_given' : facts.verdict;
  const refusal = refusalOf(verdict, {
    month,
    minimum: money(config.minBudgetCents, config.currency),
    owner: 'ownerHandle' in thing ? thing.ownerHandle : null,
  });
  return { verdict, month, refusal, owner: facts.owner, thing: outcome.thing };
}

/** The click if it was given; its refusal thrown otherwise (401, 404, 428, 403, 402, 409: http/errors.ts). */
export function givenOrRefuse(answer: GiveAnswer): Given {
  if (answer.verdict !== 'given') throw answer.refusal;
  return answer;
}

/** A button's thing from its parameters: a handle, an absolute http(s) URL (normalised here) and a title. */
export function buttonThing(ownerHandle: string, rawUrl: string, rawTitle: string | undefined): ButtonThingRef {
  const ref = readButtonRef(ownerHandle, rawUrl, rawTitle);
  if (!ref) throw refuse('invalid_field', BUTTON_REF_REFUSED);
  return { ownerHandle: ref.owner, url: ref.url, title: ref.title };
}
