// Money keeps its currency's minor unit from the form field to the dashboard's sentences: the
// same numbers of minor units read as yen (no decimals) and fils (three decimals), never 100× off.
import { env } from 'cloudflare:test';
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../worker/env';
import { openDb } from '../../worker/store/db';
import { personByHandle } from '../../worker/store/accounts';
import { dashboardOf } from '../../worker/actions/dashboard';
import { Dashboard } from '../../worker/views/dashboard';
import { SITE_WORDS } from '../../worker/views/words';
import { newPerson, testId } from './client';

describe('the dashboard in other currencies', () => {
  it.each([
    ['EUR', 'Your €7.00 gives each of your 3 things €2.10 (after the 10% fee of €0.70).', '7.00', '10.00'],
    ['JPY', 'Your ¥700 gives each of your 3 things ¥210 (after the 10% fee of ¥70).', '700', '10'],
    ['KWD', 'Your KWD\u00a00.700 gives each of your 3 things KWD\u00a00.210 (after the 10% fee of KWD\u00a00.070).', '0.700', '10.000'],
  ])('%s: the projection and the amount fields', async (currency, sentence, budgetField, depositPlaceholder) => {
    const five = { EUR: '5.00', JPY: '5', KWD: '5.000' }[currency];
    const giver = await newPerson({ depositCents: 1000, budgetCents: 700 });
    for (let i = 0; i < 3; i++) {
      const owner = await newPerson();
      await giver.post('/api/v1/clicks', { owner: owner.handle, url: `https://${owner.handle}.example/`, title: 'A post' });
    }
    const db = openDb(env.DB);
    const config = { ...readConfig(env), currency };
    const me = (await personByHandle(db, giver.handle))!;
    const html = render(Dashboard({ me, config, data: await dashboardOf(db, config, me, Date.now()), origin: 'http://kudos.test', w: SITE_WORDS.en }));
    expect(testId(html, 'projection')).toBe(sentence);
    expect(html).toContain(
      `name="budget" inputmode="decimal" required pattern="${currency === 'JPY' ? '\\d{1,9}' : currency === 'KWD' ? '\\d{1,9}([.,]\\d{1,3})?' : '\\d{1,9}([.,]\\d{1,2})?'}" title="Write the amount in numbers, like ${five}." value="${budgetField}"`,
    );
    expect(html).toContain(`placeholder="${depositPlaceholder}"`);
  });
});
