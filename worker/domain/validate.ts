// Checks request bodies before anything reaches the database. Each reader throws a 400 ApiError
// naming the field, so handlers read like a list of what they accept.
import { badRequest } from '../errors';

export type Body = Record<string, unknown>;

export function asBody(value: unknown): Body {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('The request body must be a JSON object.', 'invalid_json');
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
  if (typeof value !== 'string') throw badRequest(`"${field}" must be a string.`, 'invalid_field');
  return checkString(field, value, rule);
}

export function optionalString(body: Body, field: string, rule: StringRule): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`"${field}" must be a string.`, 'invalid_field');
  return checkString(field, value, rule);
}

function checkString(field: string, value: string, { max, min = 1, pattern, hint }: StringRule): string {
  if (value.length < min) throw badRequest(`"${field}" must have at least ${min} characters.`, 'invalid_field');
  if (value.length > max) throw badRequest(`"${field}" must have at most ${max} characters.`, 'invalid_field');
  if (pattern && !pattern.test(value)) {
    throw badRequest(`"${field}" is not valid${hint ? `: ${hint}` : ''}.`, 'invalid_field');
  }
  return value;
}

export function requiredInteger(body: Body, field: string, { min, max }: { min: number; max: number }): number {
  const value = body[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw badRequest(`"${field}" must be a whole number.`, 'invalid_field');
  }
  if (value < min || value > max) {
    throw badRequest(`"${field}" must be between ${min} and ${max}.`, 'out_of_range');
  }
  return value;
}
