// JSON request bodies: bounded in size, an object, or a refusal.
import { refuse } from '../domain/refusal';
import type { AppContext } from './context';
import { asBody, type Body } from './validate';

const MAX_BODY_BYTES = 16 * 1024;

export async function readBody(c: AppContext): Promise<Body> {
  const tooLarge = () => refuse('too_large', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`);
  if (Number(c.req.header('Content-Length') ?? '0') > MAX_BODY_BYTES) throw tooLarge();
  const text = await c.req.text();
  if (text.length > MAX_BODY_BYTES) throw tooLarge();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw refuse('invalid_json', 'The request body is not valid JSON.');
  }
  return asBody(parsed);
}
