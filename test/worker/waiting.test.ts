// Creators are told what waits for them (issue 15, build item 6): kudos on a site they have not
// verified are held, and the button check, Get your button and the dashboard say so, how much is
// held, and where to verify.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { giveAs } from './give';
import { settleMonth } from '../../worker/actions/settle';
import { readConfig } from '../../worker/env';
import { findAccountByHandle } from '../../worker/store/accounts';
import { markSiteVerified } from '../../worker/store/claims';
import { openDb } from '../../worker/store/db';
import { findThing } from '../../worker/store/things';
import { newPerson, testId } from './client';
import { afterMonth, inMonth, monthsFrom } from './months';

const db = () => openDb(env.DB);
const config = () => readConfig(env);
const freshMonth = monthsFrom('2047-01');
const text = (html: string | undefined) =>
  (html ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
/** The text of the element `data-testid="<id>"`, a <section> or a <p>, up to its own end. */
const section = (html: string, id: string) => text(new RegExp(`<(section|p)\\b[^>]*data-testid="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html)?.[2]);

describe('what waits for a creator', { timeout: 120_000 }, () => {
  it('the check, Get your button and the dashboard say the site is not verified, what is held, and link to verifying it', async () => {
    const creator = await newPerson();
    const reader = await newPerson({ depositCents: 1000, budgetCents: 500 });
    // A page on the creator's site (loopback: verifiable in development), registered by the
    // reader's click. Something answers there (the Stripe double), though not with a button.
    const site = `http://127.0.0.1:${env.STRIPE_API_PORT}`;
    const click = await reader.post('/api/v1/clicks', { owner: creator.handle, url: `${site}/post`, title: 'Post' });
    expect(click.status).toBe(201);
    // A month settled earlier: the reader's 4.50 for the unclaimed thing sits on the held account.
    const month = freshMonth();
    const me = (await findAccountByHandle(db(), reader.handle))!;
    await giveAs(db(), config(), me, (await findThing(db(), click.body.thing.id))!, inMonth(month));
    await settleMonth(db(), config(), month, { now: afterMonth(month) });

    const waiting = `${site}: 2 kudos wait for you, €4.50 held so far. Verify the site`;
    const setup = (await creator.get('/get-your-button')).text;
    expect(section(setup, 'held')).toContain(waiting);
    expect(setup).toContain('href="/dashboard/things#sites-h">Verify the site</a>');
    const dashboard = (await creator.get('/dashboard')).text;
    expect(section(dashboard, 'held')).toContain(waiting);

    // The check answers about the page, and about its site.
    const checked = (await creator.submit('/get-your-button/check', { url: `${site}/post` })).text;
    expect(testId(checked, 'check')).toBeDefined();
    expect(section(checked, 'site-unverified')).toBe(
      `${site} is not verified as yours yet: what kudos earn there is held for you until you verify it. 2 kudos wait for you there already, €4.50 held so far. Verify the site`,
    );
    // In German too.
    const german = (await creator.submit('/get-your-button/check?lang=de', { url: `${site}/post` })).text;
    expect(section(german, 'site-unverified')).toContain(`${site} ist noch nicht als deine bestätigt`);

    // Once the site is verified, the check no longer warns.
    await markSiteVerified(db(), (await findAccountByHandle(db(), creator.handle))!.id, site, 'home_meta');
    expect((await creator.submit('/get-your-button/check', { url: `${site}/post` })).text).not.toContain('data-testid="site-unverified"');
  });

  it('says nothing when nothing waits', async () => {
    const creator = await newPerson();
    expect((await creator.get('/get-your-button')).text).not.toContain('data-testid="held"');
    expect((await creator.get('/dashboard')).text).not.toContain('data-testid="held"');
  });
});
