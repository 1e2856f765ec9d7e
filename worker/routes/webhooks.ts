// Stripe's side of the money: the signed webhook that alone credits deposits (and books refunds
// and disputes), and the Connect onboarding that says where payouts go. Outside `/api/*`, so
// the same-origin write rule does not apply to the webhook: its signature is the check.
import { Hono } from 'hono';
import { handleStripeEvent } from '../actions/stripe-events';
import { payoutOnboardingUrl, refreshPayoutAccount } from '../actions/wallet';
import { refuse } from '../domain/refusal';
import type { AppContext, AppEnv } from '../http/context';
import { redirectWithFlash } from '../http/flash';
import { sameOriginWrites } from '../http/same-origin';
import { orShowAgain, signedIn, wordsOf } from './respond';
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
webhooks.get('/deposits/return', (c) => redirectWithFlash(c, '/dashboard', { kind: 'ok', text: wordsOf(c).said.depositOnItsWay }));

// --- Connect onboarding: where payouts go -----------------------------------------------------

/** Onboarding's pages: a refusal goes back to the dashboard, in the reader's words. */
const onDashboard = (c: AppContext, act: () => Promise<Response>) =>
  orShowAgain(c, act, (said) => redirectWithFlash(c, '/dashboard', { kind: 'error', text: said }));

webhooks.post('/dashboard/payout-account', sameOriginWrites, async (c) => {
  const me = await signedIn(c, '/dashboard');
  return onDashboard(c, async () => c.redirect(await payoutOnboardingUrl(c.get('db'), c.get('config'), me), 303));
});

/** Stripe sends the person back here after onboarding; ask Stripe what they finished. */
webhooks.get('/payouts/connect/return', async (c) => {
  const me = await signedIn(c);
  return onDashboard(c, async () => {
    const state = await refreshPayoutAccount(c.get('db'), c.get('config'), me);
    const said = wordsOf(c).said;
    if (state?.payoutsEnabled) return redirectWithFlash(c, '/dashboard', { kind: 'ok', text: said.payoutsReady });
    return redirectWithFlash(c, '/dashboard', { kind: 'error', text: state?.detailsSubmitted ? said.payoutsChecking : said.payoutsUnfinished });
  });
});

/** An onboarding link expired or was used: make a fresh one. */
webhooks.get('/payouts/connect/refresh', async (c) => {
  const me = await signedIn(c, '/dashboard');
  return onDashboard(c, async () => c.redirect(await payoutOnboardingUrl(c.get('db'), c.get('config'), me), 303));
});
