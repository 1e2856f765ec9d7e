// What the server hands the iframe for its first paint, as JSON inside the document.
import type { ButtonCounts } from './protocol';
import type { Words } from './button-words';
import type { ButtonLook } from './options';

export const BOOT_ELEMENT_ID = 'kudos-boot';
export const ROOT_ELEMENT_ID = 'kudos-root';

export interface ButtonBoot {
  look: ButtonLook;
  /** The button's words in its language, so the script carries no dictionary. */
  words: Words;
  counts: ButtonCounts;
  owner: string;
  url: string;
  title: string;
  /**
   * The embedding page's origin as the loader claimed it in the iframe's URL. The iframe trusts
   * it only once the browser confirms it (`location.ancestorOrigins`, or the origin of the
   * loader's hello message).
   */
  site: string;
  /** Whether the viewer confirmed giving on `site` before, in the first-party popup. */
  confirmed: boolean;
}

/** The answer of GET /button/state and POST /button/click. */
export interface ButtonView {
  counts: ButtonCounts;
  confirmed: boolean;
}
