// Driving a page by keyboard only, as a person without a mouse would: every control reached with Tab.
import type { Page } from 'playwright-core';

/** `page` is read at each call: test files open their page in `beforeAll`. */
export function keyboardOn(page: () => Page) {
  /** Presses Tab until `selector` has the focus: proves the control is reachable by keyboard. */
  async function tabTo(selector: string) {
    for (let i = 0; i < 80; i++) {
      if (await page().evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
      await page().keyboard.press('Tab');
    }
    throw new Error(`${selector} cannot be reached with Tab`);
  }

  async function typeInto(selector: string, text: string) {
    await tabTo(selector);
    await page().keyboard.press('Control+A');
    await page().keyboard.type(text);
  }

  /** Submits the focused control's form with Enter and waits for the page it leads to. */
  async function enter() {
    await Promise.all([page().waitForNavigation(), page().keyboard.press('Enter')]);
  }

  return { tabTo, typeInto, enter };
}
