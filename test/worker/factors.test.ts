// Second factors through the Worker's fetch: TOTP codes computed here by an implementation of
// RFC 6238 on Node's own HMAC (not the otpauth library the Worker uses), recovery codes that work
// once, and the doors that ask for them: the API sign-in, the sign-in page, the popup, payouts.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { logIn } from '../../worker/actions/accounts';
import { openDb } from '../../worker/store/db';
import { Client, newPerson, testId } from './client';
import { totp } from './totp';

const PASSWORD = 'correct horse';

/** A person with codes from an app on; each confirmation costs one of the five code attempts a minute. */
async function withTotp({ wrongFirst = false } = {}) {
  const person = await newPerson({ depositCents: 5000 });
  const started = await person.post('/api/v1/me/totp');
  expect(started.status).toBe(201);
  expect(started.body.uri).toMatch(/^otpauth:\/\/totp\/Kudos:/);
  const secret: string = started.body.secret;
  if (wrongFirst) {
    // A wrong first code leaves it off.
    expect((await person.post('/api/v1/me/totp/confirm', { code: totp(secret, 5) })).body.error.code).toBe('second_factor_invalid');
    expect((await person.get('/api/v1/me/factors')).body).toEqual({ totp: false, passkeys: 0, recovery_codes_left: 0 });
  }
  const confirmed = await person.post('/api/v1/me/totp/confirm', { code: totp(secret) });
  expect(confirmed.status).toBe(200);
  expect(confirmed.body.recovery_codes).toHaveLength(10);
  return { person, secret, recoveryCodes: confirmed.body.recovery_codes as string[], email: `${person.handle}@example.test` };
}

