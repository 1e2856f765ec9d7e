// The public payday record (/about/stats): each settled month's figures from the ledger, the
// newest first and on its own, then the earlier ones. Label and value rows rather than a wide
// table, so a month reads the same at 390 px as on a desk.
import { formatMoney } from '../domain/money';
import { monthStart } from '../domain/month';
import type { BooksVerdict, PaydayMonth } from '../domain/payday';
import type { SiteLang } from './words';
import type { PaydayWords } from './words/payday';

export function PaydayPage({ months, lang, w }: { months: PaydayMonth[]; lang: SiteLang; w: PaydayWords }) {
  const [latest, ...earlier] = months;
  return (
    <>
      <h1>{w.h}</h1>
      <p>{w.intro}</p>
      <p>
        {w.api} <a href="/api/v1/stats">/api/v1/stats</a>
      </p>
      {latest ? (
        <>
          <h2>{w.latest}</h2>
          <Month month={latest} lang={lang} w={w} />
          {earlier.length > 0 && <h2>{w.earlier}</h2>}
          {earlier.map((month) => (
            <Month month={month} lang={lang} w={w} />
          ))}
        </>
      ) : (
        <p class="muted" data-testid="payday-empty">
          {w.empty}
        </p>
      )}
    </>
  );
}

function Month({ month: m, lang, w }: { month: PaydayMonth; lang: SiteLang; w: PaydayWords }) {
  const amount = (money: PaydayMonth['given']) => formatMoney(money, lang);
  const count = (n: number) => n.toLocaleString(lang);
  const verdict = (v: BooksVerdict | null) => (v === null ? w.verdicts.unchecked : w.verdicts[v]);
  const name = new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(monthStart(m.month));
  const rows: [string, string, string][] = [
    ['givers', w.givers, count(m.givers)],
    ['creators-paid', w.creatorsPaid, count(m.creatorsPaid)],
    ['things', w.things, count(m.things)],
    ['kudos', w.kudos, count(m.kudos)],
    ['given', w.given, amount(m.given)],
    ['fee', w.fee, amount(m.fee)],
    ['charity', w.charity, amount(m.charity)],
    ['held', w.held, w.kudosAndAmount(m.held.kudos, amount(m.held.amount))],
    ['returned', w.returned, w.kudosAndAmount(m.returned.kudos, amount(m.returned.amount))],
    ['self-check', w.selfCheck, w.checks(verdict(m.books.before), verdict(m.books.after))],
  ];
  const off = m.books.before === 'off' || m.books.after === 'off';
  return (
    <section class="card" aria-labelledby={`payday-${m.month}`} data-month={m.month}>
      <h3 id={`payday-${m.month}`}>
        <time dateTime={m.month}>{name}</time>
      </h3>
      <table>
        <tbody>
          {rows.map(([key, label, value]) => (
            <tr data-figure={key}>
              <th scope="row">{label}</th>
              <td class={key === 'self-check' && off ? 'num out' : 'num'}>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
