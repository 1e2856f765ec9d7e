// A thing's page on Kudos: what the embed's plain link leads to, and what oEmbed consumers read.
import { BUTTON_SIZES } from '../../widget/common/options';
import type { ThingWithCounts } from '../store/things';

/** A thing with its counts; `thingId` is null until its first kudos registers it. */
export interface ThingView extends Omit<ThingWithCounts, 'id' | 'hidden'> {
  thingId: number | null;
  origin: string;
  /** False while the thing waits for its named owner to claim it. */
  claimed: boolean;
  /** Whether the owner verified the site the thing is on. */
  siteVerified: boolean;
}

/** The page's own address: /things/:id once the thing exists, before that /thing?owner&url. */
function thingPageUrl(origin: string, t: { thingId: number | null; owner: string; url: string }): string {
  return t.thingId !== null ? `${origin}/things/${t.thingId}` : `${origin}/thing?${new URLSearchParams({ owner: t.owner, url: t.url })}`;
}

function oembedDiscoveryHref(origin: string, pageUrl: string): string {
  return `${origin}/oembed?${new URLSearchParams({ url: pageUrl, format: 'json' })}`;
}

/** oEmbed discovery: a CMS given this page's address finds the embed here. */
export function ThingHead(t: ThingView) {
  const page = thingPageUrl(t.origin, t);
  return (
    <>
      <link rel="alternate" type="application/json+oembed" href={oembedDiscoveryHref(t.origin, page)} title={t.title} />
      <link rel="canonical" href={page} />
    </>
  );
}

export function ThingPage(t: ThingView) {
  const query = new URLSearchParams({ owner: t.owner, url: t.url, title: t.title });
  const [width, height] = BUTTON_SIZES.default;
  const give = new URLSearchParams({ owner: t.owner, url: t.url, title: t.title });
  return (
    <>
      <h1>{t.title}</h1>
      <p>
        <a href={t.url} rel="nofollow noopener">
          {t.url}
        </a>
      </p>
      <p>
        {t.claimed ? (
          <>
            By <a href={`/@${t.owner}`}>@{t.owner}</a>
            {!t.siteVerified && <span class="muted" data-testid="site-not-verified"> (site not verified)</span>} ·{' '}
          </>
        ) : null}
        <strong data-testid="count">{t.clicksTotal}</strong> kudos in all, {t.clicksThisMonth} this month
      </p>
      {!t.claimed && <p data-testid="waiting">Waiting for @{t.owner} to claim this page; kudos are held until then.</p>}
      <iframe class="button-frame" src={`/button?${query}`} width={width} height={height} title={`Kudos button for ${t.title}`} loading="lazy"></iframe>
      <p>
        <a href={`/give?${give}`}>Give kudos on a plain page</a> <span class="muted">(works without JavaScript)</span>
      </p>
      {t.thingId !== null && (
        <p class="muted">
          Badge: <img src={`/badge/thing/${t.thingId}.svg`} alt={`${t.clicksTotal} kudos`} height={20} />
        </p>
      )}
    </>
  );
}
