// A click and a button's state, each in ONE D1 round trip.
//
// Both read the same `verdict` (a WITH clause): who the giver is (by session or by id), the thing
// (by id, or by owner and URL, possibly not registered yet), the facts the click rules need, and
// the rule's answer computed in SQL. A click's batch reads the verdict first (so a refusal names
// its reason), then writes guarded by it: the thing registered by a reader's click, the click,
// the counters (RETURNING the answer's counts) and the month's pledge. A refused click writes
// nothing, not even the thing. The batch is one SQLite transaction, so the verdict the answer is
// built from is the one the writes saw.
//
// The rule (docs/money.md "The budget rule"; `verdictSql` below, in this order; what each verdict means
// to a person, as a refusal, a button status and a popup stage, is domain/click.ts):
//   no valid session → unauthorized; no such owner or thing → not_found; the owner closed
//   their account → account_closed; the giver owns the thing → own_thing; the giver's month is settled → month_settled; already given this month →
//   already_given; a refund or dispute left a debt → debt_outstanding; budget under the minimum →
//   no_budget; the month's first kudos while the unreserved balance is under the minimum
//   budget → not_funded; otherwise ok. A later kudos needs no funds: the month's pledge holds them.
import { verifiableOrigin } from '../domain/site-proof';
import { type SQL, sql } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { type ClickVerdict, verdictWithShard } from '../domain/click';
import type { Month } from '../domain/month';
import { type GiverShard, shardClickFacts, shardOf, writeShardClick } from './giver-shards';
import { notBooked } from './pledges';
import { settlementBooked } from './settlement-key';

/** Who clicks: the holder of a session (the API and the button), or an account id (tests, tools). */
export type GiverRef = { sessionTokenHash: string } | { accountId: number } | { signedOut: true };

/** What is clicked: a registered thing, or a button's owner and (normalised) URL, registered by the click. */
export type ThingRef = { thingId: number } | ButtonThingRef;

/** A button's thing: its owner's handle and normalised URL, with the title a first click registers. */
export type ButtonThingRef = { ownerHandle: string; url: string; title: string };

export interface ClickAsk {
  giver: GiverRef;
  thing: ThingRef;
  month: Month;
  now: number;
  minBudgetCents: number;
}

/** The verdict row: everything a click's answer or a button's state is made of. */
export interface ClickFacts {
  verdict: ClickVerdict;
  giverId: number | null;
  giverHandle: string | null;
  ownerId: number | null;
  owner: string | null;
  thingId: number | null;
  url: string | null;
  title: string | null;
  clicksTotal: number;
  clicksThisMonth: number;
  claimed: boolean;
  hidden: boolean;
  /** min(budget, unreserved balance): what a first kudos would reserve now. */
  unreservedCents: number | null;
  /** The owner has a live webhook endpoint (actions/webhooks.ts): read in the same query, so a click stays one round trip. */
  ownerHooked: boolean;
}

export interface ThingCounts {
  id: number;
  url: string;
  title: string;
  clicksTotal: number;
  clicksThisMonth: number;
  claimed: boolean;
  hidden: boolean;
}

function giverSql(giver: GiverRef, now: number): SQL {
  const columns = sql`a.id, a.handle, a.monthly_budget_cents AS budget, a.balance_cents AS balance, a.debt_cents AS debt`;
  if ('sessionTokenHash' in giver) {
    return sql`SELECT ${columns} FROM sessions s JOIN accounts a ON a.id = s.account_id
      WHERE s.token_hash = ${giver.sessionTokenHash} AND s.expires_at > ${now}`;
  }
  if ('accountId' in giver) return sql`SELECT ${columns} FROM accounts a WHERE a.id = ${giver.accountId} AND a.kind = 'person'`;
  return sql`SELECT ${columns} FROM accounts a WHERE 0`;
}

