// Reading what people type into page forms: fields, and where to go next. Amounts typed in a
// currency are read by `parseMoney` (domain/money.ts), with that currency's decimals.
import type { z } from '@hono/zod-openapi';
import { refuse } from '../domain/refusal';
import { MAX_BODY_BYTES } from './body';
import type { AppContext } from './context';
import { formAs } from './schemas';

/**
 * `next` if it is a path on this very site, else "/dashboard". The candidate is resolved the way
 * a browser resolves a Location header (which also drops tabs and newlines) and its origin must
 * be ours; the answer is then rebuilt from the parsed path with one leading slash, so nothing
 * like "/.//evil.example" (whose path is "//evil.example", a protocol-relative URL once sent
 * back) can leave the site: an open redirect after sign-in would be a phishing tool.
 */
export function safeNext(next: string | undefined, ownOrigin: string): string {
  const fallback = '/dashboard';
  if (!next?.startsWith('/')) return fallback;
  let url: URL;
  try {
    url = new URL(next, ownOrigin);
  } catch {
    return fallback;
  }
  if (url.origin !== new URL(ownOrigin).origin) return fallback;
  // "/\\evil", "//evil" and "/\t/evil" resolve off-site above; a path that still begins with
  // two slashes or a backslash came from dot segments ("/.//evil") and is refused too.
  if (/^[/\\]{2}/.test(url.pathname)) return fallback;
  const path = url.pathname + url.search + url.hash;
  // What we send back must resolve to the very same place.
  return new URL(path, ownOrigin).href === url.href ? path : fallback;
}

export type FormFields = Record<string, string>;

/**
 * How page forms' bodies are read (then checked by their schema, `readFormAs`): an url-encoded or multipart body in UTF-8, at most
 * `maxBytes`, as its text fields (files are dropped). Anything else is a clear refusal rather
 * than a 500: 413 past the limit (refused from Content-Length before reading, or as soon as the
 * stream passes it), 415 for another media type or charset, 400 for a body that does not parse
 * (multipart without a boundary, truncated, bytes that are not UTF-8).
 */
export async function readForm(c: AppContext, { maxBytes = MAX_BODY_BYTES } = {}): Promise<FormFields> {
  const contentType = c.req.header('Content-Type') ?? '';
  const [mediaType = '', ...parameters] = contentType.split(';').map((part) => part.trim());
  const params = new Map(
    parameters.map((p) => {
      const at = p.indexOf('=');
      return [
        p.slice(0, at).trim().toLowerCase(),
        p
          .slice(at + 1)
          .trim()
          .replace(/^"(.*)"$/, '$1'),
      ] as const;
    }),
  );
  const kind = mediaType.toLowerCase();
  if (kind !== 'application/x-www-form-urlencoded' && kind !== 'multipart/form-data') {
    throw refuse('unsupported_media_type', 'Forms are sent as application/x-www-form-urlencoded or multipart/form-data.');
  }
  const charset = params.get('charset')?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') throw refuse('unsupported_media_type', 'Forms are read in UTF-8 only.');
  if (kind === 'multipart/form-data' && !params.get('boundary')) throw refuse('invalid_form', 'A multipart form needs its boundary.');

  const bytes = await readLimited(c.req.raw, maxBytes);
  if (kind === 'application/x-www-form-urlencoded') {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw refuse('invalid_form', 'The form is not valid UTF-8.');
    }
    return Object.fromEntries(new URLSearchParams(text));
  }
  let parsed: FormData;
  try {
    parsed = await new Response(bytes, { headers: { 'Content-Type': contentType } }).formData();
  } catch {
    throw refuse('invalid_form', 'The multipart form could not be read (truncated or malformed).');
  }
  const fields: FormFields = {};
  parsed.forEach((value, name) => {
    if (typeof value === 'string' && !(name in fields)) fields[name] = value;
  });
  return fields;
}

/** A page form read with its zod schema (http/schemas.ts "page forms"): one way for forms and JSON alike. */
export async function readFormAs<T extends z.ZodType>(c: AppContext, schema: T): Promise<z.infer<T>> {
  return formAs(schema, await readForm(c));
}

/** The request's body, refused with 413 as soon as it is known to pass `maxBytes`. */
async function readLimited(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const tooLarge = () => refuse('too_large', `Form bodies are limited to ${maxBytes} bytes.`);
  const declared = request.headers.get('Content-Length');
  if (declared !== null && !(Number(declared) <= maxBytes)) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
