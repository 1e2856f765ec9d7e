// Closing an account and exporting one's data, through the Worker's fetch and the real local D1:
// the promised month is still given at the settlement, the rest goes where the person chose,
// the personal data is gone, the ledger stays and still sums to zero.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { closeAccount } from '../../worker/actions/closing';
import { giveAs } from './give';
import { settleMonth } from '../../worker/actions/settle';
import { readConfig } from '../../worker/env';
import { authorizationServer } from '../../worker/http/oauth';
import { findAccountById, findAccountByHandle } from '../../worker/store/accounts';
import { openDb } from '../../worker/store/db';
import { checkLedger } from '../../worker/store/ledger';
import { findThing } from '../../worker/store/things';
import { admin, Client, newPerson, ORIGIN, testId } from './client';
import { afterMonth, inMonth, monthsFrom } from './months';
import { totp } from './totp';

const oauth = () => authorizationServer(ORIGIN).getOAuthApi(env);

const db = () => openDb(env.DB);
const PASSWORD = 'correct horse';
const freshMonth = monthsFrom('2034-01');

async function booksBalance() {
  const check = await checkLedger(db());
  expect(check.sumOfAllEntries).toBe(0);
  expect(check.unbalancedTransactions).toEqual([]);
  expect(check.accountsOffBalance).toEqual([]);
  const answer = await admin('GET', '/ledger-check');
  expect(answer.body.sum_of_all_entries).toBe(0);
}

describe('the data export', () => {
  it('holds the person’s account, things, clicks, pledges, ledger, payouts and sessions', async () => {
    const creator = await newPerson();
    const thing = await creator.post('/api/v1/things', { url: `https://${creator.handle}.example/post`, title: 'A post' });
    const giver = await newPerson({ depositCents: 3000, budgetCents: 500 });
    expect((await giver.post(`/api/v1/things/${thing.body.id}/clicks`)).status).toBe(201);
    expect((await giver.post('/api/v1/me/payouts', { amount_cents: 1000 })).status).toBe(201);

    const answer = await giver.get('/api/v1/me/export');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('Content-Disposition')).toBe(`attachment; filename="kudos-${giver.handle}.json"`);
    const data = answer.body;
    expect(data.account).toMatchObject({ handle: giver.handle, email: `${giver.handle}@example.test`, balance_cents: 2000, monthly_budget_cents: 500 });
    expect(data.clicks).toEqual([expect.objectContaining({ thing_id: thing.body.id, owner: creator.handle, thing_title: 'A post' })]);
    expect(data.pledges).toEqual([expect.objectContaining({ reserved_cents: 500, settled_at: null })]);
    expect(data.ledger_entries.map((e: { kind: string; amount_cents: number }) => [e.kind, e.amount_cents])).toEqual([
      ['deposit', 3000],
      ['payout', -1000],
    ]);
    expect(data.payouts).toEqual([expect.objectContaining({ amount_cents: 1000, status: 'pending' })]);
    expect(data.sessions).toHaveLength(1);
    expect(data.budget_changes).toEqual([expect.objectContaining({ cents: 500 })]);
    expect(Array.isArray(data.messages)).toBe(true);
    // Nothing secret: no password hash, no session token.
    expect(answer.text).not.toMatch(/pbkdf2|token_hash/);

    // A creator's webhook endpoints and registered apps, without the endpoint's signing secret.
    const endpoint = await creator.post('/api/v1/me/webhooks', { url: 'https://hooks.example/export' });
    expect((await creator.submit('/apps', { name: 'Export app', redirect_uri: 'https://app.example/cb', kind: 'public' })).status).toBe(200);
    const creatorExport = await creator.get('/api/v1/me/export');
    const creatorData = creatorExport.body;
    expect(creatorData.webhook_endpoints).toEqual([expect.objectContaining({ url: 'https://hooks.example/export', disabled: null })]);
    expect(creatorExport.text).not.toContain(endpoint.body.secret);
    expect(creatorData.apps_registered).toEqual([expect.objectContaining({ name: 'Export app' })]);
    expect(data.gifts).toEqual([]);
    expect(creatorData.things).toEqual([expect.objectContaining({ id: thing.body.id, url: `https://${creator.handle}.example/post` })]);
    expect((await new Client().get('/api/v1/me/export')).status).toBe(401);
  });
});