function thingSql(thing: ThingRef, month: Month): SQL {
  const thisMonth = sql`CASE WHEN t.clicks_month = ${month} THEN t.clicks_this_month ELSE 0 END`;
  if ('thingId' in thing) {
    return sql`SELECT t.id AS thing_id, t.owner_id, o.handle AS owner, o.closed_at IS NOT NULL AS owner_closed, t.url, t.title, t.clicks_total, ${thisMonth} AS clicks_this_month, t.claimed, t.hidden
      FROM things t JOIN accounts o ON o.id = t.owner_id WHERE t.id = ${thing.thingId}`;
  }
  return sql`SELECT t.id AS thing_id, o.id AS owner_id, o.handle AS owner, o.closed_at IS NOT NULL AS owner_closed, ${thing.url} AS url, coalesce(t.title, ${thing.title}) AS title,
      coalesce(t.clicks_total, 0) AS clicks_total, coalesce(${thisMonth}, 0) AS clicks_this_month, coalesce(t.claimed, 0) AS claimed, coalesce(t.hidden, 0) AS hidden
    FROM accounts o LEFT JOIN things t ON t.owner_id = o.id AND t.url = ${thing.url}
    WHERE o.handle = ${thing.ownerHandle} AND o.kind = 'person'`;
}

/** Whether `month` is settled for the account `accountId` names: the rule behind month_settled, written once. */
function settledSql(accountId: SQL, month: Month): SQL {
  return sql`(EXISTS (SELECT 1 FROM settlement_runs r WHERE r.month = ${month} AND r.stage = 'done')
    OR ${settlementBooked(month, accountId)}
    OR EXISTS (SELECT 1 FROM month_pledges p WHERE p.account_id = ${accountId} AND p.month = ${month} AND p.settled_at IS NOT NULL))`;
}

/** `WITH giver, target, facts, verdict`: one row whatever happens (the unknown parts are NULL). */
function verdictSql(ask: ClickAsk): SQL {
  const { month, minBudgetCents: min } = ask;
  return sql`WITH giver AS (${giverSql(ask.giver, ask.now)}),
    target AS (${thingSql(ask.thing, month)}),
    facts AS (
      SELECT g.id AS giver_id, g.handle AS giver_handle, g.budget, g.debt,
        g.balance - coalesce((SELECT sum(month_pledges.reserved_cents) FROM month_pledges WHERE month_pledges.account_id = g.id AND month_pledges.settled_at IS NULL AND ${notBooked}), 0) AS unreserved,
        EXISTS (SELECT 1 FROM month_pledges p WHERE p.account_id = g.id AND p.month = ${month}) AS pledged,
        ${settledSql(sql`g.id`, month)} AS settled,
        EXISTS (SELECT 1 FROM clicks c WHERE c.month = ${month} AND c.giver_id = g.id AND c.thing_id = t.thing_id) AS clicked,
        t.thing_id, t.owner_id, t.owner, coalesce(t.owner_closed, 0) AS owner_closed, t.url, t.title, coalesce(t.clicks_total, 0) AS clicks_total, coalesce(t.clicks_this_month, 0) AS clicks_this_month,
        coalesce(t.claimed, 0) AS claimed, coalesce(t.hidden, 0) AS hidden,
        EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.owner_id = t.owner_id AND w.disabled_at IS NULL) AS owner_hooked
      FROM (SELECT 1) LEFT JOIN giver g ON 1 LEFT JOIN target t ON 1
    ),
    verdict AS (
      SELECT facts.*, CASE
        WHEN giver_id IS NULL THEN 'unauthorized'
        WHEN owner_id IS NULL THEN 'not_found'
        WHEN owner_closed THEN 'account_closed'
        WHEN giver_id = owner_id THEN 'own_thing'
        WHEN settled THEN 'month_settled'
        WHEN clicked THEN 'already_given'
        WHEN debt > 0 THEN 'debt_outstanding'
        WHEN budget < ${min} THEN 'no_budget'
        WHEN NOT pledged AND unreserved < ${min} THEN 'not_funded'
        ELSE 'ok' END AS verdict
      FROM facts
    )`;
}

const dialect = new SQLiteSyncDialect();

function prepare(d1: D1Database | D1DatabaseSession, statement: SQL): D1PreparedStatement {
  const query = dialect.sqlToQuery(statement);
  return d1.prepare(query.sql).bind(...query.params);
}

type FactsRow = {
  verdict: ClickVerdict;
  giver_id: number | null;
  giver_handle: string | null;
  owner_id: number | null;
  owner: string | null;
  thing_id: number | null;
  url: string | null;
  title: string | null;
  clicks_total: number;
  clicks_this_month: number;
  claimed: number;
  hidden: number;
  budget: number | null;
  unreserved: number | null;
  owner_hooked: number;
};

