// Passwords, session tokens and invite codes, with WebCrypto only.

// workerd caps PBKDF2 at 100,000 iterations; the count is stored with each hash so it can grow.
const PBKDF2_ITERATIONS = 100_000;
const encoder = new TextEncoder();

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

export function randomToken(bytes = 32): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function pbkdf2(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

/** "pbkdf2-sha256$<iterations>$<salt>$<hash>", salt and hash base64url. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await pbkdf2(password, salt, PBKDF2_ITERATIONS);
  return `pbkdf2-sha256$${PBKDF2_ITERATIONS}$${toBase64Url(salt)}$${toBase64Url(hash)}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iterations, salt, hash] = stored.split('$');
  if (scheme !== 'pbkdf2-sha256' || !iterations || !salt || !hash) return false;
  const actual = await pbkdf2(password, fromBase64Url(salt), Number(iterations));
  return sameBytes(actual, fromBase64Url(hash));
}

/** The one constant-time comparison: the time taken does not depend on where the bytes differ. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  // Only the lengths may leak, and digests and password hashes have public, fixed lengths.
  return a.byteLength === b.byteLength && workerdSubtle.timingSafeEqual(a, b);
}

// workerd's own extension of WebCrypto; @types/node (pulled in by the test tooling) shadows the
// global `crypto` type with Node's, which lacks it.
const workerdSubtle = crypto.subtle as unknown as { timingSafeEqual(a: ArrayBufferView, b: ArrayBufferView): boolean };

/** Whether two secrets (e.g. a bearer token and the configured one) are equal, in constant time. */
export async function sameSecret(given: string, expected: string): Promise<boolean> {
  // Digests first, so the lengths of the secrets do not leak either.
  const digest = async (text: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
  return sameBytes(await digest(given), await digest(expected));
}

const INVITE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Invite codes people read aloud or paste: 10 characters without look-alikes (0/O, 1/l/I). */
export function newInviteCode(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  return pickUniformly(INVITE_ALPHABET, 10, random);
}

/**
 * `length` characters of `alphabet`, each equally likely. A byte modulo 31 would favour the
 * first 8 characters (256 = 8·31 + 8), so bytes from the incomplete last round are drawn again
 * (rejection sampling). `random` fills a buffer with random bytes; tests pass their own.
 */
export function pickUniformly(alphabet: string, length: number, random: (bytes: Uint8Array) => Uint8Array): string {
  const limit = 256 - (256 % alphabet.length);
  let picked = '';
  while (picked.length < length) {
    for (const byte of random(new Uint8Array(length - picked.length))) {
      if (byte < limit && picked.length < length) picked += alphabet[byte % alphabet.length];
    }
  }
  return picked;
}