describe('closing an account', () => {
  it('needs the password; then signs in to nothing, erases the data, holds the handle, refuses kudos to its things', async () => {
    const person = await newPerson({ depositCents: 2000 });
    const { handle } = person;
    const thing = await person.post('/api/v1/things', { url: `https://${handle}.example/a`, title: 'Mine' });
    expect((await person.request('DELETE', '/api/v1/me', { password: 'wrong one' })).status).toBe(401);

    const preview = await person.get('/api/v1/me/closing');
    expect(preview.body).toMatchObject({ balance_cents: 2000, pledged_cents: 0, remainder_cents: 2000, payout_possible: true, remainder_to: 'payout' });
    const closed = await person.request('DELETE', '/api/v1/me', { password: PASSWORD, remainder_to: 'charity' });
    expect(closed.status).toBe(200);
    expect(closed.body).toEqual({ closed: true, pledged_cents: 0, remainder_cents: 2000, remainder_to: 'charity' });

    // The session is gone, and the old password signs in to nothing.
    expect((await person.get('/api/v1/me')).status).toBe(401);
    const again = await new Client().post('/api/v1/login', { email: `${handle}@example.test`, password: PASSWORD });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('unauthorized');

    // Personal data erased, the ledger kept under an anonymous handle.
    expect(await findAccountByHandle(db(), handle)).toBeUndefined();
    const account = (await findAccountById(db(), (await findThing(db(), thing.body.id))!.ownerId))!;
    expect(account).toMatchObject({ email: null, passwordHash: null, balanceCents: 0 });
    expect(account.handle).toMatch(/^closed-[a-z0-9]+$/);
    expect(account.closedAt).not.toBeNull();

    // The handle is not free for a year.
    const minted = await admin('POST', '/invites', { count: 1 });
    const taken = await new Client().post('/api/v1/signup', {
      handle,
      email: `new-${handle}@example.test`,
      password: PASSWORD,
      invite: minted.body.invites[0],
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('handle_taken');

    // Its things receive nothing more, with a clear refusal.
    const giver = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const refused = await giver.post(`/api/v1/things/${thing.body.id}/clicks`);
    expect(refused.status).toBe(410);
    expect(refused.body.error.code).toBe('account_closed');
    expect((await new Client().get(`/@${handle}`)).status).toBe(404);
    await booksBalance();
  });

  it('the dashboard links to security, the export and closing; the confirmation page states the amounts and closes', async () => {
    const creator = await newPerson();
    const thing = await creator.post('/api/v1/things', { url: `https://${creator.handle}.example/page`, title: 'Page' });
    const person = await newPerson({ depositCents: 3000, budgetCents: 500 });
    expect((await person.post(`/api/v1/things/${thing.body.id}/clicks`)).status).toBe(201);
    const dashboard = await person.get('/dashboard');
    for (const [id, href] of [
      ['security-link', '/settings/security'],
      ['export-link', '/api/v1/me/export'],
      ['close-link', '/settings/close'],
    ]) {
      expect(dashboard.text).toMatch(new RegExp(`href="${href}"[^>]*data-testid="${id}"`));
    }
    const page = await person.get('/settings/close');
    expect(testId(page.text, 'closing-balance')).toBe('Your balance: €30.00.');
    expect(testId(page.text, 'closing-pledged')).toContain('€5.00 is promised by the kudos you gave this month');
    expect(testId(page.text, 'closing-remainder')).toBe('The rest, €25.00, leaves your account now:');

    const wrong = await person.submit('/settings/close', { password: 'nope', remainder_to: 'charity' });
    expect(wrong.status).toBe(401);
    const closed = await person.submit('/settings/close', { password: PASSWORD, remainder_to: 'charity' });
    expect(closed.status).toBe(303);
    expect(closed.location).toBe('/');
    expect((await person.get('/api/v1/me')).status).toBe(401);
    // Nobody may take a `closed-…` handle.
    const minted = await admin('POST', '/invites', { count: 1 });
    const fake = await new Client().post('/api/v1/signup', {
      handle: 'closed-x1',
      email: 'fake@example.test',
      password: PASSWORD,
      invite: minted.body.invites[0],
    });
    expect(fake.body.error.code).toBe('handle_taken');
    await booksBalance();
  });

  it('pays the rest out when asked and possible; refuses a payout under the minimum', async () => {
    const small = await newPerson({ depositCents: 500 });
    const refused = await small.request('DELETE', '/api/v1/me', { password: PASSWORD, remainder_to: 'payout' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('out_of_range');
    expect((await small.get('/api/v1/me')).status).toBe(200);

    const person = await newPerson({ depositCents: 2500 });
    const closed = await person.request('DELETE', '/api/v1/me', { password: PASSWORD });
    expect(closed.body).toMatchObject({ remainder_cents: 2500, remainder_to: 'payout' });
    await booksBalance();
  });

  it('asks for the second factor when one is on', async () => {
    const person = await newPerson({ depositCents: 500 });
    const { secret } = (await person.post('/api/v1/me/totp')).body;
    const confirmed = await person.post('/api/v1/me/totp/confirm', { code: totp(secret) });
    const bare = await person.request('DELETE', '/api/v1/me', { password: PASSWORD });
    expect(bare.status).toBe(401);
    expect(bare.body.error.code).toBe('second_factor_required');
    const closed = await person.request('DELETE', '/api/v1/me', { password: PASSWORD, code: confirmed.body.recovery_codes[0] });
    expect(closed.status).toBe(200);
    expect(closed.body.remainder_to).toBe('charity');
  });

  it('honours the month’s pledge at its settlement after closing mid-month, and the books still balance', async () => {
    const month = freshMonth();
    const config = readConfig(env, 'http://localhost/');
    const creator = await newPerson();
    const closingCreator = await newPerson();
    const giver = await newPerson({ depositCents: 3000, budgetCents: 1000 });
    const other = await newPerson({ depositCents: 1000, budgetCents: 1000 });
    const thingOf = async (owner: Client & { handle: string }) =>
      (await findThing(db(), (await owner.post('/api/v1/things', { url: `https://${owner.handle}.example/${month}`, title: 'Post' })).body.id))!;
    const creatorThing = await thingOf(creator);
    const closingThing = await thingOf(closingCreator);
    const giverAccount = (await findAccountByHandle(db(), giver.handle))!;
    const otherAccount = (await findAccountByHandle(db(), other.handle))!;
    const closingAccount = (await findAccountByHandle(db(), closingCreator.handle))!;
    // Mid-month: the giver's first kudos pledges 10.00 of 30.00; another gives to the creator who will close.
    await giveAs(db(), config, giverAccount, creatorThing, inMonth(month));
    await giveAs(db(), config, otherAccount, closingThing, inMonth(month));

    // The giver closes mid-month: the 20.00 not pledged goes to charity now, the 10.00 waits.
    const closed = await closeAccount(db(), config, oauth(), (await findAccountById(db(), giverAccount.id))!, 'charity', inMonth(month) + 86_400_000);
    expect(closed).toEqual({ pledgedCents: 1000, remainderCents: 2000, remainderTo: 'charity' });
    // The creator closes too: what this month's kudos bring them can be paid to nobody.
    await closeAccount(db(), config, oauth(), (await findAccountById(db(), closingAccount.id))!, 'charity', inMonth(month) + 86_400_000);

    const run = await settleMonth(db(), config, month, { now: afterMonth(month) });
    expect(run.stage).toBe('done');
    expect(run.failures).toEqual([]);
    // The closed giver's pledge was given: 10% fee, 9.00 to the creator's thing.
    const creatorEntries = (await creator.get(`/api/v1/me/ledger?month=${month}`)).body.entries;
    expect(creatorEntries).toEqual([expect.objectContaining({ kind: 'share', amount_cents: 900 })]);
    expect((await findAccountById(db(), giverAccount.id))!.balanceCents).toBe(0);
    // The closed creator's 9.00 share went on to charity after the settlement.
    expect((await findAccountById(db(), closingAccount.id))!.balanceCents).toBe(0);
    // (Other suites' people with a budget and no kudos in this month give to charity too: count only these two.)
    const toCharityFrom = async () =>
      env.DB.prepare(
        `SELECT e.counterparty_id AS id, t.kind, sum(e.amount_cents) AS cents FROM ledger_entries e
          JOIN ledger_transactions t ON t.id = e.transaction_id
          WHERE e.account_id = (SELECT id FROM accounts WHERE handle = ?) AND e.counterparty_id IN (?, ?) GROUP BY e.counterparty_id, t.kind ORDER BY e.counterparty_id`,
      )
        .bind(config.charityHandle, giverAccount.id, closingAccount.id)
        .all();
    const given = (await toCharityFrom()).results;
    expect(given).toEqual(
      [
        { id: closingAccount.id, kind: 'closing', cents: 900 },
        { id: giverAccount.id, kind: 'closing', cents: 2000 },
      ].sort((a, b) => a.id - b.id),
    );
    // A second run books nothing more.
    await settleMonth(db(), config, month, { now: afterMonth(month) + 1000 });
    expect((await toCharityFrom()).results).toEqual(given);
    await booksBalance();
  });
});
