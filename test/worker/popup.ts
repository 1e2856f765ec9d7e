// The first-party popup (/give) as a browser sees it: its cookies kept, its form submitted.
import { exports } from 'cloudflare:workers';
import { type Client, ORIGIN } from './client';

/** The CSRF token and hidden fields of the /give form in `html`. */
export function formFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
    fields[name!] = value!.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
  return fields;
}

/** A browser's view of /give: the session and the form's CSRF cookie, both kept. */
export function browserOf(person: Client) {
  const jar = new Map([person.cookie.split('=') as [string, string]]);
  const send = async (path: string, init: RequestInit & { headers?: Record<string, string> }) => {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await exports.default.fetch(new Request(ORIGIN + path, { ...init, redirect: 'manual', headers: { ...init.headers, Cookie: cookie } }));
    for (const set of res.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return { status: res.status, headers: res.headers, body: await res.text() };
  };
  return {
    open: (path: string, headers: Record<string, string>) => send(path, { headers }),
    submit: (fields: Record<string, string>) =>
      send('/give', {
        method: 'POST',
        body: new URLSearchParams(fields).toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN, 'Sec-Fetch-Site': 'same-origin' },
      }),
  };
}
