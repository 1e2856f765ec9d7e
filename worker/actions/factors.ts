// Second factors: passkeys (WebAuthn, verified by @simplewebauthn/server), TOTP codes (RFC 6238,
// by otpauth) and one-time recovery codes. With one on, signing in and paying out ask for it.
import {
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { Secret, TOTP } from 'otpauth';
import { refuse } from '../domain/refusal';
import type { Config } from '../env';
import type { Account } from '../store/accounts';
import * as accounts from '../store/accounts';
import type { Db } from '../store/db';
import * as factors from '../store/factors';
import { pickUniformly, sha256Hex } from '../domain/secrets';

const CHALLENGE_MS = 5 * 60_000;
const TOTP_PERIOD = 30;
const RECOVERY_CODES = 10;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** What proves the second factor: a TOTP or recovery code, or a passkey's answer to a step-up challenge. */
export interface SecondFactorProof {
  code?: string | null | undefined;
  passkey?: AuthenticationResponseJSON | null | undefined;
}

export const secondFactorRequired = () =>
  refuse(
    'second_factor_required',
    'This account has a second factor: send "code" (from your authenticator app, or one of your recovery codes) or sign in with your passkey.',
  );

const secondFactorInvalid = () => refuse('second_factor_invalid', 'That code is wrong, expired or already used.');

/**
 * Checks the second factor of `account` when it has one on (nothing to check otherwise). The
 * caller counts the attempt against the rate limit first.
 */
export async function checkSecondFactor(db: Db, config: Config, account: Account, proof: SecondFactorProof, now = Date.now()): Promise<void> {
  const on = await factors.factorsOf(db, account.id);
  if (!factors.hasSecondFactor(on)) return;
  if (proof.passkey) {
    if (on.passkeys === 0) throw secondFactorInvalid();
    await verifyPasskeyAnswer(db, config, proof.passkey, { purpose: 'step_up', accountId: account.id }, now);
    return;
  }
  const code = (proof.code ?? '').replace(/[\s-]/g, '').toLowerCase();
  if (!code) throw secondFactorRequired();
  if (/^\d{6}$/.test(code)) {
    if (!on.totp || !(await acceptTotpCode(db, account.id, code, now))) throw secondFactorInvalid();
    return;
  }
  if (!(await factors.spendRecoveryCode(db, account.id, await sha256Hex(code), now))) throw secondFactorInvalid();
}

// --- TOTP ------------------------------------------------------------------------------------

function totpOf(secret: string, label: string) {
  return new TOTP({ issuer: 'Kudos', label, algorithm: 'SHA1', digits: 6, period: TOTP_PERIOD, secret: Secret.fromBase32(secret) });
}

/** Accepts a code of the current step or the one before or after (clock drift), each step once. */
async function acceptTotpCode(db: Db, accountId: number, code: string, now: number): Promise<boolean> {
  const row = await factors.totpOf(db, accountId);
  if (!row) return false;
  const delta = totpOf(row.secret, '').validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return false;
  const step = Math.floor(now / 1000 / TOTP_PERIOD) + delta;
  return factors.acceptTotpStep(db, accountId, step, now);
}

/** A new TOTP secret for the person's authenticator app, off until `confirmTotp`. */
export async function startTotp(db: Db, account: Account): Promise<{ secret: string; uri: string }> {
  const secret = new Secret({ size: 20 }).base32;
  if (!(await factors.startTotp(db, account.id, secret))) {
    throw refuse('second_factor_on', 'Codes from an authenticator app are already on; turn them off first to set up another app.');
  }
  return { secret, uri: totpOf(secret, account.handle).toString() };
}

/** Turns TOTP on with a first code from the app; answers new recovery codes when the person had none. */
export async function confirmTotp(db: Db, account: Account, code: string, now = Date.now()): Promise<{ recoveryCodes: string[] }> {
  const row = await factors.totpOf(db, account.id);
  if (!row) throw refuse('not_found', 'Set up an authenticator app first.');
  if (row.confirmedAt !== null) throw refuse('second_factor_on', 'Codes from an authenticator app are already on.');
  if (!/^\d{6}$/.test(code.trim()) || !(await acceptTotpCode(db, account.id, code.trim(), now))) throw secondFactorInvalid();
  return { recoveryCodes: await firstRecoveryCodes(db, account.id) };
}

export async function removeTotp(db: Db, account: Account): Promise<void> {
  await factors.removeTotp(db, account.id);
}

// --- recovery codes --------------------------------------------------------------------------

/** Ten new one-time codes ("abcde-fghjk"), replacing any the person had; only hashes are kept. */
export async function newRecoveryCodes(db: Db, accountId: number): Promise<string[]> {
  const random = (b: Uint8Array) => crypto.getRandomValues(b);
  const codes = Array.from({ length: RECOVERY_CODES }, () => {
    const text = pickUniformly(RECOVERY_ALPHABET, 10, random);
    return `${text.slice(0, 5)}-${text.slice(5)}`;
  });
  await factors.replaceRecoveryCodes(db, accountId, await Promise.all(codes.map((c) => sha256Hex(c.replace('-', '')))));
  return codes;
}

/** Recovery codes when a person turns their first factor on; none when they have some left. */
async function firstRecoveryCodes(db: Db, accountId: number): Promise<string[]> {
  const on = await factors.factorsOf(db, accountId);
  return on.recoveryCodesLeft > 0 ? [] : newRecoveryCodes(db, accountId);
}

// --- passkeys --------------------------------------------------------------------------------

const transportsOf = (text: string) => (text ? (text.split(',') as AuthenticatorTransport[]) : undefined);

const passkeyInvalid = (why: string) => refuse('passkey_invalid', `That passkey answer could not be verified: ${why}`);

/** Options for `navigator.credentials.create`: a discoverable credential for this person. */
export async function passkeyRegistrationOptions(db: Db, config: Config, account: Account, now = Date.now()): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await factors.passkeysOf(db, account.id);
  const options = await generateRegistrationOptions({
    rpName: 'Kudos',
    rpID: config.webauthn.rpId,
    userName: account.handle,
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: transportsOf(p.transports) })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  });
  await factors.saveChallenge(db, options.challenge, 'register', account.id, now + CHALLENGE_MS, now);
  return options;
}

