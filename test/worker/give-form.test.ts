// The popup's form is read by its schema (http/schemas.ts GiveForm); what a thing may be is
// readButtonRef's to say. A page without a title is titled by its URL, which may be 2,048
// characters long: a press on such a page gives like any other.
import { describe, expect, it } from 'vitest';
import { MAX_URL_LENGTH } from '../../worker/domain/rules';
import { newPerson } from './client';
import { browserOf, formFields } from './popup';

describe("the popup's form", () => {
  it('gives for a page with no title and the longest URL a thing may have', async () => {
    const alice = await newPerson();
    const bob = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const base = `https://${alice.handle}.example/`;
    const url = base + 'a'.repeat(MAX_URL_LENGTH - base.length);
    expect(url).toHaveLength(MAX_URL_LENGTH);
    const browser = browserOf(bob);
    const opened = await browser.open(`/give?${new URLSearchParams({ owner: alice.handle, url, popup: '1' })}`, { 'Sec-Fetch-Site': 'same-origin' });
    expect(opened.status).toBe(200);
    const pressed = await browser.submit(formFields(opened.body));
    expect(pressed.body).toContain('Thank you! Your kudos was given.');
    expect((await bob.get(`/api/v1/button?owner=${alice.handle}&url=${encodeURIComponent(url)}`)).body.status).toBe('given');
  });
});
