// The oEmbed iframe (/button/embed) and the first-party /give page it sends readers to through
// the embedding page (wp-embed.js navigates the top window), and what a framing page can learn.
import { describe, expect, it } from 'vitest';
import { Client, newPerson } from './client';
import { browserOf, formFields } from './popup';

const BLOG = 'http://blog.example';

describe('GET /button/embed', () => {
  it('shows public counts only, carries the title to /give, and allows exactly its inline script', async () => {
    const creator = await newPerson();
    const giver = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const url = `https://${creator.handle}.example/post`;
    await giver.post('/api/v1/clicks', { owner: creator.handle, url, title: 'A post' });
    // The giver's own cookie changes nothing: the page never reads the session.
    const res = await giver.get(`/button/embed?owner=${creator.handle}&url=${encodeURIComponent(url)}&title=A+post`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('class="kb default signed_out"');
    expect(res.body).toContain('<span class="n">1</span>');
    expect(res.body).toContain(`data-give="/give?owner=${creator.handle}&amp;url=${encodeURIComponent(url)}&amp;title=A+post&amp;lang=en&amp;via=embed"`);
    const policy = res.headers.get('Content-Security-Policy')!;
    expect(policy).toContain('frame-ancestors *');
    expect(policy).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(res.headers.get('Set-Cookie')).toBeNull();
    expect((await new Client().get(`/button/embed?owner=nobody-here&url=${encodeURIComponent(url)}`)).status).toBe(404);
  });
});

describe('/give?via=embed (sent by a page elsewhere)', () => {
  it('names the site from the Referer, asks for one press, gives once and sends the reader back', async () => {
    const creator = await newPerson();
    const reader = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const url = `${BLOG}/2026/a-post`;
    const query = `owner=${creator.handle}&url=${encodeURIComponent(url)}&title=A+post&lang=en&via=embed`;
    const browser = browserOf(reader);
    const opened = await browser.open(`/give?${query}`, { 'Sec-Fetch-Site': 'cross-site', Referer: `${BLOG}/` });
    expect(opened.status).toBe(200);
    // Never given by the visit alone, whatever the site: only a press on this page gives.
    expect(opened.body).not.toContain('data-auto');
    expect(opened.body).toContain('This is your first kudos on <strong>blog.example</strong>');
    // The answer may go back there (CSP's form-action covers the redirect), and nowhere else.
    expect(opened.headers.get('Content-Security-Policy')).toContain(`form-action 'self' ${BLOG};`);
    const fields = formFields(opened.body);
    expect(fields).toMatchObject({ site: BLOG, via: 'embed', owner: creator.handle });
    const given = await browser.submit(fields);
    expect(given.status).toBe(303);
    expect(given.headers.get('Location')).toBe(url);
    const again = await browser.submit(fields);
    expect(again.headers.get('Location')).toBe(url);
    expect((await reader.get('/api/v1/me/clicks')).body.clicks).toHaveLength(1);

    // A thing on another host than the embedding page: back to that page's site, never elsewhere.
    const elsewhere = await browser.open(`/give?owner=${creator.handle}&url=${encodeURIComponent('https://other.example/x')}&via=embed`, {
      'Sec-Fetch-Site': 'cross-site',
      Referer: `${BLOG}/`,
    });
    expect((await browser.submit(formFields(elsewhere.body))).headers.get('Location')).toBe(`${BLOG}/`);
  });

  it('without a Referer names no site and warns', async () => {
    const creator = await newPerson();
    const reader = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const opened = await browserOf(reader).open(`/give?owner=${creator.handle}&url=${encodeURIComponent(`${BLOG}/p`)}&via=embed`, {
      'Sec-Fetch-Site': 'cross-site',
    });
    expect(opened.body).toContain('Another site sent you here');
    expect(formFields(opened.body).site).toBeUndefined();
  });
});