/** Verifies the browser's new credential and keeps it; answers recovery codes if it is the person's first factor. */
export async function registerPasskey(
  db: Db,
  config: Config,
  account: Account,
  response: RegistrationResponseJSON,
  name: string,
  now = Date.now(),
): Promise<{ credentialId: string; recoveryCodes: string[] }> {
  let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: (challenge) => factors.spendChallenge(db, challenge, 'register', account.id, now),
      expectedOrigin: config.webauthn.origins,
      expectedRPID: config.webauthn.rpId,
      requireUserVerification: false,
    });
  } catch (error) {
    throw passkeyInvalid((error as Error).message);
  }
  if (!verified.verified) throw passkeyInvalid('the authenticator’s answer does not match.');
  const { credential } = verified.registrationInfo;
  if (await factors.passkeyById(db, credential.id)) throw refuse('second_factor_on', 'That passkey is registered already.');
  const recoveryCodes = await firstRecoveryCodes(db, account.id);
  await factors.addPasskey(db, {
    credentialId: credential.id,
    accountId: account.id,
    publicKey: isoBase64URL.fromBuffer(credential.publicKey),
    counter: credential.counter,
    transports: (credential.transports ?? []).join(','),
    name: name.trim().slice(0, 60) || 'Passkey',
  });
  return { credentialId: credential.id, recoveryCodes };
}

/**
 * Options for `navigator.credentials.get`: at sign-in, any discoverable passkey of this site
 * (`accountId` null); for a step-up (a payout, closing), one of the person's own.
 */
export async function passkeyAuthenticationOptions(
  db: Db,
  config: Config,
  accountId: number | null,
  now = Date.now(),
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const allow = accountId === null ? [] : await factors.passkeysOf(db, accountId);
  if (accountId !== null && allow.length === 0) throw refuse('not_found', 'You have no passkey.');
  const options = await generateAuthenticationOptions({
    rpID: config.webauthn.rpId,
    userVerification: 'preferred',
    allowCredentials: allow.map((p) => ({ id: p.credentialId, transports: transportsOf(p.transports) })),
  });
  await factors.saveChallenge(db, options.challenge, accountId === null ? 'sign_in' : 'step_up', accountId, now + CHALLENGE_MS, now);
  return options;
}

/**
 * Verifies a passkey's answer to a challenge this Worker handed out for `purpose` and answers
 * the account it belongs to (closed accounts have no passkeys left).
 */
export async function verifyPasskeyAnswer(
  db: Db,
  config: Config,
  response: AuthenticationResponseJSON,
  ask: { purpose: 'sign_in' | 'step_up'; accountId: number | null },
  now = Date.now(),
): Promise<Account> {
  const passkey = await factors.passkeyById(db, response.id);
  if (!passkey || (ask.accountId !== null && passkey.accountId !== ask.accountId)) throw passkeyInvalid('Kudos knows no such passkey.');
  let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: (challenge) => factors.spendChallenge(db, challenge, ask.purpose, ask.accountId, now),
      expectedOrigin: config.webauthn.origins,
      expectedRPID: config.webauthn.rpId,
      credential: {
        id: passkey.credentialId,
        publicKey: isoBase64URL.toBuffer(passkey.publicKey),
        counter: passkey.counter,
        transports: transportsOf(passkey.transports),
      },
      requireUserVerification: false,
    });
  } catch (error) {
    throw passkeyInvalid((error as Error).message);
  }
  if (!verified.verified) throw passkeyInvalid('the signature does not match.');
  await factors.markPasskeyUsed(db, passkey.credentialId, verified.authenticationInfo.newCounter, now);
  const account = await accounts.findAccountById(db, passkey.accountId);
  if (!account || account.closedAt !== null) throw passkeyInvalid('Kudos knows no such passkey.');
  return account;
}

export async function removePasskey(db: Db, account: Account, credentialId: string): Promise<void> {
  if (!(await factors.removePasskey(db, account.id, credentialId))) throw refuse('not_found', 'You have no passkey by that id.');
}
