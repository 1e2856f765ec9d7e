// The monthly run: settles every person's budget for an ended month, resumably and exactly once.
import { refuse } from '../domain/refusal';
import { eq, sql } from 'drizzle-orm';
import { settlementRuns } from '../../schema/tables';
import type { Booking, Leg } from '../domain/ledger';
import { hasEnded, type Month } from '../domain/month';
import { monthlyGift, splitBudget } from '../domain/split';
import type { Config } from '../env';
import { ensureSystemAccount } from '../store/accounts';
import { type Db, isUniqueViolation } from '../store/db';
import { bookingStatements, runBatch } from '../store/ledger';

const FEES_HANDLE = 'system:fees';

export type SettlementRun = typeof settlementRuns.$inferSelect;

export interface SettleOptions {
  now?: number;
  /** People per D1 batch. At most 100: their transaction keys are looked up in one statement. */
  chunkSize?: number;
  /** Stop (resumably) after this wall-clock time, so one invocation stays inside its limits. */
  deadline?: number;
  /** Called before each chunk is booked; tests throw from it to crash the run midway. */
  beforeChunk?: (chunkIndex: number) => void;
}

interface Person {
  id: number;
  budgetCents: number;
  balanceCents: number;
}

interface Click {
  giverId: number;
  thingId: number;
  ownerId: number;
}

/**
 * Settles `month`: for each person with a budget, min(budget, balance before this run's
 * credits) is split by
 * `splitBudget` and booked as one balanced transaction keyed `settlement:<month>:<person>`.
 * People are taken in id order, `chunkSize` at a time; each chunk's bookings and the run's
 * cursor move land in one atomic batch, so a crash loses at most the chunk in flight and the
 * next call resumes after the cursor. Calling it for a finished month books nothing.
 */
export async function settleMonth(db: Db, config: Config, month: Month, options: SettleOptions = {}): Promise<SettlementRun> {
  const { now = Date.now(), chunkSize = 100, deadline = Infinity, beforeChunk } = options;
  if (!hasEnded(month, now)) throw refuse('month_not_ended', `${month} has not ended yet.`);
  if (chunkSize < 1 || chunkSize > 100) throw new RangeError(`chunkSize must be 1..100, not ${chunkSize}`);

  await db.insert(settlementRuns).values({ month, stage: 'settling', startedAt: now }).onConflictDoNothing().run();
  let run = await readRun(db, month);
  if (run.stage === 'done') return run;

  const fees = await ensureSystemAccount(db, FEES_HANDLE);
  const charity = await ensureSystemAccount(db, config.charityHandle);

  for (let chunkIndex = 0; Date.now() < deadline; chunkIndex++) {
    // What a person gives must not depend on who was settled before them, so shares they
    // received earlier in this same run are left out of the balance it is taken from.
    const people = await db.all<Person>(sql`
      SELECT a.id, a.monthly_budget_cents AS budgetCents,
        a.balance_cents - coalesce((SELECT sum(e.amount_cents) FROM ledger_entries e
          WHERE e.account_id = a.id AND e.month = ${month} AND e.kind IN ('share', 'charity') AND e.amount_cents > 0), 0) AS balanceCents
      FROM accounts a
      WHERE a.kind = 'person' AND a.monthly_budget_cents > 0 AND a.id > ${run.cursor}
      ORDER BY a.id LIMIT ${chunkSize}`);
    if (people.length === 0) {
      await db.update(settlementRuns).set({ stage: 'done', finishedAt: Date.now() }).where(eq(settlementRuns.month, month)).run();
      return readRun(db, month);
    }
    const last = people[people.length - 1]!.id;
    const clicksByGiver = await monthClicks(db, month, run.cursor, last);
    const bookedBefore = await alreadySettled(db, month, people);

    const bookings: Booking[] = [];
    let clicksSettled = 0;
    for (const person of people) {
      if (bookedBefore.has(person.id)) continue;
      const clicks = clicksByGiver.get(person.id) ?? [];
      const booking = settlementBooking(config, month, person, clicks, fees.id, charity.id);
      if (!booking) continue;
      bookings.push(booking);
      clicksSettled += clicks.length;
    }

    beforeChunk?.(chunkIndex);
    try {
      await runBatch(db, [
        ...bookingStatements(bookings),
        sql`UPDATE settlement_runs SET cursor = ${last}, people_settled = people_settled + ${bookings.length},
            clicks_settled = clicks_settled + ${clicksSettled} WHERE month = ${month}`,
      ]);
    } catch (error) {
      // Another run booked some of these people first; its cursor tells where to go on.
      if (!isUniqueViolation(error)) throw error;
    }
    run = await readRun(db, month);
  }
  return run;
}

