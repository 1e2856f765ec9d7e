// What an attacker tries from outside: open redirects, learning who has an account, malformed
// and huge form bodies. Each case failed before its fix.
import { describe, expect, it } from 'vitest';
import { Client, newPerson, uniqueHandle } from './client';

describe('open redirect after sign-in', () => {
  it('a signed-in GET /login?next=/.//evil.example/x stays on Kudos', async () => {
    const person = await newPerson();
    const page = new Client();
    const signIn = await page.submit('/login', { email: `${person.handle}@example.test`, password: 'correct horse' });
    expect(signIn.status).toBe(303);
    for (const next of ['/.//evil.example/x', '/./\\evil.example/x', '//evil.example/x', '/%2F/evil.example/x', '/\t/evil.example/x']) {
      const answer = await page.get(`/login?next=${encodeURIComponent(next)}`);
      expect(answer.status).toBe(303);
      expect(answer.location).not.toMatch(/^[/\\][/\\]/);
      expect(new URL(answer.location!, 'http://kudos.test').origin).toBe('http://kudos.test');
    }
  });

  it('a password sign-in with next=/.//evil.example/x stays on Kudos', async () => {
    const person = await newPerson();
    const answer = await new Client().submit(`/login?next=${encodeURIComponent('/.//evil.example/x')}`, {
      email: `${person.handle}@example.test`,
      password: 'correct horse',
    });
    expect(answer.status).toBe(303);
    expect(answer.location).toBe('/dashboard');
  });
});

describe('sign-up tells nothing about existing accounts without a valid invite', () => {
  it('a bogus invite gets the same answer for a registered and an unknown email (API and form)', async () => {
    const known = await newPerson();
    const unknown = uniqueHandle('u');
    const attempt = (email: string) =>
      new Client().post('/api/v1/signup', { handle: uniqueHandle('x'), email, password: 'long enough', invite: 'made-up-code' });
    const forKnown = await attempt(`${known.handle}@example.test`);
    const forUnknown = await attempt(`${unknown}@example.test`);
    expect(forKnown.status).toBe(403);
    expect(forKnown.body).toEqual(forUnknown.body);
    expect(forKnown.status).toBe(forUnknown.status);
    expect(forKnown.body.error.code).toBe('invite_invalid');
    // Same with a taken handle.
    const takenHandle = await new Client().post('/api/v1/signup', {
      handle: known.handle,
      email: `${unknown}@example.test`,
      password: 'long enough',
      invite: 'made-up-code',
    });
    expect(takenHandle.body).toEqual(forUnknown.body);

    const form = (email: string) => new Client().submit('/signup', { handle: uniqueHandle('f'), email, password: 'long enough', invite: 'made-up-code' });
    const pageKnown = await form(`${known.handle}@example.test`);
    const pageUnknown = await form(`${unknown}@example.test`);
    expect(pageKnown.status).toBe(pageUnknown.status);
    expect(pageKnown.text).not.toContain('exists');
  });

  it('a used invite answers like a made-up one', async () => {
    const inviter = await newPerson();
    const code = (await inviter.get('/api/v1/me')).body.invites[0].code;
    const first = uniqueHandle('n');
    expect((await new Client().post('/api/v1/signup', { handle: first, email: `${first}@example.test`, password: 'long enough', invite: code })).status).toBe(
      201,
    );
    const reuse = await new Client().post('/api/v1/signup', {
      handle: uniqueHandle('r'),
      email: `${first}@example.test`,
      password: 'long enough',
      invite: code,
    });
    expect(reuse.status).toBe(403);
    expect(reuse.body.error.code).toBe('invite_invalid');
  });

  it('with a valid invite, a taken email is still said (and the invite is not spent)', async () => {
    const known = await newPerson();
    const inviter = await newPerson();
    const code = (await inviter.get('/api/v1/me')).body.invites[0].code;
    const taken = await new Client().post('/api/v1/signup', {
      handle: uniqueHandle('t'),
      email: `${known.handle}@example.test`,
      password: 'long enough',
      invite: code,
    });
    expect(taken.status).toBe(409);
    const fresh = uniqueHandle('v');
    expect((await new Client().post('/api/v1/signup', { handle: fresh, email: `${fresh}@example.test`, password: 'long enough', invite: code })).status).toBe(
      201,
    );
  });
});

