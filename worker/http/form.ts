// Reading what people type into page forms: fields, and where to go next. Amounts typed in a
// currency are read by `parseMoney` (domain/money.ts), with that currency's decimals.

/**
 * `next` if it is a path on this very site, else "/dashboard". Protocol-relative ("//evil"),
 * backslash tricks ("/\\evil") and absolute URLs elsewhere are refused: an open redirect after
 * sign-in would be a phishing tool.
 */
export function safeNext(next: string | undefined, ownOrigin: string): string {
  const fallback = '/dashboard';
  if (!next?.startsWith('/') || next.startsWith('//') || next.includes('\\')) return fallback;
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
