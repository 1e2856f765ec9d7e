// What an attacker tries from outside: open redirects, learning who has an account, malformed
// and huge form bodies. Each case failed before its fix.
import { describe, expect, it } from 'vitest';
import { Client, newPerson, uniqueHandle } from './client';
import { PageClient } from './pages-client';

describe('open redirect after sign-in', () => {
  it('a signed-in GET /login?next=/.//evil.example/x stays on Kudos', async () => {
    const person = await newPerson();
    const page = new PageClient();
    const signIn = await page.post('/login', { email: `${person.handle}@example.test`, password: 'correct horse' });
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
    const answer = await new PageClient().post(`/login?next=${encodeURIComponent('/.//evil.example/x')}`, { email: `${person.handle}@example.test`, password: 'correct horse' });
    expect(answer.status).toBe(303);
    expect(answer.location).toBe('/dashboard');
  });
});

describe('sign-up tells nothing about existing accounts without a valid invite', () => {
  it('a bogus invite gets the same answer for a registered and an unknown email (API and form)', async () => {
    const known = await newPerson();
    const unknown = uniqueHandle('u');
    const attempt = (email: string) => new Client().post('/api/v1/signup', { handle: uniqueHandle('x'), email, password: 'long enough', invite: 'made-up-code' });
    const forKnown = await attempt(`${known.handle}@example.test`);
    const forUnknown = await attempt(`${unknown}@example.test`);
    expect(forKnown.status).toBe(403);
    expect(forKnown.body).toEqual(forUnknown.body);
    expect(forKnown.status).toBe(forUnknown.status);
    expect(forKnown.body.error.code).toBe('invite_invalid');
    // Same with a taken handle.
    const takenHandle = await new Client().post('/api/v1/signup', { handle: known.handle, email: `${unknown}@example.test`, password: 'long enough', invite: 'made-up-code' });
    expect(takenHandle.body).toEqual(forUnknown.body);

    const form = (email: string) => new PageClient().post('/signup', { handle: uniqueHandle('f'), email, password: 'long enough', invite: 'made-up-code' });
    const pageKnown = await form(`${known.handle}@example.test`);
    const pageUnknown = await form(`${unknown}@example.test`);
    expect(pageKnown.status).toBe(pageUnknown.status);
    expect(pageKnown.text).not.toContain('exists');
  });

  it('a used invite answers like a made-up one', async () => {
    const inviter = await newPerson();
    const code = (await inviter.get('/api/v1/me')).body.invites[0].code;
    const first = uniqueHandle('n');
    expect((await new Client().post('/api/v1/signup', { handle: first, email: `${first}@example.test`, password: 'long enough', invite: code })).status).toBe(201);
    const reuse = await new Client().post('/api/v1/signup', { handle: uniqueHandle('r'), email: `${first}@example.test`, password: 'long enough', invite: code });
    expect(reuse.status).toBe(403);
    expect(reuse.body.error.code).toBe('invite_invalid');
  });

  it('with a valid invite, a taken email is still said (and the invite is not spent)', async () => {
    const known = await newPerson();
    const inviter = await newPerson();
    const code = (await inviter.get('/api/v1/me')).body.invites[0].code;
    const taken = await new Client().post('/api/v1/signup', { handle: uniqueHandle('t'), email: `${known.handle}@example.test`, password: 'long enough', invite: code });
    expect(taken.status).toBe(409);
    const fresh = uniqueHandle('v');
    expect((await new Client().post('/api/v1/signup', { handle: fresh, email: `${fresh}@example.test`, password: 'long enough', invite: code })).status).toBe(201);
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
    const page = new PageClient();
    await page.post('/login', { email: `${owner.handle}@example.test`, password: 'correct horse' });
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
