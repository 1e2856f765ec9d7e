// Giver shards: clicks partitioned by giver id across several D1 databases (docs/architecture.md
// "Giver shards"). The primary database (`DB`) holds everything else, and the clicks of the givers
// below the first shard. A shard holds `shard_clicks` (the same rows, without foreign keys: the
// giver and the thing live in the primary) and the settlement's fences. This file routes a giver
// to their database and holds every query a shard answers.
import { type SQL, sql } from 'drizzle-orm';
import type { Month } from '../domain/month';
import { chunk } from './db';

/** One shard: the D1 binding `name` holds the clicks of givers with ids from `fromId` up to the next shard's. */
export interface GiverShard {
  name: string;
  fromId: number;
  d1: D1Database;
}

/** The shard holding `giverId`'s clicks, or null for the primary. `shards` are sorted by `fromId`. */
export function shardOf(shards: readonly GiverShard[], giverId: number): GiverShard | null {
  let found: GiverShard | null = null;
  for (const shard of shards) if (giverId >= shard.fromId) found = shard;
  return found;
}

/** A range of giver ids (firstId, lastId] on one database: a shard, or the primary (null). */
export interface ShardRange {
  shard: GiverShard | null;
  firstId: number;
  lastId: number;
}

/** (firstId, lastId] cut where a shard begins, each part with the database holding it. */
export function rangesOf(shards: readonly GiverShard[], firstId: number, lastId: number): ShardRange[] {
  const cuts = shards.map((s) => s.fromId - 1).filter((cut) => cut > firstId && cut < lastId);
  const bounds = [firstId, ...cuts, lastId];
  return bounds.slice(1).map((last, i) => ({ shard: shardOf(shards, bounds[i]! + 1), firstId: bounds[i]!, lastId: last }));
}

/** Reads the `GIVER_SHARDS` setting ("BINDING:fromId,…") against the Worker's bindings. */
export function readGiverShards(setting: string | undefined, bindings: Record<string, unknown>): GiverShard[] {
  if (!setting?.trim()) return [];
  const shards = setting.split(',').map((part) => {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(\d+)\s*$/.exec(part);
    if (!match) throw new Error(`GIVER_SHARDS: "${part}" is not BINDING:fromId`);
    const [, name, from] = match;
    const d1 = bindings[name!] as D1Database | undefined;
    if (typeof d1?.prepare !== 'function' || name === 'DB') throw new Error(`GIVER_SHARDS: ${name} is no D1 binding of this Worker other than DB`);
    return { name: name!, fromId: Number(from), d1 };
  });
  shards.sort((a, b) => a.fromId - b.fromId);
  if (shards.some((s, i) => s.fromId < 1 || (i > 0 && s.fromId === shards[i - 1]!.fromId))) {
    throw new Error('GIVER_SHARDS: each shard needs its own first id, above 0');
  }
  return shards;
}

const fenced = `EXISTS (SELECT 1 FROM click_fences f WHERE f.month = ?1 AND ?2 > f.first_id AND ?2 <= f.last_id)`;

/** What the giver's shard knows of a click: given already, or the month's settlement has read it. */
export interface ShardClickFacts {
  clicked: boolean;
  fenced: boolean;
}

/** The shard's side of a button's state. */
export async function shardClickFacts(shard: GiverShard, month: Month, giverId: number, thingId: number | null): Promise<ShardClickFacts> {
  const row = await shard.d1
    .prepare(`SELECT EXISTS (SELECT 1 FROM shard_clicks WHERE month = ?1 AND giver_id = ?2 AND thing_id = ?3) AS clicked, ${fenced} AS fenced`)
    .bind(month, giverId, thingId ?? -1)
    .first<{ clicked: number; fenced: number }>();
  return { clicked: row?.clicked === 1, fenced: row?.fenced === 1 };
}

/**
 * Writes a click on the giver's shard unless it is there or the month is fenced: one batch.
 * Answers whether it was written, and the facts when it was not.
 */
