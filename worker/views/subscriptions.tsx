// Subscriptions: the page that lists them (/subscriptions) and the thing page's form that starts one.
import { SUBSCRIPTION_MONTHS } from '../domain/subscriptions';
import type { SubscriptionWords } from './words/subscriptions';

/** One subscription as the page shows it. */
export interface SubscriptionRow {
  id: number;
  thingId: number;
  title: string;
  owner: string;
  months: number | null;
  monthsGiven: number;
  nextMonth: string;
  lastRefusal: string | null;
  endReason: 'stopped' | 'finished' | 'cannot_continue' | null;
}

export function SubscriptionsPage({ rows, w }: { rows: SubscriptionRow[]; w: SubscriptionWords }) {
  const running = rows.filter((r) => r.endReason === null);
  const ended = rows.filter((r) => r.endReason !== null);
  return (
    <>
      <h1>{w.title}</h1>
      <p class="muted">{w.intro}</p>
      {rows.length === 0 && <p data-testid="no-subscriptions">{w.none}</p>}
      {running.length > 0 && (
        <section class="card" aria-labelledby="running-h">
          <h2 id="running-h">{w.running}</h2>
          <RunningSubscriptions rows={running} w={w} />
        </section>
      )}
      {ended.length > 0 && (
        <section class="card" aria-labelledby="ended-h">
          <h2 id="ended-h">{w.ended}</h2>
          <ul class="plain" data-testid="ended">
            {ended.map((r) => (
              <li>
                <a href={`/things/${r.thingId}`}>{r.title}</a>{' '}
                <span class="muted">
                  {w.given(r.monthsGiven)} · {r.endReason && w.endedWhy[r.endReason]}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** Running subscriptions, each with how long, what it gave, the next month, and a stop button (this page and the dashboard). */
export function RunningSubscriptions({ rows, w }: { rows: SubscriptionRow[]; w: SubscriptionWords }) {
  return (
    <ul class="plain" data-testid="running">
      {rows.map((r) => (
        <li>
          <a href={`/things/${r.thingId}`}>{r.title}</a> <span class="muted">@{r.owner}</span>
          <br />
          <span class="muted">
            {w.length(r.months)} · {w.given(r.monthsGiven)} · {w.next(r.nextMonth)}
            {r.lastRefusal && ` · ${w.refused(r.lastRefusal)}`}
          </span>
          <form method="post" action={`/subscriptions/${r.id}/stop`} class="inline">
            <button type="submit" class="quiet">
              {w.stop}
            </button>
          </form>
        </li>
      ))}
    </ul>
  );
}

/** The thing page's "give every month" form, for a signed-in reader who is not its owner. */
export function SubscribeForm({ thingId, w }: { thingId: number; w: SubscriptionWords }) {
  return (
    <section class="card" aria-labelledby="subscribe-h">
      <h2 id="subscribe-h">{w.formH}</h2>
      <p class="muted">{w.formIntro}</p>
      <form method="post" action={`/subscriptions?thing=${thingId}`} data-testid="subscribe-form">
        <label for="subscribe-months">{w.forLabel}</label>{' '}
        <select id="subscribe-months" name="months">
          {SUBSCRIPTION_MONTHS.map((m) => (
            <option value={m === null ? '' : String(m)} selected={m === null}>
              {w.length(m)}
            </option>
          ))}
        </select>{' '}
        <button type="submit">{w.start}</button>
      </form>
    </section>
  );
}
