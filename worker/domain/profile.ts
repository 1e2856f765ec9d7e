// Profile rules, pure: what a display name, bio, links and picture may be, and the generated avatar.

export const MAX_DISPLAY_NAME = 60;
export const MAX_BIO = 280;
const MAX_LINKS = 5;
export const MAX_AVATAR_BYTES = 1024 * 1024;
export const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export type AvatarType = (typeof AVATAR_TYPES)[number];

/** Where a person's picture lives in the AVATARS bucket. */
export const avatarKey = (accountId: number) => `avatars/${accountId}`;

/** The address of a person's picture; the version in it changes on every upload. */
export const avatarUrl = (handle: string, version: number) => `/avatars/${handle}${version ? `?v=${version}` : ''}`;

/** Links as typed, one a line: absolute http(s) URLs only, at most five; null names the bad line. */
export function parseLinks(text: string): { links: string[] } | { bad: string } {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const links: string[] = [];
  for (const line of lines) {
    let url: URL;
    try {
      url = new URL(line);
    } catch {
      return { bad: line };
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || line.length > 300) return { bad: line };
    links.push(url.toString());
  }
  return links.length > MAX_LINKS ? { bad: links[MAX_LINKS]! } : { links };
}

/**
 * The picture's real type from its first bytes (never the type the browser claims), or null.
 * SVG is not accepted: it can carry script.
 */
export function sniffImageType(bytes: Uint8Array): AvatarType | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp';
  return null;
}

function hash(text: string): number {
  // FNV-1a: small, stable across runtimes, good enough to spread colours.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * A deterministic avatar for a handle: its initial on a colour from the handle's hash, with a
 * 5×5 mirrored pattern behind it, so two people rarely look alike. Handles are [a-z0-9_-] only.
 */
export function generatedAvatarSvg(handle: string): string {
  const h = hash(handle);
  const hue = h % 360;
  const cells: string[] = [];
  for (let i = 0; i < 15; i++) {
    if (((h >>> (i % 30)) ^ (hash(`${handle}:${i}`) & 1)) & 1) {
      const col = i % 3;
      const row = Math.floor(i / 3);
      for (const x of new Set([col, 4 - col])) cells.push(`<rect x="${x * 16 + 8}" y="${row * 16 + 8}" width="16" height="16"/>`);
    }
  }
  const initial = (handle[0] ?? '?').toUpperCase();
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96" role="img" aria-label="@${handle}"><rect width="96" height="96" fill="hsl(${hue} 55% 38%)"/><g fill="hsl(${hue} 60% 48%)">${cells.join('')}</g><text x="48" y="62" font-family="system-ui,sans-serif" font-size="44" font-weight="700" text-anchor="middle" fill="#fff">${initial}</text></svg>`;
}
