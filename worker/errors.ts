// Every error the API answers with: `{ error: { code, message } }` and a 4xx/5xx status.
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, code = 'bad_request') => new ApiError(400, code, message);
export const unauthorized = (message = 'Sign in first.') => new ApiError(401, 'unauthorized', message);
export const paymentRequired = (message: string, code = 'not_funded') => new ApiError(402, code, message);
export const forbidden = (message: string, code = 'forbidden') => new ApiError(403, code, message);
export const notFound = (message: string) => new ApiError(404, 'not_found', message);
export const conflict = (message: string, code = 'conflict') => new ApiError(409, code, message);

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}
