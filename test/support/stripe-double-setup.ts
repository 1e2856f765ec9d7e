// vitest globalSetup: starts the Stripe double on the port vitest.config.ts chose (and gave the
// Worker as STRIPE_API_PORT), and stops it after the run.
import { startStripeDouble } from './stripe-double';

export default async function setup() {
  const port = Number(process.env.KUDOS_STRIPE_DOUBLE_PORT);
  if (!port) throw new Error('vitest.config.ts sets KUDOS_STRIPE_DOUBLE_PORT');
  const double = await startStripeDouble(port);
  return () => double.close();
}
