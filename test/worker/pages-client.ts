// A browser-like client for the pages, through the Worker's own fetch: it keeps a cookie jar
// (session and flash cookies), posts url-encoded forms with the Origin a browser would send,
// and does not follow redirects, so tests see where each answer points.
import { exports } from 'cloudflare:workers';
import { ORIGIN } from './client';

export interface PageAnswer {
  status: number;
  text: string;
  headers: Headers;
  location: string | null;
}

export class PageClient {
  readonly jar = new Map<string, string>();

  async request(method: string, path: string, init: { form?: Record<string, string>; origin?: string | null } = {}): Promise<PageAnswer> {
    const headers: Record<string, string> = {};
    if (this.jar.size) headers.Cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.form) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const origin = init.origin === undefined ? ORIGIN : init.origin;
    if (method !== 'GET' && origin) headers.Origin = origin;
    const response = await exports.default.fetch(new Request(ORIGIN + path, { method, headers, body: init.form ? new URLSearchParams(init.form).toString() : null, redirect: 'manual' }));
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = pair!.split('=');
      if (/max-age=0/i.test(cookie) || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.jar.delete(name!);
      else this.jar.set(name!, value.join('='));
    }
    return { status: response.status, text: await response.text(), headers: response.headers, location: response.headers.get('Location') };
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, form: Record<string, string>, origin?: string | null) => this.request('POST', path, { form, origin });
}

/** The text of the first element with `data-testid="<id>"` (tags stripped, entities kept). */
export function testId(html: string, id: string): string | undefined {
  const match = new RegExp(`data-testid="${id}"[^>]*>([\\s\\S]*?)</`).exec(html);
  return match?.[1]?.replace(/<[^>]+>/g, '').trim();
}
