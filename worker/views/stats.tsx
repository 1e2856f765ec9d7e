// The creator's stats: clicks and earnings per month and per day, per thing, for a date range.
import type { Account } from '../store/accounts';
import { barChartSvg } from './chart';
import { formatCents, utcTime } from './format';
import { CopyButton } from './layout';
import { badgeMarkdown, embedSnippet } from './snippet';
import type { DateRange, Series, ThingStats } from '../domain/stats';
import type { SiteWords } from './words';

export interface StatsView {
  me: Account;
  origin: string;
  currency: string;
  range: DateRange;
  months: Series;
  days: Series;
  things: ThingStats[];
  w: SiteWords;
}

export function StatsPage({ me, origin, currency, range, months, days, things, w }: StatsView) {
  const t = w.stats;
  const money = (n: number) => formatCents(n, currency);
  const count = (n: number) => String(n);
  const totalClicks = things.reduce((s, t) => s + t.clicks, 0);
  const totalEarnings = things.reduce((s, t) => s + t.earningsCents, 0);
  const pending = things.reduce((s, t) => s + t.clicks - t.settledClicks, 0);
  const csvHref = `/stats.csv?from=${range.from}&to=${range.to}`;
  return (
    <>
      <h1>{t.h}</h1>
      <form class="inline" method="get" action="/stats" aria-label={t.range}>
        <label>
          {t.from}
          <input type="date" name="from" value={range.from} />
        </label>
        <label>
          {t.to}
          <input type="date" name="to" value={range.to} />
        </label>
        <button type="submit">{t.show}</button>
        <a href={csvHref} download>
          {t.csv}
        </a>
      </form>
      {things.length === 0 ? (
        <EmptyState handle={me.handle} origin={origin} w={w} />
      ) : (
        <>
          <p>
            {t.summary(range.from, range.to)}
            <strong data-testid="total-clicks">{t.kudos(totalClicks)}</strong>
            {t.earning}
            <strong data-testid="total-earnings">{money(totalEarnings)}</strong>.{pending > 0 && t.pending(pending)}
          </p>
          <h2>{t.perMonth}</h2>
          <Chart
            caption={t.earnings}
            svg={barChartSvg({ id: 'chart-month-earnings', title: t.monthEarningsTitle, bars: months.earnings, formatValue: money })}
          />
          <Chart caption={t.kudosCaption} svg={barChartSvg({ id: 'chart-month-clicks', title: t.monthClicksTitle, bars: months.clicks, formatValue: count })} />
          <h2>{t.perDay}</h2>
          <Chart caption={t.dayEarnings} svg={barChartSvg({ id: 'chart-day-earnings', title: t.dayEarningsTitle, bars: days.earnings, formatValue: money })} />
          <Chart caption={t.kudosCaption} svg={barChartSvg({ id: 'chart-day-clicks', title: t.dayClicksTitle, bars: days.clicks, formatValue: count })} />
          <h2>{t.perThing}</h2>
          <div class="table-wrap">
            <table data-testid="things">
              <thead>
                <tr>
                  <th scope="col">{t.thing}</th>
                  <th scope="col" class="num">
                    {t.kudosCaption}
                  </th>
                  <th scope="col" class="num">
                    {t.earnings}
                  </th>
                  <th scope="col">{t.first}</th>
                  <th scope="col">{t.last}</th>
                </tr>
              </thead>
              <tbody>
                {things.map((t) => (
                  <tr data-thing={t.id} data-earnings-cents={t.earningsCents}>
                    <th scope="row">
                      <a href={`/things/${t.id}`}>{t.title}</a>
                    </th>
                    <td class="num">{t.clicks}</td>
                    <td class="num">{money(t.earningsCents)}</td>
                    <td>{t.firstAt === null ? '—' : utcTime(t.firstAt)}</td>
                    <td>{t.lastAt === null ? '—' : utcTime(t.lastAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <details>
            <summary>{t.embed}</summary>
            <Snippets handle={me.handle} origin={origin} w={w} />
          </details>
        </>
      )}
    </>
  );
}

function Chart({ caption, svg }: { caption: string; svg: string }) {
  return (
    <figure class="card chart-card">
      <figcaption>{caption}</figcaption>
      {/* Built by barChartSvg, which escapes every piece of text it writes. */}
      <div dangerouslySetInnerHTML={{ __html: svg }} />
    </figure>
  );
}

function EmptyState({ handle, origin, w }: { handle: string; origin: string; w: SiteWords }) {
  return (
    <section class="card" data-testid="empty-state">
      <h2>{w.stats.emptyH}</h2>
      <p>{w.stats.emptyP}</p>
      <p>
        {w.stats.more} <a href="/get-your-button">{w.titles.button}</a>
      </p>
      <Snippets handle={handle} origin={origin} w={w} />
    </section>
  );
}

function Snippets({ handle, origin, w }: { handle: string; origin: string; w: SiteWords }) {
  const t = w.stats;
  const snippet = embedSnippet(origin, handle);
  const badge = badgeMarkdown(origin, handle);
  return (
    <>
      <div class="copy-row">
        <strong id="snippet-h">{t.button}</strong>
        <CopyButton text={snippet} label={w.setup.copyCode} caption={w.setup.copy} copied={w.setup.copied} />
      </div>
      <pre data-testid="snippet">{snippet}</pre>
      <div class="copy-row">
        <strong id="badge-h">{t.badge}</strong>
        <CopyButton text={badge} label={w.setup.copyBadge} caption={w.setup.copy} copied={w.setup.copied} />
      </div>
      <pre>{badge}</pre>
      <p class="muted">{t.oembed}</p>
    </>
  );
}
