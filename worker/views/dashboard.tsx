// The signed-in person's home: money in and out, this month's kudos and what each will get.
import { monthOf, type Month } from '../domain/month';
import { monthlyGift, splitBudget } from '../domain/split';
import type { Config } from '../env';
import { type Account, listInvites } from '../store/accounts';
import type { Db } from '../store/db';
import { entriesOf, payoutsOf } from '../store/ledger';
import { monthSettledFor } from '../store/clicks';
import { pledgeOf, unreservedBalance } from '../store/pledges';
import { payoutAccountOf } from '../store/payments';
import { depositCostSentence, feeSentence } from '../domain/fees';
import { clicksOfGiver } from '../store/things';
import { amountPattern, exponentOf, money as moneyOf, moneyToInput } from '../domain/money';
import { formatCents, plural, utcTime } from './format';
import { CopyButton } from './layout';

export interface ProjectedClick {
  thingId: number;
  title: string;
  url: string;
  owner: string;
  at: number;
  shareCents: number;
}

export interface Projection {
  month: Month;
  amountCents: number;
  feeCents: number;
  /**
   * 'charity' when there are no clicks: the month's budget then goes to charity. 'settled': the
   * month is booked already (kudos count again next month), so nothing is projected.
   */
  kind: 'shares' | 'charity' | 'nothing' | 'settled';
  /** Whether the month's first kudos has reserved its amount (the month's pledge). */
  pledged: boolean;
  clicks: ProjectedClick[];
}

/**
 * What this month's settlement would book if it ran now: the same `splitBudget` over the same
 * amount and the same click order (by thing id) as the monthly run. The amount is what the
 * month's pledge reserved at its first kudos, or before that min(budget, unreserved balance).
 */
export async function projectMonth(db: Db, config: Config, me: Account, now: number): Promise<Projection> {
  const month = monthOf(now);
  const [given, pledge, free, settled] = await Promise.all([
    clicksOfGiver(db, me.id, month),
    pledgeOf(db, me.id, month),
    unreservedBalance(db, me.id),
    monthSettledFor(db.$client, me.id, month),
  ]);
  const clicks = given.sort((a, b) => a.thingId - b.thingId);
  if (settled) return { month, amountCents: 0, feeCents: 0, kind: 'settled', pledged: pledge !== undefined, clicks: [] };
  const amount = pledge ? moneyOf(pledge.reservedCents, config.currency) : monthlyGift(me.monthlyBudgetCents, free, config.currency);
  const base = { month, amountCents: amount.cents, pledged: pledge !== undefined };
  if (amount.cents === 0) return { ...base, feeCents: 0, kind: 'nothing', clicks: clicks.map((k) => ({ ...k, shareCents: 0 })) };
  const split = splitBudget({ amount, feePercent: config.feePercent, clicks, month });
  if (split.kind === 'charity') return { ...base, feeCents: 0, kind: 'charity', clicks: [] };
  return { ...base, feeCents: split.fee.cents, kind: 'shares', clicks: split.shares.map(({ click, amount: share }) => ({ ...click, shareCents: share.cents })) };
}

export interface MonthSummary {
  month: Month;
  givenCents: number;
  receivedCents: number;
}

export async function loadDashboard(db: Db, config: Config, me: Account, now: number) {
  const [projection, entries, payouts, invites, payoutAccount] = await Promise.all([
    projectMonth(db, config, me, now),
    entriesOf(db, me.id),
    payoutsOf(db, me.id),
    listInvites(db, me.id),
    payoutAccountOf(db, me.id),
  ]);
  const months = new Map<Month, MonthSummary>();
  for (const e of entries) {
    // A month's giving is its budget legs plus the fee the person paid on them.
    if (!e.month || (e.kind !== 'budget' && e.kind !== 'fee' && e.kind !== 'share')) continue;
    const summary = months.get(e.month) ?? { month: e.month, givenCents: 0, receivedCents: 0 };
    if (e.kind === 'budget' || e.kind === 'fee') summary.givenCents -= e.amountCents;
    else summary.receivedCents += e.amountCents;
    months.set(e.month, summary);
  }
  const settlements = [...months.values()].sort((a, b) => (a.month < b.month ? 1 : -1));
  const unreservedCents = await unreservedBalance(db, me.id);
  return { projection, settlements, payouts, invites, payoutAccount, unreservedCents };
}

type DashboardData = Awaited<ReturnType<typeof loadDashboard>>;

