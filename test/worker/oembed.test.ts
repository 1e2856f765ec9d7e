import { describe, expect, it } from 'vitest';
import { Client, newPerson, ORIGIN } from './client';

const anonymous = new Client();
const oembed = (url: string, extra = '') => anonymous.get(`/oembed?url=${encodeURIComponent(url)}${extra}`);

describe('GET /oembed', () => {
  it('answers a rich oEmbed 1.0 with the button iframe for /things/:id and /thing?owner&url', async () => {
    const creator = await newPerson();
    const giver = await newPerson({ depositCents: 1000, budgetCents: 500 });
    const click = await giver.post('/api/v1/clicks', { owner: creator.handle, url: `https://${creator.handle}.example/a`, title: 'Quotes " & <tags>' });
    const thingId = click.body.thing.id;
    const byId = await oembed(`${ORIGIN}/things/${thingId}`, '&format=json');
    expect(byId.status).toBe(200);
    expect(byId.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(byId.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(byId.body).toMatchObject({
      version: '1.0',
      type: 'rich',
      provider_name: 'Kudos',
      title: 'Quotes " & <tags>',
      author_name: `@${creator.handle}`,
      author_url: `${ORIGIN}/@${creator.handle}`,
      width: 180,
      height: 32,
    });
    const url = encodeURIComponent(`https://${creator.handle}.example/a`);
    const src = `${ORIGIN}/button/embed?owner=${creator.handle}&#38;url=${url}&#38;title=Quotes+%22+%26+%3Ctags%3E`;
    const page = `${ORIGIN}/thing?owner=${creator.handle}&#38;url=${url}`;
    expect(byId.body.html).toBe(
      `<blockquote class="wp-embedded-content"><a href="${page}">Kudos for “Quotes &#34; &#38; &#60;tags&#62;”</a></blockquote>` +
        `<iframe class="wp-embedded-content" src="${src}" width="180" height="32" title="Kudos button for Quotes &#34; &#38; &#60;tags&#62;" frameborder="0" scrolling="no" style="border:0"></iframe>`,
    );

    const byLink = await oembed(`${ORIGIN}/thing?owner=${creator.handle}&url=${encodeURIComponent(`https://${creator.handle}.example/a/`)}`);
    expect(byLink.body.html).toBe(byId.body.html);
  });

  it('honours maxwidth and maxheight and ignores nonsense', async () => {
    const creator = await newPerson();
    const page = `${ORIGIN}/thing?owner=${creator.handle}&url=${encodeURIComponent('https://example.org/p')}`;
    expect((await oembed(page, '&maxwidth=120&maxheight=30')).body).toMatchObject({ width: 120, height: 30 });
    expect((await oembed(page, '&maxwidth=1000&maxheight=1000')).body).toMatchObject({ width: 180, height: 32 });
    expect((await oembed(page, '&maxwidth=-5&maxheight=abc')).body).toMatchObject({ width: 180, height: 32 });
    expect((await oembed(page, '&maxwidth=100')).body.html).toContain('width="100" height="32"');
  });

  it('is 404 for URLs that are not Kudos things and 501 for formats other than json', async () => {
    const creator = await newPerson();
    expect((await oembed(`${ORIGIN}/things/999999999`)).status).toBe(404);
    expect((await oembed(`https://elsewhere.example/things/1`)).status).toBe(404);
    expect((await oembed(`${ORIGIN}/@${creator.handle}`)).status).toBe(404);
    expect((await oembed(`${ORIGIN}/thing?owner=no-such-person&url=https%3A%2F%2Fx.example`)).status).toBe(404);
    expect((await oembed('not a url')).status).toBe(404);
    expect((await anonymous.get('/oembed')).status).toBe(404);
    expect((await oembed(`${ORIGIN}/thing?owner=${creator.handle}&url=https%3A%2F%2Fx.example`, '&format=xml')).status).toBe(501);
  });
});