async function readRun(db: Db, month: Month): Promise<SettlementRun> {
  return (await db.select().from(settlementRuns).where(eq(settlementRuns.month, month)).get())!;
}

/** One person's settlement as a balanced booking, or null when there is nothing to give. */
function settlementBooking(
  config: Config,
  month: Month,
  person: Person,
  clicks: readonly Click[],
  feesAccountId: number,
  charityAccountId: number,
): Booking | null {
  const amount = monthlyGift(person.budgetCents, person.balanceCents, config.currency);
  if (amount.cents === 0) return null;
  const split = splitBudget({ amount, feePercent: config.feePercent, clicks, month });
  const booking = (legs: Leg[]): Booking => ({ key: `settlement:${month}:${person.id}`, kind: 'settlement', month, legs });
  if (split.kind === 'charity') {
    return booking([
      { accountId: person.id, kind: 'budget', amountCents: -amount.cents, counterpartyId: charityAccountId },
      { accountId: charityAccountId, kind: 'charity', amountCents: amount.cents, counterpartyId: person.id },
    ]);
  }
  // The giver's side has two legs, what their things received and the fee, so their own ledger
  // shows the fee; each owner's leg names the giver and the thing.
  const legs: Leg[] = [];
  const toThings = amount.cents - split.fee.cents;
  if (toThings > 0) legs.push({ accountId: person.id, kind: 'budget', amountCents: -toThings });
  if (split.fee.cents > 0) {
    legs.push({ accountId: person.id, kind: 'fee', amountCents: -split.fee.cents, counterpartyId: feesAccountId });
    legs.push({ accountId: feesAccountId, kind: 'fee', amountCents: split.fee.cents, counterpartyId: person.id });
  }
  for (const { click, amount: share } of split.shares) {
    if (share.cents > 0) legs.push({ accountId: click.ownerId, kind: 'share', amountCents: share.cents, counterpartyId: person.id, thingId: click.thingId });
  }
  return booking(legs);
}

/** The month's clicks of givers with ids in (after, upTo], grouped by giver, sorted by thing. */
async function monthClicks(db: Db, month: Month, after: number, upTo: number): Promise<Map<number, Click[]>> {
  const rows = await db.all<Click>(sql`
    SELECT c.giver_id AS giverId, c.thing_id AS thingId, t.owner_id AS ownerId
    FROM clicks c JOIN things t ON t.id = c.thing_id
    WHERE c.month = ${month} AND c.giver_id > ${after} AND c.giver_id <= ${upTo}
    ORDER BY c.giver_id, c.thing_id`);
  const byGiver = new Map<number, Click[]>();
  for (const row of rows) {
    const list = byGiver.get(row.giverId);
    if (list) list.push(row);
    else byGiver.set(row.giverId, [row]);
  }
  return byGiver;
}

async function alreadySettled(db: Db, month: Month, people: readonly Person[]): Promise<Set<number>> {
  const keys = people.map((p) => sql`${`settlement:${month}:${p.id}`}`);
  const rows = await db.all<{ key: string }>(sql`SELECT key FROM ledger_transactions WHERE key IN (${sql.join(keys, sql`, `)})`);
  return new Set(rows.map((r) => Number(r.key.slice(r.key.lastIndexOf(':') + 1))));
}
