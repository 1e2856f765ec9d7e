// Months for tests that settle: each suite takes months of its own, far from the others', so
// settling one never touches another suite's people.
import { addMonths, monthStart, type Month } from '../../worker/domain/month';

/** A generator of consecutive months starting at `first`: one per test. */
export function monthsFrom(first: Month): () => Month {
  let next = 0;
  return () => addMonths(first, next++);
}

/** A moment inside `month` (its first hour). */
export const inMonth = (month: Month) => monthStart(month) + 3_600_000;

/** A moment just after `month` ended: when its settlement may run. */
export const afterMonth = (month: Month) => monthStart(addMonths(month, 1)) + 60_000;

/** Waits until the queue's consumers have settled `month` (the cron only plans and fans out). */
export async function untilSettled(month: Month, timeoutMs = 90_000): Promise<{ stage: string; people_settled: number; clicks_settled: number }> {
  const { env } = await import('cloudflare:test');
  const started = Date.now();
  for (;;) {
    const run = await env.DB.prepare('SELECT stage, people_settled, clicks_settled FROM settlement_runs WHERE month = ?')
      .bind(month)
      .first<{ stage: string; people_settled: number; clicks_settled: number }>();
    if (run?.stage === 'done' || Date.now() - started > timeoutMs) return run ?? { stage: 'missing', people_settled: 0, clicks_settled: 0 };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
