// Subscriptions: "give to this thing every month" (for 3, 6 or 12 months, or until stopped).
// Each month is booked by the same click a reader's press makes (`giveKudos`): the month, the
// budget, the balance, "never your own thing" all hold, and a month already given by a press
// counts as given. Starting one gives this month's kudos at once; the cron books the next
// months from their 1st (`bookDueSubscriptions`).
import { type Month, monthOf } from '../domain/month';
import { refuse } from '../domain/refusal';
import type { SubscriptionsMessage } from '../domain/queue-messages';
import { bookingOutcome, endsSubscription, type SubscriptionMonths } from '../domain/subscriptions';
import type { Config } from '../env';
import type { Db } from '../store/db';
import {
  dueIdSpan,
  dueSubscriptions,
  insertSubscription,
  recordBooking,
  runningSubscription,
  type Subscription,
  stopSubscription,
} from '../store/subscriptions';
import { type GiveAnswer, giveKudos } from './give';

/**
 * Starts `giver`'s subscription to thing `thingId` and gives this month's kudos now. Refused
 * when the thing can never receive from them (their own, unknown, its owner gone) and when one
 * is already running; a month that cannot be given now (no budget, not funded) starts it anyway,
 * and the refusal is shown with it.
 */
export async function subscribe(
  db: Db,
  config: Config,
  giverId: number,
  thingId: number,
  months: SubscriptionMonths,
  now = Date.now(),
): Promise<{ subscription: Subscription; thisMonth: GiveAnswer }> {
  if (await runningSubscription(db, giverId, thingId)) throw refuse('already_subscribed', 'You already give to this thing every month.');
  const thisMonth = await giveKudos(db.$client, config, { accountId: giverId }, { thingId }, { now });
  if (thisMonth.verdict !== 'given' && endsSubscription(thisMonth.verdict)) throw thisMonth.refusal;
  const outcome = bookingOutcome({ months, createdAt: now }, thisMonth.month, thisMonth.verdict);
  const subscription = await insertSubscription(db, {
    giverId,
    thingId,
    months,
    monthsGiven: outcome.counted ? 1 : 0,
    nextMonth: outcome.nextMonth,
    lastRefusal: outcome.lastRefusal,
    createdAt: now,
  });
  if (!subscription) throw refuse('already_subscribed', 'You already give to this thing every month.');
  return { subscription, thisMonth };
}

/** Stops one of the giver's running subscriptions; this month's kudos, once given, stay. */
export async function unsubscribe(db: Db, giverId: number, id: number, now = Date.now()): Promise<void> {
  if (!(await stopSubscription(db, giverId, id, now))) throw refuse('not_found', 'You have no running subscription with that id.');
}

/** Subscriptions one invocation books: each is one click round trip and one update (D1 allows 1,000 queries). */
const SUBSCRIPTIONS_PER_INVOCATION = 100;

/**
 * Books the month of `now` for running subscriptions due, ids in (afterId, untilId], at most
 * `SUBSCRIPTIONS_PER_INVOCATION`. Safe to run twice or at once: a click is given once per
 * month, and a row moves on only from the month it was due. Answers the last id looked at
 * (null when the range is done) and how many months were given.
 */
async function bookDueSubscriptions(
  db: Db,
  config: Config,
  now: number,
  range: { afterId: number; untilId?: number } = { afterId: 0 },
): Promise<{ lastId: number | null; given: number; refused: number }> {
  const month = monthOf(now);
  const due = (await dueSubscriptions(db, month, range.afterId, SUBSCRIPTIONS_PER_INVOCATION)).filter(
    (s) => range.untilId === undefined || s.id <= range.untilId,
  );
  let given = 0;
  let refused = 0;
  for (const sub of due) {
    const answer = await giveKudos(db.$client, config, { accountId: sub.giverId }, { thingId: sub.thingId }, { now });
    const outcome = bookingOutcome(sub, month, answer.verdict);
    if (await recordBooking(db, sub.id, sub.nextMonth as Month, { ...outcome, now })) {
      if (outcome.counted) given++;
      else refused++;
    }
  }
  const full = due.length === SUBSCRIPTIONS_PER_INVOCATION;
  return { lastId: full ? due[due.length - 1]!.id : null, given, refused };
}

/**
 * The cron's part on the 1st: with a queue, one message per 100 ids of the subscriptions due
 * (the consumers book them); without one, one invocation's worth inline. Later firings find only
 * what is still due (a refusal moves a row on too, so that is only what was not reached yet).
 */
export async function bookSubscriptionsFromCron(
  db: Db,
  config: Config,
  now: number,
  queue?: Queue<SubscriptionsMessage>,
): Promise<{ messages: number } | { given: number; refused: number }> {
  if (!queue) return bookDueSubscriptions(db, config, now);
  const span = await dueIdSpan(db, monthOf(now));
  if (!span) return { messages: 0 };
  const bodies: SubscriptionsMessage[] = [];
  for (let afterId = span.low - 1; afterId < span.high; afterId += SUBSCRIPTIONS_PER_INVOCATION) {
    bodies.push({ subscriptions: { at: now, afterId, untilId: Math.min(afterId + SUBSCRIPTIONS_PER_INVOCATION, span.high) } });
  }
  // Queues take at most 100 messages per send.
  for (let i = 0; i < bodies.length; i += 100) await queue.sendBatch(bodies.slice(i, i + 100).map((body) => ({ body })));
  return { messages: bodies.length };
}

/** The queue consumer's part: books one message's range as of the firing that sent it. */
export async function bookQueuedSubscriptions(db: Db, config: Config, message: Message<SubscriptionsMessage>): Promise<void> {
  const { at, afterId, untilId } = message.body.subscriptions;
  try {
    await bookDueSubscriptions(db, config, at, { afterId, untilId });
    message.ack();
  } catch (error) {
    console.error(`booking subscriptions (${afterId}, ${untilId}] of ${monthOf(at)} failed; the queue retries it`, error);
    message.retry();
  }
}
