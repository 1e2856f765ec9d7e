// The signed-in person's home: money in and out, this month's kudos and what each will get.
import type { ComponentChildren } from 'preact';
import { addMonths, monthOf, monthStart, type Month } from '../domain/month';
import { describeMovement, monthName, settlesOn, type Movement } from '../domain/movements';
import { monthlyGift, splitBudget } from '../domain/split';
import type { Config } from '../env';
import { type Account, listInvites } from '../store/accounts';
import type { Db } from '../store/db';
import { entriesOf, payoutsOf } from '../store/ledger';
import { monthSettledFor } from '../store/clicks';
import { pledgeOf, unreservedBalance } from '../store/pledges';
import { requestsNaming } from '../store/invite-requests';
import { movementMonths, movementsOf } from '../store/movements';
import { payoutAccountOf } from '../store/payments';
import { profileOf } from '../store/profiles';
import { clicksOfGiver, thingsOfOwner } from '../store/things';
import { avatarUrl } from '../domain/profile';
import { depositCostSentence, feeSentence } from '../domain/fees';
import { amountPattern, exponentOf, money as moneyOf, moneyToInput } from '../domain/money';
import { formatCents, utcTime } from './format';
import { CopyButton } from './layout';
import type { SiteWords } from './words';

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
  return {
    ...base,
    feeCents: split.fee.cents,
    kind: 'shares',
    clicks: split.shares.map(({ click, amount: share }) => ({ ...click, shareCents: share.cents })),
  };
}

export interface MonthSummary {
  month: Month;
  givenCents: number;
  receivedCents: number;
}

/** The transactions shown: one month (the asked one, else the latest with movements) and its neighbours. */
async function loadMovements(db: Db, me: Account, asked: Month | undefined) {
  const months = await movementMonths(db, me.id);
  const month = asked ?? months[0];
  if (!month) return { month: null, movements: [] as Movement[], newer: null, older: null };
  const movements = await movementsOf(db, me.id, monthStart(month), monthStart(addMonths(month, 1)));
  return { month, movements, newer: months.filter((m) => m > month).at(-1) ?? null, older: months.find((m) => m < month) ?? null };
}

export async function loadDashboard(db: Db, config: Config, me: Account, now: number, txMonth?: Month) {
  const month = monthOf(now);
  const [projection, entries, payouts, invites, payoutAccount, movements, profile, askedMe, myThings] = await Promise.all([
    projectMonth(db, config, me, now),
    entriesOf(db, me.id),
    payoutsOf(db, me.id),
    listInvites(db, me.id),
    payoutAccountOf(db, me.id),
    loadMovements(db, me, txMonth),
    profileOf(db, me.id),
    requestsNaming(db, me.handle),
    thingsOfOwner(db, me.id, month),
  ]);
  const kudosToMe = myThings.reduce((n, t) => n + t.clicksThisMonth, 0);
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
  return { projection, settlements, payouts, invites, payoutAccount, movements, profile, askedMe, kudosToMe, unreservedCents };
}

type DashboardData = Awaited<ReturnType<typeof loadDashboard>>;

