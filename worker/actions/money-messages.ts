// Messages about money: on the 1st, once a month is settled, each giver's receipt and each
// creator's "what came in"; and a payout sent or failed. Each is sent at most once: its outbox
// key (`receipt:<month>:<id>`, `earnings:<month>:<id>`, `payout:<id>:<status>`) is written before
// the binding is called, and the people still due are those without a row, so any later call
// (the next cron firing, the last queue consumer) resumes where one stopped.
import { formatMoney, money } from '../domain/money';
import type { Month } from '../domain/month';
import type { Config } from '../env';
import { findAccountById } from '../store/accounts';
import type { Db } from '../store/db';
import { creatorsDue, earningsKey, earningsOf, giversDue, receiptKey, receiptOf } from '../store/money-messages';
import type { Block } from '../views/email';
import { mailWords, sendEmail } from './email';

/** Messages one invocation sends at most (each costs a few D1 queries and one binding call). */
const MESSAGES_PER_INVOCATION = 100;

/**
 * Sends the settled `month`'s receipts, then its creators' messages (`heldId`: the account holding
 * unclaimed things' shares), up to `limit` in all; returns
 * how many were due and handled. Never throws: a failure is logged and the next call goes on.
 */
export async function announceMonth(db: Db, config: Config, month: Month, heldId: number, limit = MESSAGES_PER_INVOCATION): Promise<number> {
  try {
    let handled = 0;
    const amount = (cents: number, lang: string) => formatMoney(money(cents, config.currency), lang);
    for (const giver of await giversDue(db, month, limit)) {
      const w = mailWords(giver.lang).mail;
      const lines = await receiptOf(db, month, giver.id);
      const given = -lines.filter((l) => l.kind === 'budget' || l.kind === 'fee').reduce((sum, l) => sum + l.cents, 0);
      const fee = -lines.filter((l) => l.kind === 'fee').reduce((sum, l) => sum + l.cents, 0);
      const shares = lines.filter((l) => l.kind === 'share');
      const blocks: Block[] = [{ p: w.receiptIntro(month, amount(given, giver.lang)) }];
      if (shares.length) blocks.push({ list: shares.map((s) => w.receiptLine(s.title ?? '', s.owner ?? '', amount(s.cents, giver.lang))) });
      else blocks.push({ p: w.receiptCharity(amount(given, giver.lang)) });
      if (fee > 0) blocks.push({ p: w.receiptFee(amount(fee, giver.lang)) });
      blocks.push({ link: `${config.mail.siteOrigin}/dashboard?tx=${month}#transactions`, label: w.dashboardLink });
      await sendEmail(db, config.mail, {
        to: giver.email,
        accountId: giver.id,
        topic: 'receipt',
        key: receiptKey(month, giver.id),
        lang: giver.lang,
        subject: w.receiptSubject(month),
        blocks,
      });
      handled++;
    }
    if (handled >= limit) return handled;
    for (const creator of await creatorsDue(db, month, heldId, limit - handled)) {
      const w = mailWords(creator.lang).mail;
      const { byGiver, heldCents } = await earningsOf(db, month, creator.id, heldId);
      const total = byGiver.reduce((sum, g) => sum + g.cents, 0);
      const blocks: Block[] = [{ p: w.earningsIntro(month, amount(total, creator.lang)) }];
      if (byGiver.length) blocks.push({ list: byGiver.map((g) => w.earningsLine(g.handle, amount(g.cents, creator.lang))) });
      if (heldCents > 0)
        blocks.push({ p: w.held(amount(heldCents, creator.lang)) }, { link: `${config.mail.siteOrigin}/dashboard/things`, label: w.claimLink });
      else blocks.push({ link: `${config.mail.siteOrigin}/stats`, label: w.dashboardLink });
      await sendEmail(db, config.mail, {
        to: creator.email,
        accountId: creator.id,
        topic: 'earnings',
        key: earningsKey(month, creator.id),
        lang: creator.lang,
        subject: w.earningsSubject(month),
        blocks,
      });
      handled++;
    }
    return handled;
  } catch (error) {
    console.error(`announcing ${month} stopped; the next call goes on`, error);
    return 0;
  }
}

/** Tells the person their payout was sent or failed (once per payout and outcome). */
export async function announcePayout(
  db: Db,
  config: Config,
  payout: { id: number; accountId: number; amountCents: number },
  outcome: { status: 'paid' } | { status: 'failed'; reason: string },
): Promise<void> {
  try {
    const person = await findAccountById(db, payout.accountId);
    if (!person?.email || !person.emailVerifiedAt) return;
    const w = mailWords(person.lang).mail;
    const amount = formatMoney(money(payout.amountCents, config.currency), person.lang);
    await sendEmail(db, config.mail, {
      to: person.email,
      accountId: person.id,
      topic: 'payout',
      key: `payout:${payout.id}:${outcome.status}`,
      lang: person.lang,
      subject: outcome.status === 'paid' ? w.payoutPaidSubject : w.payoutFailedSubject,
      blocks: [
        { p: outcome.status === 'paid' ? w.payoutPaid(amount) : w.payoutFailed(amount, outcome.reason) },
        { link: `${config.mail.siteOrigin}/dashboard`, label: w.dashboardLink },
      ],
    });
  } catch (error) {
    console.error(`announcing payout ${payout.id} failed`, error);
  }
}