export async function writeShardClick(shard: GiverShard, month: Month, giverId: number, thingId: number): Promise<{ written: boolean } & ShardClickFacts> {
  const [inserted, facts] = await shard.d1.batch([
    shard.d1
      .prepare(`INSERT INTO shard_clicks (month, giver_id, thing_id) SELECT ?1, ?2, ?3 WHERE NOT ${fenced} ON CONFLICT DO NOTHING RETURNING 1 AS written`)
      .bind(month, giverId, thingId),
    shard.d1.prepare(`SELECT ${fenced} AS fenced`).bind(month, giverId),
  ]);
  const written = (inserted!.results as unknown[]).length === 1;
  const isFenced = (facts!.results[0] as { fenced: number }).fenced === 1;
  return { written, clicked: !written && !isFenced, fenced: !written && isFenced };
}

/** A click as the settlement and the readers of a shard need it. */
export interface ShardClick {
  month: Month;
  giverId: number;
  thingId: number;
  createdAt: number;
}

/** Shard clicks bound as JSON in one statement, at most: well under D1's limits on a statement's size. */
export const SHARD_CLICKS_PER_STATEMENT = 2_000;

/**
 * SQL: shard clicks read here as rows of the clicks table's columns (month, giver_id, thing_id,
 * created_at), bound as one JSON parameter, for the primary's queries to join like its own clicks.
 */
export function shardClickRows(clicks: readonly ShardClick[]): SQL {
  const json = JSON.stringify(clicks.map((k) => [k.month, k.giverId, k.thingId, k.createdAt]));
  return sql`(SELECT value ->> 0 AS month, value ->> 1 AS giver_id, value ->> 2 AS thing_id, value ->> 3 AS created_at FROM json_each(${json}))`;
}

const CLICK_COLUMNS = 'month, giver_id AS giverId, thing_id AS thingId, created_at AS createdAt';

/**
 * Fences givers (firstId, lastId] of `month` and reads their clicks, in one batch: every click the
 * settlement does not read is refused from then on. Reading again (a retried chunk) reads the same.
 */
export async function fenceAndReadClicks(shard: GiverShard, month: Month, firstId: number, lastId: number): Promise<ShardClick[]> {
  const [, read] = await shard.d1.batch([
    shard.d1.prepare('INSERT INTO click_fences (month, first_id, last_id) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING').bind(month, firstId, lastId),
    shard.d1
      .prepare(`SELECT ${CLICK_COLUMNS} FROM shard_clicks WHERE month = ?1 AND giver_id > ?2 AND giver_id <= ?3 ORDER BY giver_id, thing_id`)
      .bind(month, firstId, lastId),
  ]);
  return read!.results as ShardClick[];
}

/** A giver's clicks, of one month or all, oldest first. */
export async function shardClicksOfGiver(shard: GiverShard, giverId: number, month?: Month): Promise<ShardClick[]> {
  const query = month
    ? shard.d1.prepare(`SELECT ${CLICK_COLUMNS} FROM shard_clicks WHERE giver_id = ?1 AND month = ?2 ORDER BY month, created_at`).bind(giverId, month)
    : shard.d1.prepare(`SELECT ${CLICK_COLUMNS} FROM shard_clicks WHERE giver_id = ?1 ORDER BY month, created_at`).bind(giverId);
  return (await query.all<ShardClick>()).results;
}

/** Every shard's clicks on `thingIds` given in [fromMs, untilMs). */
export async function shardClicksOnThings(shards: readonly GiverShard[], thingIds: readonly number[], fromMs: number, untilMs: number): Promise<ShardClick[]> {
  const reads = shards.flatMap((shard) =>
    chunk(thingIds, 500).map((ids) =>
      shard.d1
        .prepare(
          `SELECT ${CLICK_COLUMNS} FROM shard_clicks
           WHERE thing_id IN (SELECT value FROM json_each(?1)) AND created_at >= ?2 AND created_at < ?3`,
        )
        .bind(JSON.stringify(ids), fromMs, untilMs)
        .all<ShardClick>(),
    ),
  );
  return (await Promise.all(reads)).flatMap((r) => r.results);
}

const unfenced = `NOT EXISTS (SELECT 1 FROM click_fences f WHERE f.month = c.month AND c.giver_id > f.first_id AND c.giver_id <= f.last_id)`;

/**
 * Moves the kudos on `fromId` that no settlement has read (unfenced) to `toId` on every shard, as
 * the primary moves its own (store/claims.ts); answers each thing's counts on the shards after it.
 */
