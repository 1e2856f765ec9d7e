// A message whose delivery failed is tried again over the mail queue (miniflare's real queue in
// the pool), until it is delivered or has failed MAIL_ATTEMPTS times; the outbox keeps each result.
import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { MAIL_ATTEMPTS, retryDelaySeconds, sendEmail } from '../../worker/actions/email';
import type { MailRetryMessage } from '../../worker/domain/queue-messages';
import { type Env, readConfig } from '../../worker/env';
import worker from '../../worker/index';
import { openDb } from '../../worker/store/db';
import { admin, uniqueHandle } from './client';

const db = () => openDb(env.DB);

async function kept(to: string) {
  return env.DB.prepare('SELECT id, status, attempts, error, raw FROM outbox WHERE to_email = ?')
    .bind(to)
    .first<{ id: number; status: string; attempts: number; error: string | null; raw: string }>();
}

const letter = (to: string) => ({ to, topic: 'reset' as const, lang: 'de', subject: 'Dein neues Passwort', blocks: [{ p: 'Öffne den Link.' }] });

describe('mail that could not be delivered', () => {
  it('comes back from the queue and is delivered, as it was composed', async () => {
    const to = `${uniqueHandle('retry')}@example.test`;
    // The first delivery fails: no binding in this invocation. The queue's consumer has one.
    const mail = { ...readConfig(env as Env).mail, binding: undefined };
    expect(await sendEmail(db(), mail, letter(to))).toBe('failed');
    const failed = (await kept(to))!;
    expect([failed.status, failed.attempts, failed.error]).toEqual(['failed', 1, expect.stringContaining('no mail binding')]);

    const deadline = Date.now() + 60_000;
    while ((await kept(to))!.status !== 'sent' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    const sent = (await kept(to))!;
    expect([sent.status, sent.attempts, sent.error]).toEqual(['sent', 2, null]);
    // The same message, byte for byte, read by a real MIME parser.
    expect(sent.raw).toBe(failed.raw);
    expect((await PostalMime.parse(sent.raw)).subject).toBe('Dein neues Passwort');
    // The admin sees both tries.
    const outbox = await admin('GET', `/outbox?to=${encodeURIComponent(to)}`);
    expect(outbox.body.messages).toEqual([expect.objectContaining({ to, status: 'sent', attempts: 2, error: null })]);
  }, 90_000);

  it('waits four times longer after each failure, and stays failed after the last attempt', async () => {
    const to = `${uniqueHandle('gives-up')}@example.test`;
    const failing = { ...env, EMAIL: undefined, MAIL_RETRY_SECONDS: '300' } as Env;
    expect(await sendEmail(db(), readConfig(failing).mail, letter(to))).toBe('failed');
    const { id } = (await kept(to))!;
    for (let attempt = 2; attempt <= MAIL_ATTEMPTS; attempt++) {
      const batch = createMessageBatch<MailRetryMessage>('kudos-mail', [
        { id: `r${attempt}`, timestamp: new Date(), attempts: attempt - 1, body: { outboxId: id } },
      ]);
      const ctx = createExecutionContext();
      await worker.queue(batch, failing, ctx);
      const result = await getQueueResult(batch, ctx);
      expect((await kept(to))!.attempts).toBe(attempt);
      // Tried again later until the last attempt; then acknowledged, and left failed.
      if (attempt < MAIL_ATTEMPTS) expect(result.retryMessages.map((m) => m.msgId)).toEqual([`r${attempt}`]);
      else expect([result.explicitAcks, result.retryMessages]).toEqual([[`r${attempt}`], []]);
    }
    // The waits (the test pool does not report a retry's delay): 5 min, 20 min, 80 min, 5 h 20 min,
    // then never longer than a queue may hold a message (12 h).
    const mail = readConfig(failing).mail;
    expect([1, 2, 3, 4, 5].map((attempts) => retryDelaySeconds(mail, attempts))).toEqual([300, 1200, 4800, 19200, 43200]);
    expect((await kept(to))!.status).toBe('failed');

    // Delivered meanwhile (or never kept as failed): the consumer only acknowledges.
    await env.DB.prepare("UPDATE outbox SET status = 'sent' WHERE id = ?").bind(id).run();
    const batch = createMessageBatch<MailRetryMessage>('kudos-mail', [{ id: 'late', timestamp: new Date(), attempts: 1, body: { outboxId: id } }]);
    const ctx = createExecutionContext();
    await worker.queue(batch, failing, ctx);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(['late']);
    expect((await kept(to))!.attempts).toBe(MAIL_ATTEMPTS);
  });
});
