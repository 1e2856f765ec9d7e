// Site verification for real: the Worker under wrangler dev fetches the demo blog (another site
// on loopback) and reads the <meta name="kudos:owner"> in its home page's head, whatever page
// address it is given. (Hostile sites and the /.well-known/kudos file: test/worker/hostile-pages.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, signUpPerson, startStack, type Stack } from './harness';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
}, 180_000);

afterAll(async () => {
  await stack?.close();
}, 60_000);

describe('claiming through site verification', () => {
  it("a reader's kudos waits for alice; verifying her blog claims it, and it shows on her profile", async () => {
    const alice = await signUpPerson(stack.kudos, 'alice');
    const bob = await signUpPerson(stack.kudos, 'bob', { depositCents: 1000, budgetCents: 500 });
    const carol = await signUpPerson(stack.kudos, 'carol');
    const post = `${stack.blog}/posts/micro-donations`;

    const click = await api(stack.kudos, 'POST', '/api/v1/clicks', { owner: 'alice', url: post, title: 'Why micro-donations work' }, { Cookie: bob.cookie });
    expect(click.status).toBe(201);
    expect(click.body.thing.claimed).toBe(false);
    const before = await (await fetch(`${stack.kudos}/@alice`)).text();
    expect(before).not.toContain('Why micro-donations work');
    const thingPage = await (await fetch(`${stack.kudos}/things/${click.body.thing.id}`)).text();
    expect(thingPage).toContain('Waiting for @alice to claim this page; kudos are held until then.');

    // Before she verifies, Get your button's check of her post and her dashboard tell alice that the
    // blog is not verified, what waits for her there, and where to verify it (issue 15, item 6).
    const check = await fetch(`${stack.kudos}/get-your-button/check`, {
      method: 'POST',
      headers: { Cookie: alice.cookie, Origin: stack.kudos, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ url: post }),
    });
    const checked = await check.text();
    expect(checked).toContain(`${stack.blog} is not verified as yours yet: what kudos earn there is held for you until you verify it.`);
    expect(checked).toContain('1 kudos wait for you there already, €0.00 held so far.');
    expect(checked).toContain('href="/dashboard/things#sites-h">Verify the site</a>');
    const dashboard = await (await fetch(`${stack.kudos}/dashboard`, { headers: { Cookie: alice.cookie } })).text();
    expect(dashboard).toContain(`${stack.blog}: 1 kudos wait for you, €0.00 held so far.`);

    // carol is named by neither the page nor /.well-known/kudos.
    const refused = await api(stack.kudos, 'POST', '/api/v1/sites', { url: post }, { Cookie: carol.cookie });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('site_not_verified');

    // The home page's <meta name="kudos:owner" content="alice"> proves it.
    const verified = await api(stack.kudos, 'POST', '/api/v1/sites', { url: post }, { Cookie: alice.cookie });
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ origin: stack.blog, verified: true, things_claimed: 1 });
    const after = await (await fetch(`${stack.kudos}/@alice`)).text();
    expect(after).toContain('Why micro-donations work');
    const claimedPage = await (await fetch(`${stack.kudos}/things/${click.body.thing.id}`)).text();
    expect(claimedPage).not.toContain('Waiting for');
    expect(claimedPage).not.toContain('site not verified');
    const dashboardAfter = await (await fetch(`${stack.kudos}/dashboard`, { headers: { Cookie: alice.cookie } })).text();
    expect(dashboardAfter).not.toContain('data-testid="held"');

    // Later readers' kudos on her verified site are hers at once.
    const next = await api(
      stack.kudos,
      'POST',
      '/api/v1/clicks',
      { owner: 'alice', url: `${stack.blog}/posts/night-mode`, title: 'Writing at night' },
      { Cookie: bob.cookie },
    );
    expect(next.status).toBe(201);
    expect(next.body.thing.claimed).toBe(true);
    const sites = await api(stack.kudos, 'GET', '/api/v1/me/sites', undefined, { Cookie: alice.cookie });
    expect(sites.body.sites.map((s: { origin: string; proof: string }) => [s.origin, s.proof])).toEqual([[stack.blog, 'home_meta']]);
  });

  it('any address on the site names its origin, whose own proofs decide', async () => {
    const dave = await signUpPerson(stack.kudos, 'dave');
    const gallery = `${stack.blog}/gallery`;
    expect((await api(stack.kudos, 'POST', '/api/v1/sites', { url: gallery }, { Cookie: dave.cookie })).status).toBe(422);
    const alice = await api(stack.kudos, 'POST', '/api/v1/login', { email: 'alice@example.test', password: 'correct horse' });
    const verified = await api(stack.kudos, 'POST', '/api/v1/sites', { url: gallery }, { Cookie: alice.cookie });
    expect(verified.status).toBe(200);
  });
});
