// Field readers for JSON bodies of routes that have no zod schema yet (routes/api.ts has one per
// route in http/schemas.ts). Each reader throws a Refusal naming the field.
import { refuse } from '../domain/refusal';

export type Body = Record<string, unknown>;

export function asBody(value: unknown): Body {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw refuse('invalid_json', 'The request body must be a JSON object.');
  }
  return value as Body;
}

interface StringRule {
  max: number;
  min?: number;
  pattern?: RegExp;
  hint?: string;
}

export function requiredString(body: Body, field: string, rule: StringRule): string {
  const value = body[field];
  if (typeof value !== 'string') throw refuse('invalid_field', `"${field}" must be a string.`);
  return checkString(field, value, rule);
}

export function optionalString(body: Body, field: string, rule: StringRule): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw refuse('invalid_field', `"${field}" must be a string.`);
  return checkString(field, value, rule);
}

function checkString(field: string, value: string, { max, min = 1, pattern, hint }: StringRule): string {
  if (value.length < min) throw refuse('invalid_field', `"${field}" must have at least ${min} characters.`);
  if (value.length > max) throw refuse('invalid_field', `"${field}" must have at most ${max} characters.`);
  if (pattern && !pattern.test(value)) {
    throw refuse('invalid_field', `"${field}" is not valid${hint ? `: ${hint}` : ''}.`);
  }
  return value;
}