export async function moveShardClicks(shards: readonly GiverShard[], fromId: number, toId: number, month: Month): Promise<ShardCounts> {
  for (const shard of shards) {
    await shard.d1.batch([
      shard.d1
        .prepare(`INSERT OR IGNORE INTO shard_clicks (month, giver_id, thing_id, created_at)
          SELECT c.month, c.giver_id, ?2, c.created_at FROM shard_clicks c WHERE c.thing_id = ?1 AND ${unfenced}`)
        .bind(fromId, toId),
      shard.d1.prepare(`DELETE FROM shard_clicks AS c WHERE c.thing_id = ?1 AND ${unfenced}`).bind(fromId),
    ]);
  }
  return shardCounts(shards, [fromId, toId], month);
}

/** Per thing: its kudos on the shards, ever and in `month`. */
export type ShardCounts = Map<number, { total: number; inMonth: number }>;

async function shardCounts(shards: readonly GiverShard[], thingIds: readonly number[], month: Month): Promise<ShardCounts> {
  const counts: ShardCounts = new Map(thingIds.map((id) => [id, { total: 0, inMonth: 0 }]));
  for (const shard of shards) {
    const { results } = await shard.d1
      .prepare(`SELECT thing_id AS id, count(*) AS total, count(*) FILTER (WHERE month = ?2) AS inMonth FROM shard_clicks
        WHERE thing_id IN (SELECT value FROM json_each(?1)) GROUP BY thing_id`)
      .bind(JSON.stringify(thingIds), month)
      .all<{ id: number; total: number; inMonth: number }>();
    for (const row of results) {
      const sum = counts.get(row.id)!;
      sum.total += row.total;
      sum.inMonth += row.inMonth;
    }
  }
  return counts;
}

/**
 * Deletes the kudos on `thingId` that no settlement has read, on every shard; answers whether
 * kudos a settlement read remain (then the thing must stay).
 */
export async function deleteUnreadShardClicks(shards: readonly GiverShard[], thingId: number): Promise<boolean> {
  let remain = false;
  for (const shard of shards) {
    const [, left] = await shard.d1.batch([
      shard.d1.prepare(`DELETE FROM shard_clicks AS c WHERE c.thing_id = ?1 AND ${unfenced}`).bind(thingId),
      shard.d1.prepare('SELECT EXISTS (SELECT 1 FROM shard_clicks WHERE thing_id = ?1) AS remain').bind(thingId),
    ]);
    remain ||= (left!.results[0] as { remain: number }).remain === 1;
  }
  return remain;
}

/** The next givers of `month` after `cursor` with clicks on `shard`: a roll-up chunk's range (store/rollup.ts). */
export async function nextShardGiverRange(shard: GiverShard, month: Month, cursor: number, givers: number): Promise<{ first: number; last: number } | null> {
  const row = await shard.d1
    .prepare(`SELECT min(giver_id) AS first, max(giver_id) AS last FROM (
      SELECT DISTINCT giver_id FROM shard_clicks WHERE month = ?1 AND giver_id > ?2 ORDER BY giver_id LIMIT ?3)`)
    .bind(month, cursor, givers)
    .first<{ first: number | null; last: number | null }>();
  return row?.first == null || row.last == null ? null : { first: row.first, last: row.last };
}

/** A roll-up chunk's clicks on `shard`, as the archive keeps them. */
export async function shardClicksOfRange(shard: GiverShard, month: Month, range: { first: number; last: number }): Promise<ShardClick[]> {
  const { results } = await shard.d1
    .prepare(`SELECT ${CLICK_COLUMNS} FROM shard_clicks WHERE month = ?1 AND giver_id BETWEEN ?2 AND ?3 ORDER BY giver_id, thing_id`)
    .bind(month, range.first, range.last)
    .all<ShardClick>();
  return results;
}

/** Deletes `month`'s clicks of givers up to `cursor` on `shard`: those the roll-up has totalled (again after a crash). */
export async function deleteShardClicksUpTo(shard: GiverShard, month: Month, cursor: number): Promise<void> {
  await shard.d1.prepare('DELETE FROM shard_clicks WHERE month = ?1 AND giver_id <= ?2').bind(month, cursor).run();
}