describe('titles and the CSV', () => {
  it('titles lose NUL, ESC and bidi overrides on the way in, everywhere a title is accepted', async () => {
    const owner = await newPerson();
    const registered = await owner.post('/api/v1/things', { url: `https://titles.example/${owner.handle}`, title: 'evil\u0000\u001b[2J\u202Etxt.exe' });
    expect(registered.status).toBe(201);
    expect(registered.body.title).toBe('evil[2Jtxt.exe');
    const blank = await owner.post('/api/v1/things', { url: `https://titles.example/${owner.handle}/2`, title: '\u202E\u0000 ' });
    expect(blank.status).toBe(400);
    const giver = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const clicked = await giver.post('/api/v1/clicks', { owner: owner.handle, url: `https://titles.example/${owner.handle}/3`, title: 'by\u202Ea\u0007click' });
    expect(clicked.status).toBe(201);
    expect(clicked.body.thing.title).toBe('byaclick');
  });

  it('a title like x;=1+1 is quoted in the CSV, formula starts are defused', async () => {
    const owner = await newPerson();
    const giver = await newPerson({ depositCents: 1000, budgetCents: 500 });
    for (const [i, title] of ['x;=1+1', '=HYPERLINK("http://evil.example")', '-1+2'].entries()) {
      const thing = await owner.post('/api/v1/things', { url: `https://csv.example/${owner.handle}/${i}`, title });
      expect((await giver.post(`/api/v1/things/${thing.body.id}/clicks`)).status).toBe(201);
    }
    const page = new Client();
    await page.submit('/login', { email: `${owner.handle}@example.test`, password: 'correct horse' });
    const csv = await page.get('/stats.csv');
    expect(csv.status).toBe(200);
    expect(csv.text).toContain(',"x;=1+1",');
    expect(csv.text).toContain(`,"'=HYPERLINK(""http://evil.example"")",`);
    expect(csv.text).toContain(`,"'-1+2",`);
    // No line has a cell (split on ";" or ",") outside quotes that starts a formula.
    for (const line of csv.text.trim().split('\r\n')) {
      const unquoted = line.replace(/"(?:[^"]|"")*"/g, '""');
      expect(unquoted.split(/[;,]/).some((cell) => /^[=+\-@]/.test(cell))).toBe(false);
    }
  });
});

describe('malformed and huge form bodies get a clear 4xx on every form endpoint', () => {
  const FORMS = ['/signup', '/login', '/dashboard/budget', '/dashboard/deposit', '/dashboard/payout', '/dashboard/settings', '/give'];
  const boundary = 'kudosboundary';
  const truncated = `--${boundary}\r\nContent-Disposition: form-data; name="email"\r\n\r\nx@example.test\r\n--${boundary}\r\nContent-Disposition: form-data; name="pass`;
  const CASES: { name: string; contentType: string; body: string | Uint8Array<ArrayBuffer>; status: number }[] = [
    { name: 'multipart without a boundary', contentType: 'multipart/form-data', body: truncated, status: 400 },
    { name: 'truncated multipart', contentType: `multipart/form-data; boundary=${boundary}`, body: truncated, status: 400 },
    { name: 'charset=utf-16', contentType: 'application/x-www-form-urlencoded; charset=utf-16', body: 'e\u0000m\u0000', status: 415 },
    { name: 'bytes that are not UTF-8', contentType: 'application/x-www-form-urlencoded', body: new Uint8Array([0x65, 0x3d, 0xff, 0xfe]), status: 400 },
    { name: 'another media type', contentType: 'text/plain', body: 'email=x', status: 415 },
  ];

  async function send(path: string, contentType: string, body: BodyInit, cookie: string, headers: Record<string, string> = {}) {
    const request = new Request(`http://kudos.test${path}`, {
      method: 'POST',
      headers: { Origin: 'http://kudos.test', 'Content-Type': contentType, Cookie: cookie, ...headers },
      body,
      redirect: 'manual',
    });
    const { exports } = await import('cloudflare:workers');
    return exports.default.fetch(request);
  }

  it.each(CASES)(
    '$name → $status everywhere',
    async ({ contentType, body, status }) => {
      const person = await newPerson();
      const page = new Client();
      await page.submit('/login', { email: `${person.handle}@example.test`, password: 'correct horse' });
      const cookie = [...page.jar].map(([k, v]) => `${k}=${v}`).join('; ');
      for (const path of FORMS) {
        const answer = await send(path, contentType, body, cookie);
        expect({ path, status: answer.status }).toEqual({ path, status });
        await answer.text();
      }
    },
    60_000,
  );

  it('a well-formed multipart sign-in still works', async () => {
    const person = await newPerson();
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="email"\r\n\r\n${person.handle}@example.test\r\n--${boundary}\r\nContent-Disposition: form-data; name="password"\r\n\r\ncorrect horse\r\n--${boundary}--\r\n`;
    const answer = await send('/login', `multipart/form-data; boundary=${boundary}`, body, '');
    expect(answer.status).toBe(303);
  });

  it('a 90 MB password to /login is refused with 413 without reading it all', async () => {
    let pulled = 0;
    const chunk = new TextEncoder().encode('a'.repeat(64 * 1024));
    const huge = () =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulled >= 90 * 1024 * 1024) return controller.close();
          pulled += chunk.byteLength;
          controller.enqueue(chunk);
        },
      });
    // Declared length: refused before anything is read.
    const declared = await send('/login', 'application/x-www-form-urlencoded', huge(), '', { 'Content-Length': String(90 * 1024 * 1024 + 20) });
    expect(declared.status).toBe(413);
    expect(pulled).toBeLessThan(1024 * 1024);
    // No length (chunked): refused as soon as the limit passes.
    const person = await newPerson();
    const page = new Client();
    await page.submit('/login', { email: `${person.handle}@example.test`, password: 'correct horse' });
    const cookie = [...page.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    for (const path of FORMS) {
      pulled = 0;
      const streamed = await send(path, 'application/x-www-form-urlencoded', huge(), cookie);
      expect({ path, status: streamed.status }).toEqual({ path, status: 413 });
      expect(pulled).toBeLessThan(1024 * 1024);
    }
  }, 60_000);
});
