// The signed-in person's home: money in and out, this month's kudos and what each will get.
import type { ComponentChildren } from 'preact';
import { amountOf } from '../domain/month-gives';
import { describeMovement, monthName, settlesOn } from '../domain/movements';
import type { Month } from '../domain/month';
import type { MonthGives } from '../domain/month-gives';
import type { monthSummaries, Movement } from '../domain/movements';
import type { WaitingSite } from '../domain/waiting';
import type { Account, listInvites } from '../store/accounts';
import type { factorsOf } from '../store/factors';
import type { requestsNaming } from '../store/invite-requests';
import type { payoutsOf } from '../store/ledger';
import type { payoutAccountOf } from '../store/payments';
import type { profileOf } from '../store/profiles';
import { SecondFactorFields } from './security';
import { avatarUrl } from '../domain/profile';
import { depositCostSentence, feeSentence } from '../domain/fees';
import { amountPattern, exponentOf, money as moneyOf, moneyToInput } from '../domain/money';
import { formatCents, utcTime } from './format';
import { CopyButton } from './layout';
import { WaitingSites } from './waiting';
import { givesNotes, pendingSentence, projectionSentence } from './month-gives';
import type { SiteWords } from './words';
import { SUBSCRIPTION_WORDS } from './words/subscriptions';
import { APP_WORDS } from './words/apps';
import { WEBHOOK_WORDS } from './words/webhooks';
import { RunningSubscriptions, type SubscriptionRow } from './subscriptions';

type Rows<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

/** Everything the dashboard shows (actions/dashboard.ts reads it in one go). */
export interface DashboardData {
  gives: MonthGives;
  settlements: ReturnType<typeof monthSummaries>;
  payouts: Rows<typeof payoutsOf>;
  invites: Rows<typeof listInvites>;
  payoutAccount: Rows<typeof payoutAccountOf>;
  movements: { month: Month | null; movements: Movement[]; newer: Month | null; older: Month | null };
  profile: Rows<typeof profileOf>;
  askedMe: Rows<typeof requestsNaming>;
  /** Kudos this month to the person's own things. */
  kudosToMe: number;
  unreservedCents: number;
  /** What this month's and earlier months' unsettled pledges hold of the balance. */
  reservedCents: number;
  waiting: WaitingSite[];
  factors: Rows<typeof factorsOf>;
  /** Payouts ask for a code or a passkey. */
  secondFactorOn: boolean;
  /** The subscriptions still running. */
  subscriptions: SubscriptionRow[];
}

/** The settings the dashboard's sentences and forms depend on (a part of the Worker's Config). */
export interface DashboardSettings {
  currency: string;
  feePercent: number;
  minBudgetCents: number;
  charityHandle: string;
  paymentProvider: string;
  minDepositCents: number;
  minPayoutCents: number;
  cardFee: { percent: number; fixedCents: number };
}

