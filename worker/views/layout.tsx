// The frame of every Kudos page, and the one way routes turn a page into a response.
import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import type { AppContext } from '../http/context';
import { CSP } from '../http/security-headers';
import type { Account } from '../store/accounts';
import type { Flash } from '../http/flash';


export interface PageProps {
  title: string;
  viewer: Account | undefined;
  flash?: Flash | undefined;
  /** Extra tags for <head>, e.g. the oEmbed discovery link. */
  head?: ComponentChildren;
  children: ComponentChildren;
}

function Layout({ title, viewer, flash, head, children }: PageProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{`${title} · Kudos`}</title>
        <link rel="stylesheet" href="/assets/kudos.css" />
        {head}
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="site">
          <a class="brand" href="/">
            Kudos
          </a>
          <nav aria-label="Main">
            {viewer ? (
              <>
                <a href="/dashboard">Dashboard</a>
                <a href="/stats">Stats</a>
                <a href={`/@${viewer.handle}`}>@{viewer.handle}</a>
                <form method="post" action="/logout">
                  <button class="quiet" type="submit">
                    Sign out
                  </button>
                </form>
              </>
            ) : (
              <>
                <a href="/login">Sign in</a>
                <a href="/signup">Sign up</a>
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
        <footer>Kudos: small monthly thanks for the things you like. Open source.</footer>
        <script src="/assets/copy.js" defer></script>
      </body>
    </html>
  );
}

/** Renders a page as the response, with the pages' CSP. */
export function sendPage(c: AppContext, page: PageProps, status: 200 | 400 | 401 | 403 | 404 | 409 | 422 = 200) {
  c.header('Content-Security-Policy', CSP.page);
  c.header('Cache-Control', 'no-store');
  return c.html(`<!doctype html>${render(<Layout {...page} />)}`, status);
}

/** A copy button that appears only when the copy script runs; the text stays selectable without it. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  return (
    <button type="button" class="quiet" data-copy={text} hidden aria-label={label}>
      Copy
    </button>
  );
}

export function NotFound({ what }: { what: string }) {
  return (
    <>
      <h1>Not found</h1>
      <p>{what}</p>
      <p>
        <a href="/">Go to the front page</a>
      </p>
    </>
  );
}
