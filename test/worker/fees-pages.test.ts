// The fee is visible before the first deposit: on the landing page, sign-up, the budget form
// and the give popup, all from the same sentence builder (worker/domain/fees.ts).
import { describe, expect, it } from 'vitest';
import { newPerson } from './client';

const SENTENCE = 'gives each of your 10 things €0.45 after the 10% fee';
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/&#x27;|&#39;/g, "'");

describe('fees before the first deposit', { timeout: 30_000 }, () => {
  it('the landing page and sign-up state the fee and the card cost', async () => {
    const anyone = await newPerson();
    anyone.cookie = '';
    for (const path of ['/', '/signup']) {
      const page = text((await anyone.get(path)).body as string);
      expect(page).toContain(`Kudos keeps 10% of each monthly budget: your €5.00 ${SENTENCE}.`);
      expect(page).toContain('A card deposit costs 1.5% + €0.25 on top');
    }
  });

  it('the dashboard’s budget and deposit forms state them for a person with no deposit yet', async () => {
    const person = await newPerson({ budgetCents: 500 });
    const page = text((await person.get('/dashboard')).body as string);
    expect(page).toContain(`Your €5.00 ${SENTENCE}.`);
    expect(page).toContain('Deposits start at €5.00. A card deposit costs 1.5% + €0.25 on top (€15.00 costs €15.48), so fund 3 months or more at once.');
  });

  it('the give popup says what this budget gives each thing, counting this kudos', async () => {
    const creator = await newPerson();
    const reader = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const url = encodeURIComponent(`https://${creator.handle}.example/post`);
    const popup = text((await reader.get(`/give?owner=${creator.handle}&url=${url}&title=Post&popup=1`)).body as string);
    expect(popup).toContain('Your €5.00 gives your one thing €4.50 after the 10% fee.');
    const signedOut = await newPerson();
    signedOut.cookie = '';
    expect(text((await signedOut.get(`/give?owner=${creator.handle}&url=${url}&lang=de`)).body as string)).toContain(
      'Deine 5,00 € geben jedem deiner 10 Dinge 0,45 € nach 10 % Gebühr.',
    );
  });
});
