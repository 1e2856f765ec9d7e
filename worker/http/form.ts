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
 * `next` if it is a path on this very site, else "/dashboard". Protocol-relative ("//evil"),
 * backslash tricks ("/\\evil") and absolute URLs elsewhere are refused: an open redirect after
 * sign-in would be a phishing tool.
 */
export function safeNext(next: string | undefined, ownOrigin: string): string {
  const fallback = '/dashboard';
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return fallback;
  try {
    const url = new URL(next, ownOrigin);
    if (url.origin !== ownOrigin) return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}

/** One text field of a parsed form body ('' when missing or a file). */
export function field(form: Record<string, unknown>, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value : '';
}