describe('TOTP and recovery codes', () => {
  it('sign-in asks for the code, takes each code once, and takes a recovery code once', async () => {
    const { person, secret, recoveryCodes, email } = await withTotp();
    expect((await person.get('/api/v1/me/factors')).body).toEqual({ totp: true, passkeys: 0, recovery_codes_left: 10 });

    const other = new Client();
    const bare = await other.post('/api/v1/login', { email, password: PASSWORD });
    expect(bare.status).toBe(401);
    expect(bare.body.error.code).toBe('second_factor_required');
    expect(other.jar.has('kudos_session')).toBe(false);

    // The code the confirmation used (this step) is spent: a replay is refused.
    expect((await other.post('/api/v1/login', { email, password: PASSWORD, code: totp(secret) })).body.error.code).toBe('second_factor_invalid');
    // The next step's code (clock drift of one step is allowed) signs in.
    const ok = await other.post('/api/v1/login', { email, password: PASSWORD, code: totp(secret, 1) });
    expect(ok.status).toBe(200);
    expect((await other.get('/api/v1/me')).body.handle).toBe(person.handle);

    // A recovery code signs in once, typed with or without its dash and in any case.
    const third = new Client();
    const code = recoveryCodes[0]!;
    expect((await third.post('/api/v1/login', { email, password: PASSWORD, code: code.toUpperCase() })).status).toBe(200);
    const fourth = new Client();
    expect((await fourth.post('/api/v1/login', { email, password: PASSWORD, code: code.replace('-', '') })).body.error.code).toBe('second_factor_invalid');
    expect((await person.get('/api/v1/me/factors')).body.recovery_codes_left).toBe(9);
  });

  it('payouts ask for the second factor', async () => {
    const { person, recoveryCodes } = await withTotp();
    const bare = await person.post('/api/v1/me/payouts', { amount_cents: 1000 });
    expect(bare.status).toBe(401);
    expect(bare.body.error.code).toBe('second_factor_required');
    const paid = await person.post('/api/v1/me/payouts', { amount_cents: 1000, code: recoveryCodes[1] });
    expect(paid.status).toBe(201);
    expect(paid.body.balance_cents).toBe(4000);
    expect((await person.post('/api/v1/me/payouts', { amount_cents: 1000, code: recoveryCodes[1] })).body.error.code).toBe('second_factor_invalid');
  });

  it('the sign-in page asks for the code in a second step', async () => {
    const { secret, email } = await withTotp();
    const browser = new Client();
    const first = await browser.submit('/login?next=/dashboard', { email, password: PASSWORD });
    expect(first.status).toBe(200);
    expect(first.text).toContain('name="code"');
    expect(browser.jar.has('kudos_session')).toBe(false);
    const wrong = await browser.submit('/login/second-factor?next=/dashboard', { code: '12345x' });
    expect(wrong.status).toBe(401);
    const second = await browser.submit('/login/second-factor?next=/dashboard', { code: totp(secret, 1) });
    expect(second.status).toBe(303);
    expect(second.location).toBe('/dashboard');
    expect(browser.jar.has('kudos_session')).toBe(true);
    // The pending step is spent: it cannot be used again.
    expect((await new Client().submit('/login/second-factor', { code: totp(secret, 1) })).status).toBe(401);
  });

  it('the settings page sets up an app: its key, a first code, the recovery codes once; the dashboard payout asks for a code', async () => {
    const person = await newPerson({ depositCents: 3000 });
    const started = await person.submit('/settings/security/totp', {});
    expect(started.status).toBe(200);
    const secret = testId(started.text, 'totp-secret')!;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const confirmed = await person.submit('/settings/security/totp/confirm', { code: totp(secret) });
    expect(confirmed.status).toBe(200);
    expect(testId(confirmed.text, 'recovery-codes')!.split('\n')).toHaveLength(10);
    expect(testId(confirmed.text, 'totp-state')).toBe('On: signing in and payouts ask for a six-digit code.');
    // The codes are shown that once.
    expect((await person.get('/settings/security')).text).not.toContain('data-testid="recovery-codes"');

    const dashboard = await person.get('/dashboard');
    expect(dashboard.text).toMatch(/action="\/dashboard\/payout"[\s\S]*?name="code"/);
    const bare = await person.submit('/dashboard/payout', { amount: '10' });
    expect(bare.status).toBe(303);
    expect((await person.get('/api/v1/me')).body.balance_cents).toBe(3000);
    const paid = await person.submit('/dashboard/payout', { amount: '10', code: totp(secret, 1) });
    expect(paid.status).toBe(303);
    expect((await person.get('/api/v1/me')).body.balance_cents).toBe(2000);
  });

  it('a password-only sign-in (the button popup’s) is refused for such accounts', async () => {
    const { email } = await withTotp();
    await expect(logIn(openDb(env.DB), email, PASSWORD)).rejects.toMatchObject({ code: 'second_factor_required' });
  });

  it('turning codes off needs the password', async () => {
    const { person } = await withTotp();
    expect((await person.request('DELETE', '/api/v1/me/totp', { password: 'not it' })).status).toBe(401);
    expect((await person.request('DELETE', '/api/v1/me/totp', { password: PASSWORD })).status).toBe(200);
    expect((await person.get('/api/v1/me/factors')).body.totp).toBe(false);
  });

  it('code guesses are rate limited per account', async () => {
    const { email } = await withTotp({ wrongFirst: true });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await new Client().post('/api/v1/login', { email, password: PASSWORD, code: `99999${i}` })).status);
    }
    // The two confirmations spent two of the five attempts a minute: three wrong guesses, then 429.
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('a passkey answer that is not one gets a clear 400, never a 500', async () => {
    const junk = { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: { clientDataJSON: 'AAAA', authenticatorData: 'AAAA', signature: 'AAAA' } };
    const answer = await new Client().post('/api/v1/passkeys/sign-in', { credential: junk });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('passkey_invalid');
    const options = await new Client().post('/api/v1/passkeys/sign-in-options');
    expect(options.status).toBe(200);
    expect(options.body.options).toMatchObject({ rpId: 'localhost', challenge: expect.any(String) });
  });
});
