// The options a creator sets on a button (data attributes, passed on in the iframe's URL).
// Unknown values fall back to the defaults, so a typo never breaks a page.

export const STYLES = ['default', 'compact', 'large'] as const;
export const THEMES = ['auto', 'light', 'dark'] as const;
export const LANGS = ['en', 'de', 'sv'] as const;

export type ButtonStyle = (typeof STYLES)[number];
export type ButtonTheme = (typeof THEMES)[number];
export type ButtonLang = (typeof LANGS)[number];

/**
 * Each style's iframe size in CSS pixels (width, height): the loader sizes its iframes by it,
 * the thing page and oEmbed too; widget/button/button.css lays the button out to fit.
 */
export const BUTTON_SIZES: Record<ButtonStyle, readonly [width: number, height: number]> = { default: [180, 32], compact: [84, 26], large: [112, 84] };

export interface ButtonLook {
  style: ButtonStyle;
  theme: ButtonTheme;
  lang: ButtonLang;
}

function pick<T extends string>(allowed: readonly T[], value: string | null | undefined): T {
  // "de-AT" and "sv_SE" count as "de" and "sv".
  const wanted = (value ?? '').toLowerCase().split(/[-_]/)[0];
  return allowed.find((a) => a === wanted) ?? allowed[0]!;
}

export function readLook(query: { get(name: string): string | null | undefined }): ButtonLook {
  return { style: pick(STYLES, query.get('style')), theme: pick(THEMES, query.get('theme')), lang: pick(LANGS, query.get('lang')) };
}
