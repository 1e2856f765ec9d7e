// Sending email: every message is composed as MIME (mimetext), kept in the outbox, then handed to
// Cloudflare Email Service's `send_email` binding; its delivery result is written back. A failed
// delivery waits on the mail queue and is tried again, each wait four times the last, until
// MAIL_ATTEMPTS have failed. Locally `wrangler dev` simulates the binding: it writes each message
// to a file and logs the path.
import { EmailMessage } from 'cloudflare:email';
import { createMimeMessage } from 'mimetext/browser';
import type { MailSettings } from '../env';
import type { Db } from '../store/db';
import { type MailRetryMessage, retryDelay } from '../domain/queue-messages';
import { addToOutbox, failedMessage, isOptedOut, recordDelivery } from '../store/outbox';
import { type Block, type Letter, letterHtml, letterText } from '../views/email';
import { SITE_WORDS, type SiteLang, type SiteWords } from '../views/words';
import { randomToken, sha256Hex } from '../domain/secrets';

/** Messages about the account's security: always sent, no unsubscribe link. */
const SECURITY_TOPICS = new Set(['reset', 'verify', 'change_email', 'account']);
/** What a person chooses on the settings page (invites reach people without an account). */
export const CHOOSABLE_TOPICS = ['receipt', 'earnings', 'payout'] as const;
export type Topic = 'invite' | 'reset' | 'verify' | 'change_email' | 'account' | (typeof CHOOSABLE_TOPICS)[number];

export interface Outgoing {
  to: string;
  accountId?: number | undefined;
  topic: Topic;
  /** Makes the message idempotent: a second message with the same key is never written nor sent. */
  key?: string | undefined;
  lang: string;
  subject: string;
  blocks: Block[];
}

export type Delivery = 'sent' | 'failed' | 'unsubscribed' | 'sent_before';

export function mailWords(lang: string): SiteWords {
  return SITE_WORDS[(lang in SITE_WORDS ? lang : 'en') as SiteLang];
}

/**
 * Sends one message. Never throws for a delivery failure: the outbox row says `failed` with the
 * binding's error (a reset link that could not be sent must not tell the asker anything either).
 */
export async function sendEmail(db: Db, mail: MailSettings, message: Outgoing): Promise<Delivery> {
  const security = SECURITY_TOPICS.has(message.topic);
  if (!security && (await isOptedOut(db, message.to, message.topic))) return 'unsubscribed';
  const w = mailWords(message.lang).mail;
  const token = security ? undefined : randomToken();
  const unsubscribeUrl = token ? `${mail.siteOrigin}/unsubscribe/${token}` : undefined;
  const letter: Letter = {
    subject: message.subject,
    blocks: message.blocks,
    footer: security ? w.securityFooter : w.footer,
    unsubscribe: unsubscribeUrl ? { url: unsubscribeUrl, label: w.unsubscribe } : undefined,
  };
  const text = letterText(letter);
  const raw = composeMime(mail, message.to, letter, text, letterHtml(letter, message.lang), unsubscribeUrl);
  const id = await addToOutbox(db, {
    to: message.to,
    subject: message.subject,
    text,
    topic: message.topic,
    accountId: message.accountId ?? null,
    key: message.key ?? null,
    raw,
    unsubscribeHash: token ? await sha256Hex(token) : null,
  });
  if (id === undefined) return 'sent_before';
  const attempts = await deliver(db, mail, { id, to: message.to, raw });
  if (attempts === 'sent') return 'sent';
  await mail.retries?.queue.send({ outboxId: id }, { delaySeconds: retryDelaySeconds(mail, attempts) });
  return 'failed';
}

/** Deliveries tried before a message stays failed for good: over about 28 hours with the default wait. */
export const MAIL_ATTEMPTS = 6;
/** How long to wait after `attempts` failed deliveries: the first wait, four times longer each time. */
export function retryDelaySeconds(mail: MailSettings, attempts: number): number {
  return retryDelay(mail.retries?.firstDelaySeconds ?? 0, 4, attempts);
}

/** Hands one kept message to the binding; 'sent', or how many deliveries have failed now. */
async function deliver(db: Db, mail: MailSettings, message: { id: number; to: string; raw: string }): Promise<'sent' | number> {
  try {
    if (!mail.binding) throw new Error('no mail binding (wrangler.toml [[send_email]] name = "EMAIL")');
    await mail.binding.send(new EmailMessage(mail.from.addr, message.to, message.raw));
    await recordDelivery(db, message.id, { ok: true, at: Date.now() });
    return 'sent';
  } catch (error) {
    console.error(`[email] to ${message.to} failed:`, error);
    return recordDelivery(db, message.id, { ok: false, error: String((error as Error)?.message ?? error) });
  }
}

/**
 * The mail queue's consumer: each failed message tried again as it was composed (same links,
 * same unsubscribe token). Failing again, it waits longer, until MAIL_ATTEMPTS have failed; then
 * it stays failed in the outbox, where the admin sees it with its error.
 */
export async function retryQueuedMail(db: Db, mail: MailSettings, messages: readonly Message<MailRetryMessage>[]): Promise<void> {
  for (const message of messages) {
    const kept = await failedMessage(db, message.body.outboxId);
    // Sent meanwhile, or never kept as MIME: nothing to do.
    if (!kept?.raw) {
      message.ack();
      continue;
    }
    const attempts = await deliver(db, mail, { id: kept.id, to: kept.to, raw: kept.raw });
    if (attempts === 'sent' || attempts >= MAIL_ATTEMPTS) message.ack();
    else message.retry({ delaySeconds: retryDelaySeconds(mail, attempts) });
  }
}

/** RFC 5322 with a text and an HTML part; List-Unsubscribe with one-click POST (RFC 8058) when allowed. */
function composeMime(mail: MailSettings, to: string, letter: Letter, text: string, html: string, unsubscribeUrl: string | undefined): string {
  const mime = createMimeMessage();
  mime.setSender(mail.from.name ? { name: mail.from.name, addr: mail.from.addr } : mail.from.addr);
  mime.setRecipient(to);
  mime.setSubject(letter.subject);
  if (unsubscribeUrl) {
    mime.setHeader('List-Unsubscribe', `<${unsubscribeUrl}>`);
    mime.setHeader('List-Unsubscribe-Post', 'List-Unsubscribe=One-Click');
  }
  mime.addMessage({ contentType: 'text/plain', data: base64(text), encoding: 'base64' });
  mime.addMessage({ contentType: 'text/html', data: base64(html), encoding: 'base64' });
  return mime.asRaw();
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  // Lines of 76 characters, as MIME wants them.
  return (btoa(binary).match(/.{1,76}/g) ?? []).join('\r\n');
}
