import { describe, expect, it } from 'vitest';
import { type Answer, Client, newPerson } from './client';

const anonymous = new Client();

describe('badges', () => {
  it("counts a thing's kudos and escapes its title", async () => {
    const creator = await newPerson();
    const nasty = `</title><script>alert("x")</script>&'`;
    let click: Answer | undefined;
    for (let i = 0; i < 2; i++) {
      const giver = await newPerson({ depositCents: 1000, budgetCents: 500 });
      click = await giver.post('/api/v1/clicks', { owner: creator.handle, url: `https://${creator.handle}.example/n`, title: nasty });
    }
    // Registered by readers' clicks: no badge until the creator claims it.
    expect((await anonymous.get(`/badge/thing/${click!.body.thing.id}.svg`)).status).toBe(404);
    expect((await creator.post(`/api/v1/things/${click!.body.thing.id}/claim`)).status).toBe(200);
    const badge = await anonymous.get(`/badge/thing/${click!.body.thing.id}.svg`);
    expect(badge.status).toBe(200);
    expect(badge.headers.get('Content-Type')).toBe('image/svg+xml; charset=utf-8');
    expect(badge.headers.get('Cache-Control')).toBe('public, max-age=300, s-maxage=300');
    expect(badge.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    const svg = badge.body as string;
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&#60;/title&#62;&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;&#38;&#39;');
    expect(svg).toContain('>2</text>');
  });

  it("counts all kudos to a person's things, and is a grey 404 badge for unknown handles", async () => {
    const creator = await newPerson();
    const giver = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const ids: number[] = [];
    for (const path of ['a', 'b', 'c'])
      ids.push((await giver.post('/api/v1/clicks', { owner: creator.handle, url: `https://${creator.handle}.example/${path}` })).body.thing.id);
    expect((await anonymous.get(`/badge/${creator.handle}.svg`)).body).toContain('>0</text>');
    for (const id of ids) await creator.post(`/api/v1/things/${id}/claim`);
    const badge = await anonymous.get(`/badge/${creator.handle}.svg`);
    expect(badge.status).toBe(200);
    expect(badge.body).toContain('>3</text>');
    expect(badge.body).toContain(`<title>Kudos for @${creator.handle}: 3</title>`);

    for (const path of ['/badge/nobody-at-all.svg', `/badge/${encodeURIComponent('<script>')}.svg`, '/badge/system:fees.svg']) {
      const missing = await anonymous.get(path);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('Content-Type')).toBe('image/svg+xml; charset=utf-8');
      expect(missing.body).not.toContain('<script');
      expect(missing.body).toContain('>unknown</text>');
    }
  });
});
