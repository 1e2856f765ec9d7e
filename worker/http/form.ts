// Reading what people type into page forms: amounts in currency units, and where to go next.

/**
 * "5", "5.5", "5.50" or "5,50" (currency units) as whole cents; null for anything else.
 * Parsed as text, never through a float, so "0.29" is 29 cents and not 28.999….
 */
export function parseAmountToCents(input: string): number | null {
  const match = /^\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*$/.exec(input);
  if (!match) return null;
  const units = Number(match[1]);
  const cents = Number((match[2] ?? '').padEnd(2, '0'));
  return units * 100 + cents;
}

/** Cents as the text an amount field starts with: 500 → "5.00". */
export function centsToInput(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/**
 * `next` if it is a path on this very site, else "/dashboard". The candidate is resolved the way
 * a browser resolves a Location header (which also drops tabs and newlines) and its origin must
 * be ours; the answer is then rebuilt from the parsed path with one leading slash, so nothing
 * like "/.//evil.example" (whose path is "//evil.example", a protocol-relative URL once sent
 * back) can leave the site: an open redirect after sign-in would be a phishing tool.
 */
export function safeNext(next: string | undefined, ownOrigin: string): string {
  const fallback = '/dashboard';
  if (!next || !next.startsWith('/')) return fallback;
  let url: URL;
  try {
    url = new URL(next, ownOrigin);
  } catch {
    return fallback;
  }
  if (url.origin !== new URL(ownOrigin).origin) return fallback;
  // "/\\evil", "//evil" and "/\t/evil" resolve off-site above; a path that still begins with
  // two slashes or a backslash came from dot segments ("/.//evil") and is refused too.
  if (/^[\/\\]{2}/.test(url.pathname)) return fallback;
  const path = url.pathname + url.search + url.hash;
  // What we send back must resolve to the very same place.
  return new URL(path, ownOrigin).href === url.href ? path : fallback;
}

/** One text field of a parsed form body ('' when missing or a file). */
export function field(form: Record<string, unknown>, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value : '';
}
