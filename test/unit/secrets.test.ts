import { describe, expect, it } from 'vitest';
import { hashPassword, newInviteCode, pickUniformly, sameSecret, verifyPassword } from '../../worker/domain/secrets';

describe('invite codes', () => {
  it('are 10 characters without look-alikes', () => {
    for (let i = 0; i < 50; i++) expect(newInviteCode()).toMatch(/^[a-hjkmnp-z2-9]{10}$/);
  });

  it('give every character the same chance: bytes past the last full round of the alphabet are drawn again', () => {
    // 31 characters: 256 = 8 × 31 + 8, so bytes 248..255 would favour "a".."j" under a plain modulo.
    const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
    let calls = 0;
    const fixed = (bytes: Uint8Array) => {
      calls++;
      // First draw: four biased bytes then one good one; later draws: good bytes.
      const values = calls === 1 ? [248, 255, 250, 253, 31] : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
      bytes.set(values.slice(0, bytes.length));
      return bytes;
    };
    expect(pickUniformly(alphabet, 5, fixed)).toBe('aabcd');
    expect(calls).toBe(2);
  });

  it('spreads every byte value evenly over the alphabet', () => {
    const counts = new Map<string, number>();
    // Feed 8..255 then 0..7, each once: 248..255 must be drawn again, so 0..247 give 8 per character.
    let next = 8;
    const sweep = (bytes: Uint8Array) => bytes.map(() => next++ % 256);
    const picked = pickUniformly('abcdefghjkmnpqrstuvwxyz23456789', 248, sweep);
    for (const ch of picked) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect([...counts.values()]).toEqual(Array(31).fill(8));
  });
});

describe('constant-time comparison', () => {
  it('tells equal secrets from different ones of any length', async () => {
    expect(await sameSecret('dev-admin-token', 'dev-admin-token')).toBe(true);
    expect(await sameSecret('dev-admin-token', 'dev-admin-tokem')).toBe(false);
    expect(await sameSecret('dev-admin-token', 'dev-admin-token-longer')).toBe(false);
    expect(await sameSecret('', 'x')).toBe(false);
  });

  it('verifies passwords with it', async () => {
    const stored = await hashPassword('correct horse');
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('correct horsf', stored)).toBe(false);
  });
});