const factsSelect = (ask: ClickAsk) =>
  sql`${verdictSql(ask)} SELECT verdict, giver_id, giver_handle, owner_id, owner, thing_id, url, title, clicks_total, clicks_this_month, claimed, hidden, budget, unreserved, owner_hooked FROM verdict`;

function toFacts(row: FactsRow): ClickFacts {
  return {
    verdict: row.verdict,
    giverId: row.giver_id,
    giverHandle: row.giver_handle,
    ownerId: row.owner_id,
    owner: row.owner,
    thingId: row.thing_id,
    url: row.url,
    title: row.title,
    clicksTotal: row.clicks_total,
    clicksThisMonth: row.clicks_this_month,
    claimed: row.claimed === 1,
    hidden: row.hidden === 1,
    unreservedCents: row.budget === null || row.unreserved === null ? null : Math.max(0, Math.min(row.budget, row.unreserved)),
    ownerHooked: row.owner_hooked === 1,
  };
}

/**
 * A button's state: the verdict a click would get now, with the counts. One query, and a second
 * to the giver's shard when their clicks live on one.
 */
export async function clickFacts(d1: D1Database | D1DatabaseSession, ask: ClickAsk, shards: readonly GiverShard[] = []): Promise<ClickFacts> {
  const facts = toFacts((await prepare(d1, factsSelect(ask)).first<FactsRow>())!);
  const shard = facts.giverId === null ? null : shardOf(shards, facts.giverId);
  if (!shard) return facts;
  return { ...facts, verdict: verdictWithShard(facts.verdict, await shardClickFacts(shard, ask.month, facts.giverId!, facts.thingId)) };
}

export interface ClickOutcome {
  /** The verdict the batch saw; 'ok' and `recorded` false means a concurrent twin landed first. */
  facts: ClickFacts;
  recorded: boolean;
  /** The thing's counts after this click (when recorded), else as the verdict saw them. */
  thing: ThingCounts | null;
}

/**
 * Records a click in ONE batch: the verdict, then (only when it is 'ok') the thing registered
 * by this reader's click (claimed = false: it waits for its owner), the click, the counters and
 * the month's pledge. The primary key (month, giver, thing) keeps concurrent double clicks to one.
 */
export async function recordClick(d1: D1Database | D1DatabaseSession, ask: ClickAsk, shards: readonly GiverShard[] = []): Promise<ClickOutcome> {
  // Givers on a shard get their click written there, not here (their id is known only once the
  // verdict has read the session): here the verdict and the thing; there the click; here again the counters.
  const onPrimary = shards.length === 0 ? sql`1` : sql`giver_id < ${shards[0]!.fromId}`;
  const ok = sql`SELECT * FROM verdict WHERE verdict = 'ok' AND ${onPrimary}`;
  const statements: SQL[] = [factsSelect(ask)];
  if (!('thingId' in ask.thing)) statements.push(registerThingByReader(verdictSql(ask), verifiableOrigin(ask.thing.url)));
  statements.push(
    sql`${verdictSql(ask)} INSERT OR IGNORE INTO clicks (month, giver_id, thing_id) SELECT ${ask.month}, giver_id, thing_id FROM (${ok})`,
    // changes() is the row count of the click's insert: the counters move only with a new click.
    countStatement(ask, sql`changes() = 1`),
    pledgeOfFirstKudos(ask),
  );
  if (shards.length > 0) statements.push(sql`SELECT ${thingIdOf(ask)} AS id`);
  const results = await d1.batch(statements.map((s) => prepare(d1, s)));
  const facts = toFacts(results[0]!.results[0] as FactsRow);
  const shard = facts.verdict === 'ok' && facts.giverId !== null ? shardOf(shards, facts.giverId) : null;
  if (shard) {
    const thingId = (results[results.length - 1]!.results[0] as { id: number }).id;
    const onShard = await writeShardClick(shard, ask.month, facts.giverId!, thingId);
    if (!onShard.written) {
      return { facts: { ...facts, verdict: verdictWithShard(facts.verdict, onShard) }, recorded: false, thing: seenThing(facts) };
    }
    // The counters and the month's pledge, as a click on the primary writes them (the update
    // changes its row, so the pledge's changes() = 1 holds). A crash just before this leaves the
    // click counted by its settlement and the pledge reserved at the settlement's start.
    const [counted] = await d1.batch([prepare(d1, countStatement(ask, sql`1`)), prepare(d1, pledgeOfFirstKudos(ask))]);
    return { facts, recorded: true, thing: countedThing(counted!.results[0] as CountedRow) };
  }
  const counted = results[shards.length > 0 ? results.length - 3 : results.length - 2]!.results[0] as CountedRow | undefined;
  if (counted) return { facts, recorded: true, thing: countedThing(counted) };
  return { facts, recorded: false, thing: seenThing(facts) };
}

