// The admin audit trail: one row per call to /api/v1/admin/*, allowed or refused.
import { desc } from 'drizzle-orm';
import { adminAudit } from '../../schema/tables';
import type { Db } from './db';

export interface AdminCall {
  method: string;
  path: string;
  authorized: boolean;
  status: number;
  body: string | null;
  client: string | null;
}

export async function recordAdminCall(db: Db, call: AdminCall): Promise<void> {
  await db.insert(adminAudit).values(call).run();
}

export async function recentAdminCalls(db: Db, limit = 100) {
  return db.select().from(adminAudit).orderBy(desc(adminAudit.id)).limit(limit).all();
}
