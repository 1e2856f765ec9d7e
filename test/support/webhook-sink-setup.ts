// vitest globalSetup: starts the webhook sink on the port vitest.config.ts chose (the tests get
// it as the TEST_WEBHOOK_SINK binding), and stops it after the run.
import { startWebhookSink } from './webhook-sink';

export default async function setup() {
  const port = Number(process.env.KUDOS_WEBHOOK_SINK_PORT);
  if (!port) throw new Error('vitest.config.ts sets KUDOS_WEBHOOK_SINK_PORT');
  const sink = await startWebhookSink(port);
  return () => sink.close();
}
