// /give/once: a reader, member or not, gives an amount once to a thing, the fee said before paying.
import type { GiftWords } from './words/gifts';

export interface GiftPageProps {
  thing: { owner: string; url: string; title: string };
  lang: string;
  /** The terms for the smallest gift, in words (GiftWords.terms). */
  terms: string;
  minimum: string;
  /** The amount field's starting value, as typed (the minimum). */
  amount: string;
  email: string;
  /** The thing waits for its owner to claim it: the gift is held until then. */
  held: boolean;
  error?: string;
  w: GiftWords;
}

export function GiftPage(p: GiftPageProps) {
  const { thing, w } = p;
  return (
    <section class="card" aria-labelledby="gift-h">
      <h1 id="gift-h">{w.heading(thing.title, thing.owner)}</h1>
      <p class="muted">
        <a href={thing.url}>{thing.url}</a>
      </p>
      <p>{w.intro}</p>
      {p.error && (
        <p class="flash error" role="alert">
          {p.error}
        </p>
      )}
      <form class="stack" method="post" action="/give/once" data-testid="gift-form">
        <input type="hidden" name="owner" value={thing.owner} />
        <input type="hidden" name="url" value={thing.url} />
        <input type="hidden" name="title" value={thing.title} />
        <input type="hidden" name="lang" value={p.lang} />
        <label for="gift-amount">{w.amountLabel(p.minimum)}</label>
        <input id="gift-amount" name="amount" inputMode="decimal" required value={p.amount} />
        <label for="gift-email">{w.emailLabel}</label>
        <input id="gift-email" name="email" type="email" autocomplete="email" required value={p.email} aria-describedby="gift-email-hint" />
        <p id="gift-email-hint" class="muted">
          {w.emailHint}
        </p>
        <p data-testid="gift-terms">{p.terms}</p>
        {p.held && <p class="muted">{w.held(thing.owner)}</p>}
        <button type="submit">{w.pay}</button>
      </form>
    </section>
  );
}
