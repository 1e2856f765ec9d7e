// vitest globalSetup: starts the hostile sites on the ports vitest.config.ts chose (and gave the
// tests as the TEST_HOSTILE_SITES binding), and stops them after the run.
import { type HostileSitePorts, startHostileSites } from './hostile-sites';

export default async function setup() {
  const ports = JSON.parse(process.env.KUDOS_HOSTILE_SITE_PORTS ?? 'null') as HostileSitePorts | null;
  if (!ports) throw new Error('vitest.config.ts sets KUDOS_HOSTILE_SITE_PORTS');
  const sites = await startHostileSites(ports);
  return () => sites.close();
}
