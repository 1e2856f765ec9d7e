// Demo data for `npm start`: a few people, funded, with budgets, through the public API.
// Idempotent: a second start finds the demo people and changes nothing.

import demo from './demo-people.json' with { type: 'json' };

// The demo people live in JSON so the Worker's landing page names the same ones (routes/pages.ts).
export const DEMO_PASSWORD = demo.password;
export const DEMO_PEOPLE = demo.people;

/** @param {string} origin @param {string} adminToken */
export async function seedDemo(origin, adminToken) {
  const call = async (method, path, body, headers = {}) => {
    const res = await fetch(origin + path, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: body && JSON.stringify(body) });
    return { status: res.status, body: await res.json().catch(() => null), cookie: res.headers.get('set-cookie')?.split(';')[0] ?? '' };
  };
  const created = [];
  for (const person of DEMO_PEOPLE) {
    const email = `${person.handle}@kudos.local`;
    if ((await call('POST', '/api/v1/login', { email, password: DEMO_PASSWORD })).status === 200) continue;
    const minted = await call('POST', '/api/v1/admin/invites', { count: 1 }, { Authorization: `Bearer ${adminToken}` });
    const signup = await call('POST', '/api/v1/signup', { handle: person.handle, email, password: DEMO_PASSWORD, invite: minted.body?.invites?.[0] });
    if (signup.status !== 201) throw new Error(`seeding ${person.handle} failed: ${JSON.stringify(signup.body)}`);
    const auth = { Cookie: signup.cookie };
    // Open the verification link Kudos emailed (read from the admin's outbox), as the person would:
    // an unconfirmed address gets no money messages and no payouts.
    const sent = await call('GET', `/api/v1/admin/outbox?to=${encodeURIComponent(email)}&limit=5`, undefined, { Authorization: `Bearer ${adminToken}` });
    const link = sent.body?.messages?.map((m) => /https?:\/\/\S+\/verify-email\?token=[\w-]+/.exec(m.text)?.[0]).find(Boolean);
    if (!link) throw new Error(`seeding ${person.handle}: no verification link was emailed`);
    const url = new URL(link);
    await fetch(origin + url.pathname + url.search, { redirect: 'manual' });
    if (person.deposit) await call('POST', '/api/v1/me/deposits', { amount_cents: person.deposit }, auth);
    if (person.budget) await call('PUT', '/api/v1/me/budget', { monthly_budget_cents: person.budget }, auth);
    created.push(person.handle);
  }
  return created;
}

/**
 * alice proves the demo blog is hers (its home page's head carries <meta name="kudos:owner" content="alice">),
 * so readers' kudos there are hers at once and show on her profile. The Worker fetches the blog.
 * @param {string} origin @param {string} blogUrl
 */
export async function verifyDemoSite(origin, blogUrl) {
  const login = await fetch(`${origin}/api/v1/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'alice@kudos.local', password: DEMO_PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  const verify = await fetch(`${origin}/api/v1/sites`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie },
    body: JSON.stringify({ url: `${blogUrl}/posts/micro-donations` }),
  });
  if (verify.status !== 200) console.warn(`alice could not verify the demo blog: ${await verify.text()}`);
}
