// Posting an event to a creator's webhook endpoint: someone else's server, so as guarded as
// reading their pages (fetch-page.ts): public addresses only (address.ts), one deadline, no
// redirect followed (a receiver answers where it was registered), the answer's body unread.
import { Refusal } from '../domain/refusal';
import { publicTarget } from './address';

/** How long an endpoint gets to answer (Standard Webhooks receivers answer at once, then work). */
const WEBHOOK_DEADLINE_MS = 10_000;

/** What an attempt got: the endpoint's status, or why there was none, in words. */
export type WebhookAttempt = { status: number } | { error: string };

export async function postWebhook(url: string, headers: Record<string, string>, body: string, rules: { allowLoopback: boolean }): Promise<WebhookAttempt> {
  let target: URL;
  try {
    target = publicTarget(url, rules);
  } catch (error) {
    if (error instanceof Refusal) return { error: error.message };
    throw error;
  }
  try {
    const answer = await fetch(target, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'Kudos-Webhooks', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(WEBHOOK_DEADLINE_MS),
    });
    await answer.body?.cancel();
    return { status: answer.status };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return {
      error: timedOut ? `no answer within ${WEBHOOK_DEADLINE_MS / 1000} s` : `could not connect (${error instanceof Error ? error.message : String(error)})`,
    };
  }
}