export function Dashboard({ me, config, data, origin, w }: { me: Account; config: DashboardSettings; data: DashboardData; origin: string; w: SiteWords }) {
  const d = w.dash;
  const money = (n: number) => formatCents(n, config.currency);
  const { gives, settlements, payouts, invites, payoutAccount, movements, profile, askedMe, kudosToMe, unreservedCents, reservedCents, waiting } = data;
  const spareCodes = invites.filter((i) => !i.usedBy).length;
  // The click rule (docs/money.md "The budget rule"): a budget of at least the minimum, and for a month's
  // first kudos at least the minimum of balance no other month has reserved.
  const pledged = gives.pledged && gives.kind !== 'settled';
  const fundedForNextKudos = pledged || unreservedCents >= config.minBudgetCents;
  const notes = givesNotes(gives, money, w);
  const projected = gives.kind === 'shares' || gives.kind === 'nothing' ? gives.clicks : [];
  // The worked example is this month's real amount, unless a new budget applies from next month.
  const exampleCents = gives.laterBudgetCents === null && amountOf(gives) > 0 ? amountOf(gives) : me.monthlyBudgetCents || Math.max(config.minBudgetCents, 500);
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
        <a href="/dashboard/things">{d.thingsLink}</a> · <a href="/subscriptions">{SUBSCRIPTION_WORDS[w.lang].link}</a> ·{' '}
        <a href="/apps" data-testid="apps-link">
          {APP_WORDS[w.lang].link}
        </a>{' '}
        · <a href="/settings/webhooks">{WEBHOOK_WORDS[w.lang].link}</a>
      </p>
      <WaitingSites sites={waiting} currency={config.currency} w={w} />
      <section class="card" aria-labelledby="balance-h">
        <h2 id="balance-h">{d.balance}</h2>
        <p class="big" data-testid="balance">
          {money(me.balanceCents)}
        </p>
        <p class="muted">
          {d.budgetIs} <strong data-testid="budget">{money(me.monthlyBudgetCents)}</strong>
          {me.monthlyBudgetCents >= config.minBudgetCents && !fundedForNextKudos && d.needsFreeBalance(money(config.minBudgetCents))}
        </p>
        {notes.length > 0 && (
          <p class="muted" data-testid="gives-note">
            {notes.join(' ')}
          </p>
        )}
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
          {feeSentence(moneyOf(exampleCents, config.currency), 10, config.feePercent, w.lang)}
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
          {d.thisMonth} ({gives.month})
        </h2>
        <p data-testid="projection">{projectionSentence(gives, money, config.feePercent, w)}</p>
        {projected.length > 0 && (
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
                {projected.map((k) => (
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

      <section class="card" aria-labelledby="subscriptions-h" id="subscriptions">
        <h2 id="subscriptions-h">{SUBSCRIPTION_WORDS[w.lang].title}</h2>
        {data.subscriptions.length > 0 ? (
          <RunningSubscriptions rows={data.subscriptions} w={SUBSCRIPTION_WORDS[w.lang]} />
        ) : (
          <p class="muted">{SUBSCRIPTION_WORDS[w.lang].none}</p>
        )}
      </section>
      <section class="card" aria-labelledby="transactions-h" id="transactions">
        <h2 id="transactions-h">{d.transactions}</h2>
        <p data-testid="pending">
          {d.pending} {pendingSentence(gives, kudosToMe, money, w)}{' '}
          {gives.kind === 'settled' ? w.gives.settled : `${d.settlesOn} ${settlesOn(gives.month, w.movements)}.`}
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
          // Only the balance no month has reserved can be paid out (docs/money.md "The budget rule").
          hint={amountHint}
          placeholder={unreservedCents}
          stepUp={data.factors.passkeys > 0}
        >
          {data.secondFactorOn && <SecondFactorFields w={w} passkeys={data.factors.passkeys > 0} />}
        </AmountForm>
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

      <section class="card" aria-labelledby="security-h">
        <h2 id="security-h">{w.security.h}</h2>
        <p class="muted">{w.security.factorsHint}</p>
        <ul class="plain">
          <li>
            <a href="/settings/security" data-testid="security-link">
              {w.security.factorsH}: {w.security.passkeysH}, {w.security.totpH.toLowerCase()}
            </a>
          </li>
          <li>
            <a href="/api/v1/me/export" download data-testid="export-link">
              {w.security.download}
            </a>
          </li>
          <li>
            <a href="/settings/close" data-testid="close-link">
              {w.security.closeLink}
            </a>
          </li>
        </ul>
      </section>
    </>
  );
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
  /** The form takes a passkey's answer when its code field is left empty (views/passkeys-script.ts). */
  stepUp?: boolean;
}) {
  const shown = (cents: number | undefined) => (cents === undefined ? undefined : moneyToInput(moneyOf(cents, props.currency)));
  return (
    <form class="inline" method="post" action={props.action} data-step-up={props.stepUp ? 'passkey' : undefined}>
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
