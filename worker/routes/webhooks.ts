// Stripe's side of the money: the signed webhook that alone credits deposits (and books refunds
// and disputes), and the Connect onboarding that says where payouts go. Outside `/api/*`, so
// the same-origin write rule does not apply to the webhook: its signature is the check.
import { Hono } from 'hono';
import { handleStripeEvent } from '../actions/stripe-events';
import { payoutOnboardingUrl, refreshPayoutAccount } from '../actions/wallet';
import { Refusal, refuse } from '../domain/refusal';
import type { AppContext, AppEnv } from '../http/context';
import { redirectWithFlash } from '../http/flash';
import { sameOriginWrites } from '../http/same-origin';
import { currentAccount, requireAccount } from '../http/session';
import { verifiedEvent } from '../payments/stripe';

export const webhooks = new Hono<AppEnv>();

// Its body limit (larger than other bodies') is in http/body.ts.
webhooks.post('/webhooks/stripe', async (c) => {
  // The signature covers the exact bytes Stripe sent, so read the raw body, never parsed JSON.
  const raw = await c.req.text();
  const event = await verifiedEvent(c.get('config'), raw, c.req.header('Stripe-Signature'));
  if (!event) throw refuse('invalid_field', 'The Stripe-Signature header does not verify.');
  // A failure here answers 500, and Stripe delivers the event again later; what it books does
  // not depend on the event's order or copies (actions/stripe-events.ts).
  const outcome = await handleStripeEvent(c.get('db'), c.get('config'), event);
  return c.json({ received: true, outcome });
});

/**
 * Where Checkout sends the person after paying. It credits nothing (anyone can open this URL);
 * the balance changes when the signed webhook arrives.
 */
webhooks.get('/deposits/return', (c) =>
  redirectWithFlash(c, '/dashboard', {
    kind: 'ok',
    text: 'Thank you! Your deposit is on its way: your balance changes as soon as Stripe confirms the payment (cards: seconds; SEPA debits: a few days).',
  }),
);

// --- Connect onboarding: where payouts go -----------------------------------------------------

webhooks.post('/api/v1/me/payout-account', async (c) => {
  const me = await requireAccount(c);
  return c.json({ redirect_url: await payoutOnboardingUrl(c.get('db'), c.get('config'), me) }, 202);
});

webhooks.post('/dashboard/payout-account', sameOriginWrites, async (c) => {
  const me = await currentAccount(c);
  if (!me) return c.redirect('/login?next=%2Fdashboard', 303);
  return onDashboard(c, async () => c.redirect(await payoutOnboardingUrl(c.get('db'), c.get('config'), me), 303));
});

/** Stripe sends the person back here after onboarding; ask Stripe what they finished. */
webhooks.get('/payouts/connect/return', async (c) => {
  const me = await currentAccount(c);
  if (!me) return c.redirect('/login?next=%2Fpayouts%2Fconnect%2Freturn', 303);
  return onDashboard(c, async () => {
    const state = await refreshPayoutAccount(c.get('db'), c.get('config'), me);
    if (state?.payoutsEnabled) return redirectWithFlash(c, '/dashboard', { kind: 'ok', text: 'Payouts are set up: they go to your Stripe account.' });
    const text = state?.detailsSubmitted ? 'Stripe is still checking your details; payouts open when it is done.' : 'Payout setup is not finished yet.';
    return redirectWithFlash(c, '/dashboard', { kind: 'error', text });
  });
});

/** An onboarding link expired or was used: make a fresh one. */
webhooks.get('/payouts/connect/refresh', async (c) => {
  const me = await currentAccount(c);
  if (!me) return c.redirect('/login?next=%2Fdashboard', 303);
  return onDashboard(c, async () => c.redirect(await payoutOnboardingUrl(c.get('db'), c.get('config'), me), 303));
});

async function onDashboard(c: AppContext, act: () => Promise<Response>): Promise<Response> {
  try {
    return await act();
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    return redirectWithFlash(c, '/dashboard', { kind: 'error', text: error.message });
  }
}
