// Request bodies. Every body is bounded by `bodyLimit` (worker/index.ts); JSON bodies must parse
// as JSON before any schema sees them, so a malformed one is `400 invalid_json`.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { MAX_AVATAR_BYTES } from '../domain/profile';
import { refuse } from '../domain/refusal';
import type { AppEnv } from './context';

export const MAX_BODY_BYTES = 16 * 1024;

/**
 * Paths whose bodies may be larger than MAX_BODY_BYTES, and how large. Allowing a new upload is
 * one line here; every other body keeps the small limit.
 */
const LARGER_BODIES: Readonly<Record<string, number>> = {
  // A profile picture plus the multipart form around it.
  '/dashboard/avatar': MAX_AVATAR_BYTES + 16 * 1024,
  // A Stripe event (a session with its line items and metadata can pass 16 KB); anything
  // larger is not from Stripe. The signature, checked next, decides the rest.
  '/webhooks/stripe': 256 * 1024,
};

const limitOf = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw refuse('too_large', `Request bodies are limited to ${maxSize} bytes.`);
    },
  });

const smallBodies = limitOf(MAX_BODY_BYTES);
const largerBodies = new Map(Object.entries(LARGER_BODIES).map(([path, size]) => [path, limitOf(size)]));

/** hono/body-limit on every body, JSON and forms alike, refused with the one `too_large` refusal. */
export const limitBodies: MiddlewareHandler = (c, next) => (largerBodies.get(c.req.path) ?? smallBodies)(c, next);

const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

/**
 * For the JSON API: a body must be JSON, sent as such. Parsing here (Hono caches the body) turns
 * a malformed one into `invalid_json` before the route's schema runs.
 */
export const jsonBodies: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
    const text = await c.req.text();
    if (text.trim() !== '') {
      if (!JSON_TYPE.test(c.req.header('Content-Type') ?? '')) throw refuse('unsupported_media_type', 'Send JSON with "Content-Type: application/json".');
      try {
        JSON.parse(text);
      } catch {
        throw refuse('invalid_json', 'The request body is not valid JSON.');
      }
    }
  }
  await next();
};