type CountedRow = { id: number; url: string; title: string; clicks_total: number; clicks_this_month: number; claimed: number; hidden: number };

/** The clicked thing's id in SQL: given, or found by its owner and URL (registered by the click's batch). */
function thingIdOf(ask: ClickAsk): SQL {
  return 'thingId' in ask.thing
    ? sql`${ask.thing.thingId}`
    : sql`(SELECT t.id FROM things t JOIN accounts o ON o.id = t.owner_id WHERE o.handle = ${ask.thing.ownerHandle} AND t.url = ${ask.thing.url})`;
}

/** One more kudos on the thing's counters when `guard` holds, answering the counts. */
function countStatement(ask: ClickAsk, guard: SQL): SQL {
  return sql`UPDATE things SET clicks_total = clicks_total + 1,
      clicks_this_month = CASE WHEN clicks_month = ${ask.month} THEN clicks_this_month + 1 ELSE 1 END,
      clicks_month = ${ask.month}
    WHERE id = ${thingIdOf(ask)} AND ${guard}
    RETURNING id, url, title, clicks_total, clicks_this_month, claimed, hidden`;
}

function countedThing(counted: CountedRow): ThingCounts {
  return {
    id: counted.id,
    url: counted.url,
    title: counted.title,
    clicksTotal: counted.clicks_total,
    clicksThisMonth: counted.clicks_this_month,
    claimed: counted.claimed === 1,
    hidden: counted.hidden === 1,
  };
}

/** The thing as the verdict saw it (no click written). */
function seenThing(facts: ClickFacts): ThingCounts | null {
  return facts.thingId === null
    ? null
    : {
        id: facts.thingId,
        url: facts.url!,
        title: facts.title!,
        clicksTotal: facts.clicksTotal,
        clicksThisMonth: facts.clicksThisMonth,
        claimed: facts.claimed,
        hidden: facts.hidden,
      };
}

/**
 * Registration by a reader's click: the thing named by a button, registered only when the
 * click that names it passes every rule. On a site its owner verified it is theirs at once;
 * elsewhere it is unclaimed until its owner claims it.
 */
function registerThingByReader(verdict: SQL, origin: string | null): SQL {
  const claimed =
    origin === null
      ? sql`0`
      : sql`EXISTS (SELECT 1 FROM sites WHERE sites.owner_id = verdict.owner_id AND sites.origin = ${origin} AND sites.proof IS NOT NULL)`;
  return sql`${verdict} INSERT OR IGNORE INTO things (owner_id, url, title, claimed)
    SELECT owner_id, url, title, ${claimed} FROM verdict WHERE verdict = 'ok' AND thing_id IS NULL`;
}

/**
 * The month's first kudos creates its pledge: reserved = min(budget in force, unreserved
 * balance), budget_cents = the budget then. It runs right after the counters' update, so
 * changes() = 1 exactly when this batch recorded a click; later kudos find the pledge there.
 */
function pledgeOfFirstKudos(ask: ClickAsk): SQL {
  return sql`WITH giver AS (${giverSql(ask.giver, ask.now)})
    INSERT OR IGNORE INTO month_pledges (account_id, month, budget_cents, reserved_cents)
    SELECT g.id, ${ask.month}, g.budget,
      max(0, min(g.budget, g.balance - coalesce((SELECT sum(month_pledges.reserved_cents) FROM month_pledges WHERE month_pledges.account_id = g.id AND month_pledges.settled_at IS NULL AND ${notBooked}), 0)))
    FROM giver g
    WHERE changes() = 1`;
}

/** Whether `accountId`'s `month` has been settled (the rule that refuses its clicks with month_settled). */
export async function monthSettledFor(d1: D1Database, accountId: number, month: Month): Promise<boolean> {
  const row = await prepare(d1, sql`SELECT ${settledSql(sql`${accountId}`, month)} AS settled`).first<{ settled: number }>();
  return row?.settled === 1;
}