export function Dashboard({ me, config, data, origin }: { me: Account; config: Config; data: DashboardData; origin: string }) {
  const money = (n: number) => formatCents(n, config.currency);
  const { projection, settlements, payouts, invites, payoutAccount, unreservedCents } = data;
  const reservedCents = me.balanceCents - unreservedCents;
  // The click rule (README "Money"): a budget of at least the minimum, and for a month's first
  // kudos at least the minimum of balance no other month has reserved.
  const pledged = projection.pledged && projection.kind !== 'settled';
  const fundedForNextKudos = pledged || unreservedCents >= config.minBudgetCents;
  return (
    <>
      <h1>Hello, @{me.handle}</h1>
      <p>
        <a href="/dashboard/things">Your things and sites</a>
      </p>
      <section class="card" aria-labelledby="balance-h">
        <h2 id="balance-h">Balance</h2>
        <p class="big" data-testid="balance">
          {money(me.balanceCents)}
        </p>
        <p class="muted">
          Monthly budget: <strong data-testid="budget">{money(me.monthlyBudgetCents)}</strong>
          {me.monthlyBudgetCents >= config.minBudgetCents && !fundedForNextKudos && ` — add funds to give kudos: a month's first kudos needs at least ${money(config.minBudgetCents)} of free balance.`}
          {me.monthlyBudgetCents > unreservedCents && fundedForNextKudos && !pledged && ` — larger than your free balance: this month gives ${money(unreservedCents)}.`}
        </p>
        {reservedCents > 0 && (
          <p class="muted" data-testid="reserved">
            {money(reservedCents)} of it is reserved for the kudos you gave this month (paid to creators when the month is settled); payouts can take {money(unreservedCents)}.
          </p>
        )}
        <form class="inline" method="post" action="/dashboard/budget">
          <label>
            Monthly budget ({config.currency})
            <input name="budget" inputMode="decimal" required pattern={amountPattern(config.currency)} value={moneyToInput(moneyOf(me.monthlyBudgetCents, config.currency))} size={8} />
          </label>
          <button type="submit">Set budget</button>
        </form>
        <p class="muted">
          At least {money(config.minBudgetCents)}, or 0 to stop giving. It may be larger than your balance: a month gives your budget, or your balance when it is smaller, reserved at
          the month's first kudos and paid out on the 1st of the next month.
        </p>
        <p class="muted" data-testid="fee-example">
          {feeSentence(moneyOf(me.monthlyBudgetCents || Math.max(config.minBudgetCents, 500), config.currency), 10, config.feePercent)}
        </p>
        <form class="inline" method="post" action="/dashboard/deposit">
          <label>
            Add funds ({config.currency})
            <input name="amount" inputMode="decimal" required pattern={amountPattern(config.currency)} placeholder={moneyToInput(moneyOf(10 * 10 ** exponentOf(config.currency), config.currency))} size={8} />
          </label>
          <button type="submit">Deposit</button>
          {config.paymentProvider === 'dev' && <span class="muted">Development provider: no real money moves.</span>}
        </form>
        <p class="muted" data-testid="deposit-cost">
          {depositCostSentence(config.currency, config.cardFee, config.minDepositCents, me.monthlyBudgetCents || 500)}
        </p>
      </section>

      <section class="card" aria-labelledby="month-h">
        <h2 id="month-h">This month ({projection.month})</h2>
        <p data-testid="projection">{projectionSentence(projection, money, config.feePercent)}</p>
        {projection.clicks.length > 0 && (
          <div class="table-wrap">
            <table>
              <caption class="muted">If the month ended now</caption>
              <thead>
                <tr>
                  <th scope="col">Thing</th>
                  <th scope="col">By</th>
                  <th scope="col">Given</th>
                  <th scope="col" class="num">
                    Share
                  </th>
                </tr>
              </thead>
              <tbody>
                {projection.clicks.map((k) => (
                  <tr>
                    <td>
                      <a href={`/things/${k.thingId}`}>{k.title}</a>
                    </td>
                    <td>
                      <a href={`/@${k.owner}`}>@{k.owner}</a>
                    </td>
                    <td>{utcTime(k.at)}</td>
                    <td class="num" data-testid="share">
                      {money(k.shareCents)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section class="card" aria-labelledby="past-h">
        <h2 id="past-h">Past months</h2>
        {settlements.length === 0 ? (
          <p class="muted">Nothing settled yet. Each month is settled on the 1st of the next.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col" class="num">
                  You gave
                </th>
                <th scope="col" class="num">
                  You received
                </th>
              </tr>
            </thead>
            <tbody>
              {settlements.map((s) => (
                <tr data-month={s.month}>
                  <th scope="row">{s.month}</th>
                  <td class="num">{money(s.givenCents)}</td>
                  <td class="num">{money(s.receivedCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section class="card" aria-labelledby="payout-h">
        <h2 id="payout-h">Payouts</h2>
        {config.paymentProvider === 'stripe' && (
          <form class="inline" method="post" action="/dashboard/payout-account">
            <span class="muted">
              {payoutAccount?.payoutsEnabled
                ? `Payouts go to your Stripe account; at least ${money(config.minPayoutCents)} each.`
                : `Payouts go to a Stripe account in your name (at least ${money(config.minPayoutCents)} each).`}
            </span>
            <button type="submit" class={payoutAccount?.payoutsEnabled ? 'quiet' : undefined}>
              {payoutAccount?.payoutsEnabled ? 'Stripe account details' : payoutAccount ? 'Finish payout setup' : 'Set up payouts'}
            </button>
          </form>
        )}
        <form class="inline" method="post" action="/dashboard/payout">
          <label>
            Amount ({config.currency})
            <input name="amount" inputMode="decimal" required pattern={amountPattern(config.currency)} placeholder={moneyToInput(moneyOf(me.balanceCents, config.currency))} size={8} />
          </label>
          <button type="submit">Request payout</button>
        </form>
        {payouts.length > 0 && (
          <ul class="plain">
            {payouts.map((p) => (
              <li>
                {money(p.amountCents)} · {p.status} · requested {utcTime(p.createdAt)}
                {p.failureReason && ` · returned to your balance: ${p.failureReason}`}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="card" aria-labelledby="invites-h">
        <h2 id="invites-h">Invite codes</h2>
        <p class="muted">Kudos grows by invitation. Each code works once.</p>
        <ul class="plain">
          {invites.map((i) => {
            const link = `${origin}/signup?invite=${encodeURIComponent(i.code)}`;
            return (
              <li class="copy-row" data-invite={i.code} data-used={i.usedBy ? 'yes' : 'no'}>
                <code>{i.code}</code>
                {i.usedBy ? (
                  <span>
                    used by <a href={`/@${i.usedBy}`}>@{i.usedBy}</a>
                    {i.usedAt ? ` on ${utcTime(i.usedAt)}` : ''}
                  </span>
                ) : (
                  <>
                    <span class="muted">unused</span>
                    <CopyButton text={link} label={`Copy the sign-up link for invite ${i.code}`} />
                  </>
                )}
              </li>
            );
          })}
        </ul>
      </section>

      <section class="card" aria-labelledby="privacy-h">
        <h2 id="privacy-h">Profile</h2>
        <p>
          Your public profile <a href={`/@${me.handle}`}>/@{me.handle}</a> {me.showGiven ? 'shows' : 'does not show'} what you gave kudos to this month.
        </p>
        <form method="post" action="/dashboard/settings">
          <input type="hidden" name="show_given" value={me.showGiven ? 'false' : 'true'} />
          <button type="submit" class="quiet">
            {me.showGiven ? 'Hide what I give from my profile' : 'Show what I give on my profile'}
          </button>
        </form>
      </section>
    </>
  );
}

function projectionSentence(p: Projection, money: (n: number) => string, feePercent: number): string {
  if (p.kind === 'settled') return `${p.month} is settled already (see Past months); kudos you give count again from the 1st of next month.`;
  if (p.kind === 'nothing') return p.clicks.length ? `You gave ${plural(p.clicks.length, 'kudos', 'kudos')}, but there is no funded budget to share yet: set a budget and add funds.` : 'Set a monthly budget and add funds to start giving.';
  if (p.kind === 'charity') return `No kudos yet this month. If it stays that way, your ${money(p.amountCents)} goes to charity.`;
  const amounts = p.clicks.map((k) => k.shareCents);
  const low = Math.min(...amounts);
  const high = Math.max(...amounts);
  const each = low === high ? money(low) : `${money(low)} or ${money(high)}`;
  const whom = p.clicks.length === 1 ? 'the one thing you gave kudos to' : `each of your ${plural(p.clicks.length, 'thing')}`;
  return `Your ${money(p.amountCents)} gives ${whom} ${each} (after the ${feePercent}% fee of ${money(p.feeCents)}).`;
}
