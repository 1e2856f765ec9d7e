// A person's data export: everything Kudos holds about them, as one JSON document (GDPR Art. 20).
import type { Config } from '../env';
import type { Account } from '../store/accounts';
import { sitesOf } from '../store/claims';
import type { Db } from '../store/db';
import { factorsOf, passkeysOf } from '../store/factors';
import { invitedByHandle, personalRows } from '../store/personal-data';
import { profileOf } from '../store/profiles';
import { subscriptionsOf } from '../store/subscriptions';
import { appsOf } from '../store/apps';
import { giftsOf } from '../store/gifts';
import { endpointsOf } from '../store/webhooks';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

/** The document GET /api/v1/me/export answers (its schema: `ExportAnswer` in http/schemas.ts). */
export async function exportOf(db: Db, config: Config, me: Account, now = Date.now()) {
  const [rows, profile, sites, factors, passkeys, invitedBy, subscriptions, gifts, endpoints, apps] = await Promise.all([
    personalRows(db, me.id, me.email, config.giverShards),
    profileOf(db, me.id),
    sitesOf(db, me.id),
    factorsOf(db, me.id),
    passkeysOf(db, me.id),
    invitedByHandle(db, me.invitedBy),
    subscriptionsOf(db, me.id),
    giftsOf(db, me.id),
    endpointsOf(db, me.id),
    appsOf(db, me.id),
  ]);
  const hasProfile = profile.displayName !== '' || profile.bio !== '' || profile.links !== '' || profile.avatarType !== null;
  return {
    exported_at: iso(now),
    currency: config.currency,
    account: {
      id: me.id,
      handle: me.handle,
      email: me.email,
      balance_cents: me.balanceCents,
      monthly_budget_cents: me.monthlyBudgetCents,
      debt_cents: me.debtCents,
      show_given: me.showGiven,
      invited_by: invitedBy,
      created_at: iso(me.createdAt),
    },
    profile: hasProfile ? { display_name: profile.displayName, bio: profile.bio, links: profile.links, has_picture: profile.avatarType !== null } : null,
    second_factors: {
      totp: factors.totp,
      recovery_codes_left: factors.recoveryCodesLeft,
      passkeys: passkeys.map((p) => ({ id: p.credentialId, name: p.name, created_at: iso(p.createdAt), last_used_at: isoOrNull(p.lastUsedAt) })),
    },
    sites: sites.map((s) => ({ origin: s.origin, verified_at: iso(s.verifiedAt) })),
    things: rows.thingRows.map((t) => ({
      id: t.id,
      url: t.url,
      title: t.title,
      clicks_total: t.clicksTotal,
      claimed: t.claimed,
      hidden: t.hidden,
      created_at: iso(t.createdAt),
    })),
    clicks: rows.clickRows.map((k) => ({
      month: k.month,
      thing_id: k.thingId,
      thing_url: k.url,
      thing_title: k.title,
      owner: k.owner,
      created_at: iso(k.at),
    })),
    subscriptions: subscriptions.map((x) => ({
      thing_id: x.thingId,
      months: x.months,
      months_given: x.monthsGiven,
      next_month: x.nextMonth,
      ended: x.endReason,
      created_at: iso(x.createdAt),
      ended_at: isoOrNull(x.endedAt),
    })),
    gifts: gifts.map((g) => ({
      thing_id: g.thingId,
      amount_cents: g.amountCents,
      status: g.status,
      booked_month: g.bookedMonth,
      created_at: iso(g.createdAt),
    })),
    // The signing secrets stay out: they are for the person's server, shown once.
    webhook_endpoints: endpoints.map((e) => ({ id: e.id, url: e.url, disabled: e.disabledReason, created_at: iso(e.createdAt) })),
    apps_registered: apps.map((a) => ({ client_id: a.clientId, name: a.name, created_at: iso(a.createdAt) })),
    budget_changes: rows.budgets.map((b) => ({ from_month: b.fromMonth, cents: b.cents })),
    pledges: rows.pledges.map((p) => ({ month: p.month, budget_cents: p.budgetCents, reserved_cents: p.reservedCents, settled_at: isoOrNull(p.settledAt) })),
    ledger_entries: rows.entries.map((e) => ({
      id: e.id,
      transaction: e.transaction,
      kind: e.kind,
      amount_cents: e.amountCents,
      month: e.month,
      counterparty: e.counterparty,
      thing_id: e.thingId,
      created_at: iso(e.createdAt),
    })),
    payouts: rows.payoutRows.map((p) => ({
      id: p.id,
      amount_cents: p.amountCents,
      status: p.status,
      failure_reason: p.failureReason,
      created_at: iso(p.createdAt),
    })),
    deposits: rows.deposits.map((d) => ({
      session_id: d.sessionId,
      amount_cents: d.amountCents,
      currency: d.currency,
      status: d.status,
      created_at: iso(d.createdAt),
    })),
    payout_account: rows.payoutAccount ? { stripe_account_id: rows.payoutAccount.stripeAccountId, payouts_enabled: rows.payoutAccount.payoutsEnabled } : null,
    sessions: rows.sessionRows.map((s) => ({ created_at: iso(s.createdAt), expires_at: iso(s.expiresAt) })),
    invites: rows.inviteRows.map((i) => ({ code: i.code, used_by: i.usedBy, used_at: isoOrNull(i.usedAt) })),
    messages: rows.messages.map((m) => ({ to: m.to, subject: m.subject, text: m.text, sent_at: iso(m.sentAt) })),
  };
}
