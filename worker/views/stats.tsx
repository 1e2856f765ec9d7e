// The creator's stats: clicks and earnings per month and per day, per thing, for a date range.
import type { Account } from '../store/accounts';
import { barChartSvg } from './chart';
import { formatCents, plural, utcTime } from './format';
import { CopyButton } from './layout';
import { badgeMarkdown, embedSnippet } from './snippet';
import type { DateRange, Series, ThingStats } from '../domain/stats';

export interface StatsView {
  me: Account;
  origin: string;
  currency: string;
  range: DateRange;
  months: Series;
  days: Series;
  things: ThingStats[];
}

export function StatsPage({ me, origin, currency, range, months, days, things }: StatsView) {
  const money = (n: number) => formatCents(n, currency);
  const count = (n: number) => String(n);
  const totalClicks = things.reduce((s, t) => s + t.clicks, 0);
  const totalEarnings = things.reduce((s, t) => s + t.earningsCents, 0);
  const pending = things.reduce((s, t) => s + t.clicks - t.settledClicks, 0);
  const csvHref = `/stats.csv?from=${range.from}&to=${range.to}`;
  return (
    <>
      <h1>Your stats</h1>
      <form class="inline" method="get" action="/stats" aria-label="Date range">
        <label>
          From
          <input type="date" name="from" value={range.from} />
        </label>
        <label>
          To
          <input type="date" name="to" value={range.to} />
        </label>
        <button type="submit">Show</button>
        <a href={csvHref} download>
          Download CSV
        </a>
      </form>
      {things.length === 0 ? (
        <EmptyState handle={me.handle} origin={origin} />
      ) : (
        <>
          <p>
            From {range.from} to {range.to}: <strong data-testid="total-clicks">{plural(totalClicks, 'kudos', 'kudos')}</strong>, earning{' '}
            <strong data-testid="total-earnings">{money(totalEarnings)}</strong>.
            {pending > 0 && ` ${plural(pending, 'kudos', 'kudos')} of months not settled yet will earn on the 1st of the next month.`}
          </p>
          <h2>Per month</h2>
          <Chart caption="Earnings" svg={barChartSvg({ id: 'chart-month-earnings', title: 'Earnings per month', bars: months.earnings, formatValue: money })} />
          <Chart caption="Kudos" svg={barChartSvg({ id: 'chart-month-clicks', title: 'Kudos per month', bars: months.clicks, formatValue: count })} />
          <h2>Per day</h2>
          <Chart caption="Earnings, on the day each kudos was given" svg={barChartSvg({ id: 'chart-day-earnings', title: 'Earnings per day (by the day the kudos was given)', bars: days.earnings, formatValue: money })} />
          <Chart caption="Kudos" svg={barChartSvg({ id: 'chart-day-clicks', title: 'Kudos per day', bars: days.clicks, formatValue: count })} />
          <h2>Per thing</h2>
          <div class="table-wrap">
            <table data-testid="things">
              <thead>
                <tr>
                  <th scope="col">Thing</th>
                  <th scope="col" class="num">
                    Kudos
                  </th>
                  <th scope="col" class="num">
                    Earnings
                  </th>
                  <th scope="col">First kudos</th>
                  <th scope="col">Last kudos</th>
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
            <summary>Embed code and badge</summary>
            <Snippets handle={me.handle} origin={origin} />
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

function EmptyState({ handle, origin }: { handle: string; origin: string }) {
  return (
    <section class="card" data-testid="empty-state">
      <h2>No kudos yet — put a button on your pages</h2>
      <p>
        Paste this where a post or page ends; replace the example address with the page's own. A thing appears here after its first kudos, and your
        earnings after the month it was given in is settled on the 1st.
      </p>
      <Snippets handle={handle} origin={origin} />
    </section>
  );
}

function Snippets({ handle, origin }: { handle: string; origin: string }) {
  const snippet = embedSnippet(origin, handle);
  const badge = badgeMarkdown(origin, handle);
  return (
    <>
      <div class="copy-row">
        <strong id="snippet-h">Button</strong>
        <CopyButton text={snippet} label="Copy the button code" />
      </div>
      <pre data-testid="snippet">
        {snippet}
      </pre>
      <div class="copy-row">
        <strong id="badge-h">Badge for a README</strong>
        <CopyButton text={badge} label="Copy the badge code" />
      </div>
      <pre>{badge}</pre>
      <p class="muted">In WordPress or any CMS that reads oEmbed, pasting a thing's Kudos page address embeds its button.</p>
    </>
  );
}
