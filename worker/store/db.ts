import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';
import * as tables from '../../schema/tables';

export type Db = DrizzleD1Database<typeof tables> & { $client: D1Database };

export function openDb(d1: D1Database): Db {
  return drizzle(d1, { schema: tables });
}

/** D1 answers at most 100 bound parameters per statement; bulk statements stay under it. */
export const MAX_PARAMS = 100;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function isUniqueViolation(error: unknown): boolean {
  const text = String(error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : error);
  return /UNIQUE constraint failed|SQLITE_CONSTRAINT_PRIMARYKEY/.test(text);
}

/**
 * Reads that a D1 read replica may serve (the Sessions API): button states. With a bookmark (of
 * this browser's last click) the replica is at least that new, so a person sees their own kudos;
 * without one, public counts may be a moment stale. Without replication configured (and
 * locally) the session reads the primary, as before.
 */
export function readReplica(d1: D1Database, bookmark?: string | null): D1DatabaseSession {
  return d1.withSession(bookmark ?? 'first-unconstrained');
}
