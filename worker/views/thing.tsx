// A thing's page on Kudos: what the embed's plain link leads to, and what oEmbed consumers read.
import { BUTTON_SIZES } from '../../widget/common/options';
import { cents, plural } from './format';

export interface ThingView {
  owner: string;
  url: string;
  title: string;
  thingId: number | null;
  clicksTotal: number;
  clicksThisMonth: number;
  origin: string;
  /** For a signed-in reader (not the owner): what their kudos is worth this month. */
  worth?: { worthCents: number; afterFeeCents: number; sharedAmong: number; currency: string; feePercent: number; kudosSoFar: number; alreadyGiven: boolean } | undefined;
}

/** The page's own address: /things/:id once the thing exists, before that /thing?owner&url. */
export function thingPageUrl(origin: string, t: { thingId: number | null; owner: string; url: string }): string {
  return t.thingId !== null ? `${origin}/things/${t.thingId}` : `${origin}/thing?${new URLSearchParams({ owner: t.owner, url: t.url })}`;
}

export function oembedDiscoveryHref(origin: string, pageUrl: string): string {
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
        By <a href={`/@${t.owner}`}>@{t.owner}</a> · <strong data-testid="count">{t.clicksTotal}</strong> kudos in all, {t.clicksThisMonth} this month
      </p>
      {t.worth && <Worth {...t.worth} />}
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

function Worth({ worthCents, afterFeeCents, currency, feePercent, kudosSoFar, alreadyGiven }: NonNullable<ThingView['worth']>) {
  const money = (n: number) => cents(n, currency);
  if (afterFeeCents === 0) {
    return (
      <p class="muted" data-testid="worth">
        Your kudos is worth nothing yet this month: <a href="/dashboard">set a monthly budget and add funds</a>.
      </p>
    );
  }
  const fee = `your ${money(afterFeeCents)} after the ${feePercent}% fee`;
  const why = alreadyGiven
    ? `${fee}, shared among your ${plural(kudosSoFar, 'kudos', 'kudos')} this month.`
    : kudosSoFar === 0
      ? `it would be your first this month, so it gets all of ${fee}. Each kudos after it shares that amount.`
      : `${fee}, shared among your ${plural(kudosSoFar, 'kudos', 'kudos')} so far and this one.`;
  return (
    <p data-testid="worth">
      {alreadyGiven ? 'Your kudos here is worth ' : 'A kudos from you is worth '}
      <strong>{money(worthCents)}</strong> this month: {why}
    </p>
  );
}
