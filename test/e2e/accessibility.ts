// What every page walk checks on a page: axe in light and dark, and a screenshot of each to look at.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = new URL('../../screenshots/', import.meta.url).pathname;

/** No serious or critical axe violation in either colour scheme; screenshots/<name>-<scheme>.png. */
export async function checkAccessible(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // Evaluated through the DevTools protocol, so the page's own CSP does not block axe.
    await page.evaluate(AXE_SOURCE);
    const violations = await page.evaluate(async () => {
      // @ts-expect-error axe is the global the script above defined
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return (result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[]).map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.map((n) => n.target.join(' ')),
      }));
    });
    expect(
      violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
      `${name} (${scheme})`,
    ).toEqual([]);
    await page.screenshot({ path: `${SHOTS}${name}-${scheme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
