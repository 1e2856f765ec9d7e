// Giver shards (docs/architecture.md): clicks live in the D1 database of the giver's id range. Two
// local D1 databases (DB and DB_GIVERS_2): the click and the button state go to the giver's, the
// settlement reads each chunk's clicks where they live, and a month settles with the same books
// as the same clicks in one database.
import { createExecutionContext, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { giveKudos } from '../../worker/actions/give';
import { readArchived, ROLLUP_AFTER_MONTHS, rollUpMonth } from '../../worker/actions/rollup';
import { settleMonth } from '../../worker/actions/settle';
import { addMonths, type Month, monthOf, monthStart } from '../../worker/domain/month';
import { money } from '../../worker/domain/money';
import { splitBudget } from '../../worker/domain/split';
import { type Env, readConfig } from '../../worker/env';
import worker from '../../worker/index';
import { type Account, findAccountByHandle } from '../../worker/store/accounts';
import { openDb } from '../../worker/store/db';
import { fenceAndReadClicks, readGiverShards, rangesOf } from '../../worker/store/giver-shards';
import { moveUnsettledClicks } from '../../worker/store/claims';
import { checkLedger } from '../../worker/store/ledger';
import { findThing, givenClicks } from '../../worker/store/things';
import { ADMIN_TOKEN, Client } from './client';
import { signUp } from '../support/client';
import { afterMonth, inMonth, monthsFrom } from './months';

const db = () => openDb(env.DB);
const nextMonth = monthsFrom('2081-01');

/** Everything from the giver with id `fromId` on is in DB_GIVERS_2. */
const shardedEnv = (fromId: number): Env => ({ ...env, GIVER_SHARDS: `DB_GIVERS_2:${fromId}` });
/** A person signed up through the Worker running with the shard. */
async function shardedPerson(fromId: () => number, options: { depositCents?: number; budgetCents?: number } = {}) {
  const client = new Client(async (request) => worker.fetch!(request, shardedEnv(fromId()), createExecutionContext()));
  const { handle } = await signUp(client, ADMIN_TOKEN, options);
  return Object.assign(client, { handle, account: (await findAccountByHandle(db(), handle))! });
}

const count = async (d1: D1Database, table: string, where: string, ...params: unknown[]) =>
  (await d1
    .prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`)
    .bind(...params)
    .first<{ n: number }>())!.n;

/** A month's entries of `accounts`, by account, kind, thing and counterparty (what a month's books say of them). */
async function monthBooks(month: Month, accounts: readonly Account[]) {
  const ids = accounts.map((a) => a.id);
  const { results } = await env.DB.prepare(
    `SELECT account_id, kind, thing_id, counterparty_id, amount_cents FROM ledger_entries
     WHERE month = ?1 AND (account_id IN (SELECT value FROM json_each(?2)) OR counterparty_id IN (SELECT value FROM json_each(?2)))
     ORDER BY account_id, kind, thing_id, counterparty_id, amount_cents`,
  )
    .bind(month, JSON.stringify(ids))
    .all();
  return results;
}

describe('giver shards', () => {
  it('reads GIVER_SHARDS against the bindings and cuts id ranges where a shard begins', () => {
    const shards = readGiverShards('DB_GIVERS_2:1001', env as unknown as Record<string, unknown>);
    expect(shards.map((s) => [s.name, s.fromId])).toEqual([['DB_GIVERS_2', 1001]]);
    expect(rangesOf(shards, 0, 1000).map((r) => [r.shard?.name ?? 'DB', r.firstId, r.lastId])).toEqual([['DB', 0, 1000]]);
    expect(rangesOf(shards, 500, 1500).map((r) => [r.shard?.name ?? 'DB', r.firstId, r.lastId])).toEqual([
      ['DB', 500, 1000],
      ['DB_GIVERS_2', 1000, 1500],
    ]);
    expect(() => readGiverShards('DB_NOWHERE:5', env as unknown as Record<string, unknown>)).toThrow(/no D1 binding/);
    expect(() => readGiverShards('DB_GIVERS_2:5,DB_GIVERS_2:5', env as unknown as Record<string, unknown>)).toThrow(/own first id/);
  });

  it('routes the click and the button to the giver’s database, and settles a month across both with the books of one', async () => {
    const month = nextMonth();
    const single = nextMonth();
    let fromId = Number.MAX_SAFE_INTEGER;
    const shardFrom = () => fromId;
    const owner = await shardedPerson(shardFrom);
    const things = await Promise.all(
      [1, 2, 3].map(async (n) => (await owner.post('/api/v1/things', { url: `https://owner.example/shards/${n}`, title: `Post ${n}` })).body.id as number),
    );
    const funded = { depositCents: 2000, budgetCents: 500 };
    const onPrimary = await shardedPerson(shardFrom, funded);
    const first = await shardedPerson(shardFrom, funded);
    fromId = first.account.id;
    const second = await shardedPerson(shardFrom, funded);
    const idle = await shardedPerson(shardFrom, funded);
    const config = readConfig(shardedEnv(fromId));
    const plain = readConfig(env);

    // Now, over HTTP: the shard giver's click is written in DB_GIVERS_2 only, and the button and a second click know it.
    const url = `https://owner.example/shards/now-${crypto.randomUUID()}`;
    const click = await first.post('/api/v1/clicks', { owner: owner.handle, url, title: 'Now' });
    expect(click.status).toBe(201);
    const thingNow = click.body.thing.id as number;
    expect(await count(env.DB_GIVERS_2, 'shard_clicks', 'giver_id = ? AND thing_id = ?', first.account.id, thingNow)).toBe(1);
    expect(await count(env.DB, 'clicks', 'thing_id = ?', thingNow)).toBe(0);
    expect(click.body.thing.clicks_total).toBe(1);
    const state = await first.get(`/api/v1/button?owner=${owner.handle}&url=${encodeURIComponent(url)}`);
    expect(state.body.status).toBe('given');
    const again = await first.post('/api/v1/clicks', { owner: owner.handle, url, title: 'Now' });
    expect([again.status, again.body.error.code]).toEqual([409, 'already_given']);
    const fromPrimary = await onPrimary.post('/api/v1/clicks', { owner: owner.handle, url, title: 'Now' });
    expect([fromPrimary.status, fromPrimary.body.thing.clicks_total]).toEqual([201, 2]);
    expect(await count(env.DB, 'clicks', 'thing_id = ?', thingNow)).toBe(1);
    // What the shard giver gave is theirs to read and export.
    const exported = await first.get('/api/v1/me/export');
    expect(exported.body.clicks.map((k: { thing_id: number }) => k.thing_id)).toEqual([thingNow]);

    // The same clicks in two months: with the shard, and all in DB.
    const clicks: [Account, number[]][] = [
      [onPrimary.account, things],
      [first.account, things.slice(0, 2)],
      [second.account, things.slice(2)],
    ];
    for (const [m, cfg] of [
      [month, config],
      [single, plain],
    ] as const) {
      for (const [giver, ids] of clicks) {
        for (const thingId of ids) {
          const answer = await giveKudos(env.DB, cfg, { accountId: giver.id }, { thingId }, { now: inMonth(m) });
          expect(answer.verdict).toBe('given');
        }
      }
    }
    expect(await count(env.DB_GIVERS_2, 'shard_clicks', 'month = ?', month)).toBe(3);
    expect(await count(env.DB, 'clicks', 'month = ? AND giver_id >= ?', month, fromId)).toBe(0);
    expect(await count(env.DB, 'clicks', 'month = ?', single)).toBe(6);

    // Settled in chunks that straddle where the shard begins (and one that does not).
    const sharded = await settleMonth(db(), config, month, { now: afterMonth(month), chunkIds: fromId + 1 });
    const together = await settleMonth(db(), plain, single, { now: afterMonth(single), chunkIds: fromId + 1 });
    expect([sharded.stage, sharded.failures]).toEqual(['done', []]);
    expect([sharded.clicksSettled, sharded.peopleSettled]).toEqual([together.clicksSettled, together.peopleSettled]);
    expect(sharded.clicksSettled).toBeGreaterThanOrEqual(6);
    expect(await count(env.DB, 'settlement_clicks', '1')).toBe(0);

    // The books: each giver's split as the pure function says, the idle budget to charity, and the same entries both months.
    const people = [owner.account, onPrimary.account, first.account, second.account, idle.account];
    const books = await monthBooks(month, people);
    expect(books).toEqual(await monthBooks(single, people));
    for (const [giver, ids] of clicks) {
      const split = splitBudget({ amount: money(500, plain.currency), feePercent: plain.feePercent, clicks: ids, month });
      const shares = books.filter((e) => e.kind === 'share' && e.counterparty_id === giver.id).map((e) => e.amount_cents);
      expect(shares).toEqual(split.kind === 'shares' ? split.shares.map((s) => s.amount.cents) : []);
    }
    expect(books.filter((e) => e.account_id === idle.account.id).map((e) => [e.kind, e.amount_cents])).toEqual([['budget', -500]]);
    const check = await checkLedger(db());
    expect([check.sumOfAllEntries, check.unbalancedTransactions, check.accountsOffBalance]).toEqual([0, [], []]);

    // The owner's stats count the kudos wherever they live, with what each earned.
    const csv = (await owner.get('/stats.csv')).text as string;
    expect(csv).toMatch(new RegExp(`,${things[0]},Post 1,https://owner.example/shards/1,4,4,750,EUR\r\n`));

    // The settled month is closed on the shard too: a late click for it is refused and writes nothing.
    const late = await giveKudos(env.DB, config, { accountId: second.account.id }, { thingId: things[0]! }, { now: inMonth(month) + 86_400_000 });
    expect(late.verdict).toBe('month_settled');
    expect(await count(env.DB_GIVERS_2, 'shard_clicks', 'month = ? AND giver_id = ?', month, second.account.id)).toBe(1);

    // Rolled up past its dispute window (actions/rollup.ts), the shard's clicks become totals here
    // too, kept in R2 first: the stats answer byte for byte the same.
    // Two at once (the daily cron and the operator): the shard's clicks are read by both, totalled once.
    const rollUp = () => rollUpMonth(db(), env.ARCHIVE!, month, { now: monthStart(addMonths(month, ROLLUP_AFTER_MONTHS)) }, config.giverShards);
    const [rolled] = await Promise.all([rollUp(), rollUp()]);
    expect(rolled.stage).toBe('done');
    expect(await count(env.DB_GIVERS_2, 'shard_clicks', 'month = ?', month)).toBe(0);
    expect((await owner.get('/stats.csv')).text).toBe(csv);
    const { objects } = await env.ARCHIVE!.list({ prefix: `months/${month}/clicks/DB_GIVERS_2/` });
    const archived = (await Promise.all(objects.map((o) => readArchived<{ giverId: number; thingId: number }>(env.ARCHIVE!, o.key)))).flat();
    expect(archived.map((k) => [k.giverId, k.thingId]).sort()).toEqual(
      [
        [first.account.id, things[0]],
        [first.account.id, things[1]],
        [second.account.id, things[2]],
      ].sort(),
    );
    expect(await checkLedger(db())).toEqual({ sumOfAllEntries: 0, unbalancedTransactions: [], accountsOffBalance: [] });
  });

  it('refuses a click the settlement has fenced off, before anything is booked', async () => {
    const month = nextMonth();
    let fromId = Number.MAX_SAFE_INTEGER;
    const owner = await shardedPerson(() => fromId);
    const thingId = (await owner.post('/api/v1/things', { url: 'https://owner.example/fenced', title: 'Fenced' })).body.id as number;
    const giver = await shardedPerson(() => fromId, { depositCents: 1000, budgetCents: 500 });
    fromId = giver.account.id;
    const config = readConfig(shardedEnv(fromId));
    // The settlement's read of this giver's month (store/settlement.ts reads before it books).
    expect(await fenceAndReadClicks(config.giverShards[0]!, month, fromId - 1, fromId)).toEqual([]);
    const answer = await giveKudos(env.DB, config, { accountId: giver.account.id }, { thingId }, { now: inMonth(month) });
    expect(answer.verdict).toBe('month_settled');
    expect(await count(env.DB_GIVERS_2, 'shard_clicks', 'giver_id = ?', giver.account.id)).toBe(0);
    // The month after is open.
    const next = await giveKudos(env.DB, config, { accountId: giver.account.id }, { thingId }, { now: inMonth(addMonths(month, 1)) });
    expect(next.verdict).toBe('given');
  });

  it('pays and shows the clicks a giver made before their shard was added', async () => {
    const month = nextMonth();
    let fromId = Number.MAX_SAFE_INTEGER;
    const owner = await shardedPerson(() => fromId);
    const [before, after] = await Promise.all(
      ['before', 'after'].map(async (n) => (await owner.post('/api/v1/things', { url: `https://owner.example/added/${n}`, title: n })).body.id as number),
    );
    const giver = await shardedPerson(() => fromId, { depositCents: 1000, budgetCents: 500 });
    // A click while everything is in DB; then the shard is added, taking this giver's id.
    expect((await giveKudos(env.DB, readConfig(env), { accountId: giver.account.id }, { thingId: before }, { now: inMonth(month) })).verdict).toBe('given');
    fromId = giver.account.id;
    const config = readConfig(shardedEnv(fromId));
    expect((await giveKudos(env.DB, config, { accountId: giver.account.id }, { thingId: before }, { now: inMonth(month) })).verdict).toBe('already_given');
    expect((await giveKudos(env.DB, config, { accountId: giver.account.id }, { thingId: after }, { now: inMonth(month) })).verdict).toBe('given');
    expect((await givenClicks(db(), giver.account.id, month, config.giverShards)).map((k) => k.thingId)).toEqual([before, after]);
    await settleMonth(db(), config, month, { now: afterMonth(month) });
    const shares = await env.DB.prepare(
      `SELECT thing_id, amount_cents FROM ledger_entries WHERE month = ? AND kind = 'share' AND counterparty_id = ? ORDER BY thing_id`,
    )
      .bind(month, giver.account.id)
      .all();
    expect(shares.results).toEqual([
      { thing_id: before, amount_cents: 225 },
      { thing_id: after, amount_cents: 225 },
    ]);
  });

  it('moves and removes a thing’s unsettled kudos on the shards as on the primary', async () => {
    let fromId = Number.MAX_SAFE_INTEGER;
    const owner = await shardedPerson(() => fromId);
    const other = await shardedPerson(() => fromId);
    const giver = await shardedPerson(() => fromId, { depositCents: 1000, budgetCents: 500 });
    fromId = giver.account.id;
    const config = readConfig(shardedEnv(fromId));
    const [kept, taken, removed] = await Promise.all(
      ['kept', 'taken', 'removed'].map(
        async (n) => (await owner.post('/api/v1/things', { url: `https://owner.example/claims/${n}`, title: n })).body.id as number,
      ),
    );
    const theirs = (await other.post('/api/v1/things', { url: 'https://owner.example/claims/taken', title: 'taken' })).body.id as number;
    for (const thingId of [kept, theirs, removed]) {
      expect((await giveKudos(env.DB, config, { accountId: giver.account.id }, { thingId })).verdict).toBe('given');
    }
    // The owner takes `theirs` over (what disputeThing does once the site is proved): its kudos follow, counted.
    await moveUnsettledClicks(db(), theirs, taken, monthOf(Date.now()), config.giverShards);
    expect(await count(env.DB_GIVERS_2, 'shard_clicks', 'thing_id = ?', theirs)).toBe(0);
    expect(await count(env.DB_GIVERS_2, 'shard_clicks', 'thing_id = ?', taken)).toBe(1);
    expect((await findThing(db(), taken))!.clicksTotal).toBe(1);
    expect((await findThing(db(), theirs))!.clicksTotal).toBe(0);
    // Removing a thing removes its unsettled kudos on the shard with it.
    const answer = await owner.request('DELETE', `/api/v1/things/${removed}`);
    expect(answer.body.outcome).toBe('removed');
    expect(await count(env.DB_GIVERS_2, 'shard_clicks', 'thing_id = ?', removed)).toBe(0);
    expect(await count(env.DB_GIVERS_2, 'shard_clicks', 'thing_id = ?', kept)).toBe(1);
  });
});
