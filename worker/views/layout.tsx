// The frame of every Kudos page, and the one way routes turn a page into a response.
import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import type { Account } from '../store/accounts';
import { LANG_NAMES, SITE_WORDS, type SiteLang } from './words';
import { PAYDAY_WORDS } from './words/payday';

export interface PageProps {
  title: string;
  viewer: Account | undefined;
  /** A one-shot message after a form (http/flash.ts). */
  flash?: { kind: 'ok' | 'error'; text: string } | undefined;
  /** Extra tags for <head>, e.g. the oEmbed discovery link. */
  head?: ComponentChildren;
  children: ComponentChildren;
}

interface LayoutProps extends PageProps {
  lang: SiteLang;
  /** This page's path and query, for the language links. */
  here: URL;
}

/**
 * The query parameters a page reads (`c.req.query(…)` in routes/): a language link keeps these
 * and drops anything else, so a link nobody here wrote is not written back into the page three
 * times over (the audit counted six copies of a made-up query on /dashboard).
 */
const PAGE_PARAMS = new Set(['tx', 'month', 'from', 'to', 'next', 'invite', 'owner', 'url', 'title', 'popup', 'site', 'page', 'via']);

function withLang(here: URL, lang: SiteLang): string {
  const kept = new URLSearchParams();
  for (const [name, value] of here.searchParams) if (PAGE_PARAMS.has(name)) kept.append(name, value);
  kept.set('lang', lang);
  return `${here.pathname}?${kept}`;
}

function Layout({ title, viewer, flash, head, children, lang, here }: LayoutProps) {
  const w = SITE_WORDS[lang];
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{`${title} · Kudos`}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/kudos.css" />
        {head}
      </head>
      <body>
        <a class="skip" href="#main">
          {w.skip}
        </a>
        <header class="site">
          <a class="brand" href="/">
            Kudos
          </a>
          <nav aria-label={w.nav.main}>
            {viewer ? (
              <>
                <a href="/dashboard">{w.nav.dashboard}</a>
                <a href="/stats">{w.nav.stats}</a>
                <a href="/get-your-button">{w.nav.button}</a>
                <a href={`/@${viewer.handle}`}>@{viewer.handle}</a>
                <a href="/settings">{w.nav.settings}</a>
                <form method="post" action="/logout">
                  <button class="quiet" type="submit">
                    {w.nav.signOut}
                  </button>
                </form>
              </>
            ) : (
              <>
                <a href="/login">{w.nav.signIn}</a>
                <a href="/signup">{w.nav.signUp}</a>
              </>
            )}
          </nav>
        </header>
        <main id="main">
          {flash && (
            <p class={`flash ${flash.kind}`} role={flash.kind === 'error' ? 'alert' : 'status'}>
              {flash.text}
            </p>
          )}
          {children}
        </main>
        <footer>
          <p>
            {w.footer} <a href="/about/stats">{PAYDAY_WORDS[lang].link}</a>
          </p>
          <nav aria-label={w.nav.language} class="langs">
            {(Object.keys(LANG_NAMES) as SiteLang[]).map((l) => (
              <a href={withLang(here, l)} lang={l} hrefLang={l} aria-current={l === lang ? 'true' : undefined}>
                {LANG_NAMES[l]}
              </a>
            ))}
          </nav>
        </footer>
        <script src="/assets/copy.js" defer></script>
      </body>
    </html>
  );
}

/** A whole page as HTML text, in `lang`, at `here` (routes/respond.tsx sends it). */
export function renderPage(page: PageProps, lang: SiteLang, here: URL): string {
  return `<!doctype html>${render(<Layout {...page} lang={lang} here={here} />)}`;
}

/** A copy button that appears only when the copy script runs; the text stays selectable without it. */
export function CopyButton({ text, label, caption = 'Copy', copied }: { text: string; label: string; caption?: string; copied?: string }) {
  return (
    <button type="button" class="quiet" data-copy={text} data-copied={copied} hidden aria-label={label}>
      {caption}
    </button>
  );
}

export function NotFound({ what, home = 'Go to the front page', heading = 'Not found' }: { what: string; home?: string; heading?: string }) {
  return (
    <section class="card notice">
      <h1>{heading}</h1>
      <p>{what}</p>
      <p>
        <a class="button" href="/">
          {home}
        </a>
      </p>
    </section>
  );
}