export function Dashboard({ me, config, data, origin, w }: { me: Account; config: Config; data: DashboardData; origin: string; w: SiteWords }) {
  const d = w.dash;
  const money = (n: number) => formatCents(n, config.currency);
  const { projection, settlements, payouts, invites, payoutAccount, movements, profile, askedMe, kudosToMe, unreservedCents } = data;
  const spareCodes = invites.filter((i) => !i.usedBy).length;
  const reservedCents = me.balanceCents - unreservedCents;
  // The click rule (README "The budget rule"): a budget of at least the minimum, and for a month's
  // first kudos at least the minimum of balance no other month has reserved.
  const pledged = projection.pledged && projection.kind !== 'settled';
  const fundedForNextKudos = pledged || unreservedCents >= config.minBudgetCents;
  // What the browser shows under "Please match the requested format" (the fields' `title`).
  const amountHint = d.amountHint(moneyToInput(moneyOf(5 * 10 ** exponentOf(config.currency), config.currency)));
  return (
    <>
      <h1>
        {d.hello} {profile.displayName || `@${me.handle}`}
      </h1>
      <p class="copy-row">
        <a class="button" href="/get-your-button">
          {w.titles.button}
        </a>
        <span class="muted">{d.buttonBlurb}</span>
      </p>
      <p>
        <a href="/dashboard/things">Your things and sites</a>
      </p>
      <section class="card" aria-labelledby="balance-h">
        <h2 id="balance-h">{d.balance}</h2>
        <p class="big" data-testid="balance">
          {money(me.balanceCents)}
        </p>
        <p class="muted">
          {d.budgetIs} <strong data-testid="budget">{money(me.monthlyBudgetCents)}</strong>
          {me.monthlyBudgetCents >= config.minBudgetCents && !fundedForNextKudos && d.needsFreeBalance(money(config.minBudgetCents))}
          {me.monthlyBudgetCents > unreservedCents && fundedForNextKudos && !pledged && d.overFreeBalance(money(unreservedCents))}
        </p>
        {reservedCents > 0 && (
          <p class="muted" data-testid="reserved">
            {d.reserved(money(reservedCents), money(unreservedCents))}
          </p>
        )}
        <AmountForm
          action="/dashboard/budget"
          name="budget"
          label={d.budgetLabel}
          submit={d.setBudget}
          currency={config.currency}
          hint={amountHint}
          value={me.monthlyBudgetCents}
        />
        <p class="muted">
          {d.atLeast} {money(config.minBudgetCents)}, {d.budgetHint}
        </p>
        <p class="muted" data-testid="fee-example">
          {feeSentence(moneyOf(me.monthlyBudgetCents || Math.max(config.minBudgetCents, 500), config.currency), 10, config.feePercent, w.lang)}
        </p>
        <AmountForm
          action="/dashboard/deposit"
          name="amount"
          label={d.addFunds}
          submit={d.deposit}
          currency={config.currency}
          hint={amountHint}
          placeholder={10 * 10 ** exponentOf(config.currency)}
        >
          {config.paymentProvider === 'dev' && <span class="muted">{d.devProvider}</span>}
        </AmountForm>
        <p class="muted" data-testid="deposit-cost">
          {depositCostSentence(config.currency, config.cardFee, config.minDepositCents, me.monthlyBudgetCents || 500, w.lang)}
        </p>
      </section>

      <section class="card" aria-labelledby="month-h">
        <h2 id="month-h">
          {d.thisMonth} ({projection.month})
        </h2>
        <p data-testid="projection">{projectionSentence(projection, money, config.feePercent, w)}</p>
        {projection.clicks.length > 0 && (
          <div class="table-wrap">
            <table>
              <caption class="muted">{d.ifEnded}</caption>
              <thead>
                <tr>
                  <th scope="col">{d.thing}</th>
                  <th scope="col">{d.by}</th>
                  <th scope="col">{d.given}</th>
                  <th scope="col" class="num">
                    {d.share}
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

      <section class="card" aria-labelledby="transactions-h" id="transactions">
        <h2 id="transactions-h">{d.transactions}</h2>
        <p data-testid="pending">
          {d.pending} {pendingSentence(projection, kudosToMe, money, w)} {d.settlesOn} {settlesOn(projection.month, w.movements)}.
        </p>
        {movements.month === null ? (
          <p class="muted">{d.nothingMoved}</p>
        ) : (
          <>
            <h3>{`${monthName(movements.month, w.movements)} ${movements.month.slice(0, 4)}`}</h3>
            <ul class="plain" data-testid="movements">
              {movements.movements.map((m) => (
                <li data-kind={m.transactionKind} data-cents={m.amountCents}>
                  <span>{describeMovement(m, config.currency, config.charityHandle, w.movements)}</span>{' '}
                  <span class={`num ${m.amountCents < 0 ? 'out' : 'in'}`}>
                    {m.amountCents < 0 ? '−' : '+'}
                    {money(Math.abs(m.amountCents))}
                  </span>
                </li>
              ))}
            </ul>
            <nav class="copy-row" aria-label={d.txMonths}>
              {movements.newer && (
                <a href={`/dashboard?tx=${movements.newer}#transactions`}>
                  ← {monthName(movements.newer, w.movements)} {movements.newer.slice(0, 4)}
                </a>
              )}
              {movements.older && (
                <a href={`/dashboard?tx=${movements.older}#transactions`}>
                  {monthName(movements.older, w.movements)} {movements.older.slice(0, 4)} →
                </a>
              )}
              <a href="/dashboard/transactions.csv" download>
                {d.csv}
              </a>
            </nav>
          </>
        )}
      </section>

      <section class="card" aria-labelledby="past-h">
        <h2 id="past-h">{d.past}</h2>
        {settlements.length === 0 ? (
          <p class="muted">{d.nothingSettled}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{d.month}</th>
                <th scope="col" class="num">
                  {d.youGave}
                </th>
                <th scope="col" class="num">
                  {d.youReceived}
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
        <h2 id="payout-h">{d.payouts}</h2>
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
        <AmountForm
          action="/dashboard/payout"
          name="amount"
          label={d.amount}
          submit={d.requestPayout}
          currency={config.currency}
          hint={amountHint}
          placeholder={me.balanceCents}
        />
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
        <h2 id="invites-h">{d.invites}</h2>
        <p class="muted">{d.invitesHint}</p>
        {askedMe.length > 0 && (
          <div data-testid="asked-me">
            <h3>{d.askedYou}</h3>
            <ul class="plain">
              {askedMe.map((r) => (
                <li class="copy-row">
                  <span>
                    {r.email}
                    {r.note && <span class="muted"> — “{r.note}”</span>}
                  </span>
                  {spareCodes > 0 ? (
                    <form method="post" action={`/dashboard/invite-requests/${r.id}/send`}>
                      <button type="submit" class="quiet" aria-label={`Send ${r.email} one of your codes`}>
                        {d.sendCode}
                      </button>
                    </form>
                  ) : (
                    <span class="muted">{d.noCodes}</span>
                  )}
                </li>
              ))}
            </ul>
          </div>
        )}
        <ul class="plain">
          {invites.map((i) => {
            const link = `${origin}/signup?invite=${encodeURIComponent(i.code)}`;
            return (
              <li class="copy-row" data-invite={i.code} data-used={i.usedBy ? 'yes' : 'no'}>
                <code>{i.code}</code>
                {i.usedBy ? (
                  <span>
                    {d.usedBy} <a href={`/@${i.usedBy}`}>@{i.usedBy}</a>
                    {i.usedAt ? ` on ${utcTime(i.usedAt)}` : ''}
                  </span>
                ) : (
                  <>
                    <span class="muted">{d.unused}</span>
                    <CopyButton text={link} label={`Copy the sign-up link for invite ${i.code}`} />
                  </>
                )}
              </li>
            );
          })}
        </ul>
      </section>

      <section class="card" aria-labelledby="profile-h">
        <h2 id="profile-h">{d.profile}</h2>
        <div class="profile">
          <img class="avatar" src={avatarUrl(me.handle, profile.avatarVersion)} alt={d.yourPicture} width={64} height={64} />
          <form method="post" action="/dashboard/avatar" enctype="multipart/form-data" class="inline">
            <label>
              {d.pictureLabel}
              <input type="file" name="picture" accept="image/png,image/jpeg,image/webp,image/gif" required />
            </label>
            <button type="submit">{d.upload}</button>
          </form>
          {profile.avatarType && (
            <form method="post" action="/dashboard/avatar/remove">
              <button type="submit" class="quiet">
                {d.useGenerated}
              </button>
            </form>
          )}
        </div>
        <form class="stack wide" method="post" action="/dashboard/profile">
          <label>
            {d.displayName}
            <input name="display_name" maxLength={60} value={profile.displayName} autocomplete="name" />
          </label>
          <label>
            {d.bio}
            <textarea name="bio" maxLength={280} rows={3}>
              {profile.bio}
            </textarea>
          </label>
          <label>
            {d.links}
            <textarea name="links" rows={3}>
              {profile.links}
            </textarea>
          </label>
          <button type="submit">{d.saveProfile}</button>
        </form>
      </section>

      <section class="card" aria-labelledby="privacy-h">
        <h2 id="privacy-h">{d.privacy}</h2>
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

function projectionSentence(p: Projection, money: (n: number) => string, feePercent: number, w: SiteWords): string {
  const t = w.money;
  if (p.kind === 'settled') return t.projectionSettled(p.month);
  if (p.kind === 'nothing') return p.clicks.length ? t.projectionUnfunded(p.clicks.length) : t.projectionStart;
  if (p.kind === 'charity') return t.projectionCharity(money(p.amountCents));
  const amounts = p.clicks.map((k) => k.shareCents);
  const low = Math.min(...amounts);
  const high = Math.max(...amounts);
  const each = low === high ? money(low) : w.movements.either(money(low), money(high));
  return t.projection(money(p.amountCents), p.clicks.length, each, feePercent, money(p.feeCents));
}

function pendingSentence(p: Projection, kudosToMe: number, money: (n: number) => string, w: SiteWords): string {
  const t = w.money;
  const giving =
    p.kind === 'shares'
      ? t.pendingGive(p.clicks.length, money(p.amountCents - p.feeCents), money(p.feeCents))
      : p.kind === 'charity'
        ? t.pendingCharity(money(p.amountCents))
        : t.pendingNothing;
  return giving + (kudosToMe > 0 ? t.pendingReceive(kudosToMe) : '');
}

/** A one-field money form: the amount typed in the currency's own decimals (`amountPattern`). */
function AmountForm(props: {
  action: string;
  name: string;
  label: string;
  submit: string;
  currency: string;
  /** How to write an amount, in words: the browser adds it to its "match the requested format". */
  hint: string;
  /** Minor units shown as the field's value, or as its placeholder. */
  value?: number;
  placeholder?: number;
  children?: ComponentChildren;
}) {
  const shown = (cents: number | undefined) => (cents === undefined ? undefined : moneyToInput(moneyOf(cents, props.currency)));
  return (
    <form class="inline" method="post" action={props.action}>
      <label>
        {props.label} ({props.currency})
        <input
          name={props.name}
          inputMode="decimal"
          required
          pattern={amountPattern(props.currency)}
          title={props.hint}
          value={shown(props.value)}
          placeholder={shown(props.placeholder)}
          size={8}
        />
      </label>
      <button type="submit">{props.submit}</button>
      {props.children}
    </form>
  );
}
