// A thing's page on Kudos: what the embed's plain link leads to, and what oEmbed consumers read.
import type { ThingWithCounts } from '../store/things';
import type { KudosWorth, MonthGives } from '../domain/month-gives';
import { ButtonLink, ButtonScript } from './button/link';
import { formatCents } from './format';
import { givesNotes } from './month-gives';
import type { SiteWords } from './words';
import { SubscribeForm } from './subscriptions';
import type { SubscriptionWords } from './words/subscriptions';

/** A thing with its counts; `thingId` is null until its first kudos registers it. */
export interface ThingView extends Omit<ThingWithCounts, 'id' | 'hidden'> {
  thingId: number | null;
  origin: string;
  /** False while the thing waits for its named owner to claim it. */
  claimed: boolean;
  /** Whether the owner verified the site the thing is on. */
  siteVerified: boolean;
  /** For a signed-in reader (not the owner): what their kudos is worth this month. */
  w: SiteWords;
  worth?: { worth: KudosWorth; gives: MonthGives; currency: string; feePercent: number } | undefined;
  /** For a signed-in reader (not the owner) of a registered thing: the "give every month" form. */
  subscribe?: SubscriptionWords | undefined;
}

/** The page's own address: /things/:id once the thing exists, before that /thing?owner&url. */
function thingPageUrl(origin: string, t: { thingId: number | null; owner: string; url: string }): string {
  return t.thingId !== null ? `${origin}/things/${t.thingId}` : `${origin}/thing?${new URLSearchParams({ owner: t.owner, url: t.url })}`;
}

function oembedDiscoveryHref(origin: string, pageUrl: string): string {
  return `${origin}/oembed?${new URLSearchParams({ url: pageUrl, format: 'json' })}`;
}

/** oEmbed discovery: a CMS given this page's address finds the embed here. */
export function ThingHead(t: Pick<ThingView, 'origin' | 'thingId' | 'owner' | 'url' | 'title'>) {
  const page = thingPageUrl(t.origin, t);
  return (
    <>
      <link rel="alternate" type="application/json+oembed" href={oembedDiscoveryHref(t.origin, page)} title={t.title} />
      <link rel="canonical" href={page} />
    </>
  );
}

export function ThingPage(t: ThingView) {
  const words = t.w.thing;
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
            {words.by} <a href={`/@${t.owner}`}>@{t.owner}</a>
            {!t.siteVerified && (
              <span class="muted" data-testid="site-not-verified">
                {' '}
                (site not verified)
              </span>
            )}{' '}
            ·{' '}
          </>
        ) : null}
        <strong data-testid="count">{t.clicksTotal}</strong> {words.counts(t.clicksThisMonth)}
      </p>
      {!t.claimed && <p data-testid="waiting">Waiting for @{t.owner} to claim this page; kudos are held until then.</p>}
      {t.worth && <Worth {...t.worth} w={t.w} />}
      {t.subscribe && t.thingId !== null && <SubscribeForm thingId={t.thingId} w={t.subscribe} />}
      <p>
        {/* The button speaks the page's language. */}
        <ButtonLink thing={{ owner: t.owner, url: t.url, title: t.title }} look={{ lang: t.w.lang }} label={words.buttonTitle(t.title)} />
        <ButtonScript />
      </p>
      <p>
        <a href={`/give?${give}`}>{words.plain}</a> <span class="muted">{words.noJs}</span>
      </p>
      {t.thingId !== null && (
        <p class="muted">
          {words.badge} <img src={`/badge/thing/${t.thingId}.svg`} alt={`${t.clicksTotal} kudos`} height={20} />
        </p>
      )}
    </>
  );
}

function Worth({ worth, gives, currency, feePercent, w }: NonNullable<ThingView['worth']> & { w: SiteWords }) {
  const { worthCents, afterFeeCents, kudosSoFar, alreadyGiven } = worth;
  const words = w.thing;
  const money = (n: number) => formatCents(n, currency);
  if (gives.kind === 'settled') {
    return (
      <p class="muted" data-testid="worth">
        {w.gives.worthSettled}
      </p>
    );
  }
  if (afterFeeCents === 0) {
    return (
      <p class="muted" data-testid="worth">
        {words.worthNothing} <a href="/dashboard">{words.setBudget}</a>.
      </p>
    );
  }
  const fee = words.afterFee(money(afterFeeCents), feePercent);
  const why = alreadyGiven ? words.amongGiven(fee, kudosSoFar) : kudosSoFar === 0 ? words.first(fee) : words.amongSoFar(fee, kudosSoFar);
  return (
    <p data-testid="worth">
      {alreadyGiven ? words.worthHere : words.worthNew}
      <strong>{money(worthCents)}</strong>
      {words.thisMonth}
      {why}
      {givesNotes(gives, money, w).map((note) => ` ${note}`)}
    </p>
  );
}
