// What the popup (/give) tells the page that opened it (issue 20, finding 5): the answer goes to
// that page only after the visitor pressed in the popup, and only for a thing on that page's own
// site. Otherwise the visitor sees it in the popup and the opener is told nothing: not that they
// gave to some URL, not that they are its owner.
import { describe, expect, it } from 'vitest';
import { type Client, newPerson } from './client';
import { browserOf, formFields } from './popup';

const BLOG = 'http://blog.example';
const ELSEWHERE = 'https://news.example/an-article';

/** The message the popup page hands its script for the opener: null when it has none. */
function doneMessage(html: string): { site?: string; counts: { status: string } } | null {
  const done = /<script type="application\/json" id="kudos-done">(.*?)<\/script>/.exec(html);
  return done ? JSON.parse(done[1]!) : null;
}

/** `person` presses a button on the blog, which opens the popup for `owner`'s `url`. */
function openedByBlog(person: Client, owner: string, url: string) {
  const browser = browserOf(person);
  const query = new URLSearchParams({ popup: '1', site: BLOG, owner, url });
  return { browser, opened: browser.open(`/give?${query}`, { 'Sec-Fetch-Site': 'cross-site', Referer: `${BLOG}/` }) };
}

describe('the popup opened by another site', () => {
  it('tells it nothing before a press: not what its visitor gave, not who they are', async () => {
    const owner = await newPerson();
    const reader = await newPerson({ depositCents: 1000, budgetCents: 500 });
    for (const url of [ELSEWHERE, `${BLOG}/own-post`])
      expect((await reader.post('/api/v1/clicks', { owner: owner.handle, url, title: 'Read' })).status).toBe(201);

    for (const [person, url, shown] of [
      [reader, ELSEWHERE, 'You already gave kudos'],
      [owner, ELSEWHERE, 'This is your own thing'],
      // Even for a thing on the opener's own site: the visitor did not act in the popup.
      [reader, `${BLOG}/own-post`, 'You already gave kudos'],
    ] as const) {
      const page = await openedByBlog(person, owner.handle, url).opened;
      expect(page.status).toBe(200);
      expect(page.body).toContain(shown);
      const message = doneMessage(page.body);
      // Only a Kudos page could receive it (the popup posts to its own origin); the blog is not named.
      expect(message?.site).toBeUndefined();
    }
  });

  it('tells it the answer after a press, for a thing on its own site only', async () => {
    const owner = await newPerson();
    const reader = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const told = async (url: string) => {
      const { browser, opened } = openedByBlog(reader, owner.handle, url);
      const page = await opened;
      expect(doneMessage(page.body)).toBeNull();
      const pressed = await browser.submit(formFields(page.body));
      expect(pressed.body).toContain('Thank you! Your kudos was given.');
      return doneMessage(pressed.body);
    };
    expect(await told(`${BLOG}/a-post`)).toMatchObject({ site: BLOG, counts: { status: 'given' } });
    const other = await told(`${ELSEWHERE}-2`);
    expect(other?.counts.status).toBe('given');
    expect(other?.site).toBeUndefined();
  });
});
