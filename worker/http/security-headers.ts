// Every response's security headers in one table (hono/secure-headers), each kind of document's
// Content-Security-Policy in one table, and who may frame what in one more, as giscus does: a
// route picks its document's policy, and frame-ancestors is added here from the path.
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * Paths other sites may frame, and by whom. Everything else answers `frame-ancestors 'none'`,
 * so nothing else can be clickjacked. Framing a new route is one line here.
 */
const FRAME_ANCESTORS: Readonly<Record<string, string>> = {
  // The oEmbed iframe, framed by any site that pasted a thing's URL (often in WordPress's sandbox).
  '/button/embed': '*',
};

/**
 * Where a page's form may lead besides Kudos: Stripe Checkout (a deposit, a gift). form-action
 * also covers the redirect a form's answer makes, which browsers enforce.
 */
const CHECKOUT_ORIGIN = 'https://checkout.stripe.com';

/** Pages load only their own stylesheet and scripts (the copy button, the Kudos button's loader and renderer) and frame nothing. */
const pagePolicy = (formsGoTo = '') =>
  `default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'${formsGoTo ? ` ${formsGoTo}` : ''}; base-uri 'none'`;

/** The CSP of each kind of document, without frame-ancestors (added from the table above). */
export const CSP = {
  page: pagePolicy(CHECKOUT_ORIGIN),
  /**
   * The consent page: its answer redirects to the app that asked (form-action covers redirects),
   * at `appOrigin`, the origin of the redirect address the OAuth provider checked.
   */
  consent: (appOrigin: string) => pagePolicy(appOrigin),
  /** Badges are only ever an image: no scripts even when opened directly. */
  badge: "default-src 'none'; style-src 'unsafe-inline'",
  /** Profile pictures (uploaded or generated SVG): an image, sandboxed if opened directly. */
  picture: "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  /**
   * The popup: our own script and exactly our one inline style. `formReturnsTo`:
   * the one site the popup's answer may redirect back to (the oEmbed button's page; form-action
   * covers redirects).
   */
  widget: (styleHash: string, formReturnsTo = '') =>
    `default-src 'none'; script-src 'self'; style-src '${styleHash}'; connect-src 'self'; img-src 'self' data:; form-action 'self'${formReturnsTo ? ` ${formReturnsTo}` : ''}; base-uri 'none'`,
  /** The oEmbed iframe: exactly its one inline script and its one inline style, no forms. */
  embed: (scriptHash: string, styleHash: string) =>
    `default-src 'none'; script-src '${scriptHash}'; style-src '${styleHash}'; img-src 'self' data:; form-action 'none'; base-uri 'none'`,
} as const;

const CSP_HEADER = 'Content-Security-Policy';

const fixedHeaders = secureHeaders({
  referrerPolicy: 'strict-origin-when-cross-origin',
  // frame-ancestors says it per path; X-Frame-Options cannot say "anyone" for the button.
  xFrameOptions: false,
  // embed.js, the button's scripts and the badges are loaded by other sites.
  crossOriginResourcePolicy: false,
  // The /give popup reports back to the button through window.opener.
  crossOriginOpenerPolicy: false,
});

export const securityHeaders: MiddlewareHandler = (c, next) =>
  fixedHeaders(c, async () => {
    await next();
    const ancestors = FRAME_ANCESTORS[c.req.path] ?? "'none'";
    const routePolicy = (c.res.headers.get(CSP_HEADER) ?? '')
      .split(';')
      .map((directive) => directive.trim())
      .filter((directive) => directive !== '' && !directive.startsWith('frame-ancestors'));
    c.res.headers.set(CSP_HEADER, [...routePolicy, `frame-ancestors ${ancestors}`].join('; '));
  });
