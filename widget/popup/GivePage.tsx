// The first-party popup (and full page without JavaScript) at /give: sign in if needed, confirm
// a site the first time, record the click, and report the result. Rendered on the server only.
import { renderToString } from 'preact-render-to-string';
import type { ButtonCounts, PopupDoneMessage } from '../protocol';
import { DONE_ELEMENT_ID } from './ids';

export type GiveStage =
  | { kind: 'sign_in'; error: string | null }
  | { kind: 'confirm' }
  | { kind: 'cannot'; reason: 'no_budget' | 'not_funded' }
  | { kind: 'done'; outcome: 'given' | 'already_given' | 'own' };

export interface GivePageProps {
  thing: { owner: string; url: string; title: string };
  /** The site whose button opened this page (vouched for by the browser); null otherwise. */
  site: string | null;
  siteConfirmed: boolean;
  /** Opened by some other site than Kudos, not through a Kudos button: warn. */
  fromElsewhere: boolean;
  /** Give without asking: a popup from a button on a site the person confirmed before. */
  autoGive: boolean;
  viewer: string | null;
  stage: GiveStage;
  /** What the button should show now; sent to the opener once the stage is final. */
  counts: ButtonCounts | null;
  csrf: string;
  popup: boolean;
  assets: { script: string; css: string };
}

const DONE_TEXT = {
  given: 'Thank you! Your kudos was given.',
  already_given: 'You already gave kudos to this this month.',
  own: 'This is your own thing; you cannot give kudos to it.',
} as const;

function Hidden({ props }: { props: GivePageProps }) {
  const { thing, site, popup, csrf } = props;
  return (
    <>
      <input type="hidden" name="csrf" value={csrf} />
      <input type="hidden" name="owner" value={thing.owner} />
      <input type="hidden" name="url" value={thing.url} />
      <input type="hidden" name="title" value={thing.title} />
      {site && <input type="hidden" name="site" value={site} />}
      {popup && <input type="hidden" name="popup" value="1" />}
    </>
  );
}

function Stage({ props }: { props: GivePageProps }) {
  const { stage, thing, viewer } = props;
  const give = stage.kind === 'sign_in' ? 'Sign in and give kudos' : 'Give kudos';
  switch (stage.kind) {
    case 'done':
      return (
        <p class="done" role="status">
          {DONE_TEXT[stage.outcome]}
          {!props.popup && (
            <>
              {' '}
              <a href={thing.url}>Back to the page</a>
            </>
          )}
        </p>
      );
    case 'cannot':
      return (
        <p class="error" role="alert">
          {stage.reason === 'no_budget' ? 'Set a monthly budget first' : 'Your balance does not cover your monthly budget; add funds first'}, then
          click the button again. <a href="/dashboard">Open your Kudos dashboard</a>
        </p>
      );
    case 'sign_in':
    case 'confirm':
      return (
        <form method="post" action="/give" data-auto={props.autoGive && stage.kind === 'confirm' ? '' : undefined}>
          <Hidden props={props} />
          {stage.kind === 'sign_in' ? (
            <>
              {stage.error && (
                <p class="error" role="alert">
                  {stage.error}
                </p>
              )}
              <label>
                Email
                <input name="email" type="email" autocomplete="username" required />
              </label>
              <label>
                Password
                <input name="password" type="password" autocomplete="current-password" required minLength={8} />
              </label>
            </>
          ) : (
            <p>Signed in as {viewer}.</p>
          )}
          <button type="submit">{give}</button>
          {stage.kind === 'sign_in' && (
            <p>
              New here? <a href={`/signup?next=${encodeURIComponent(`/give?${new URLSearchParams(props.thing)}`)}`}>Create an account</a>
            </p>
          )}
        </form>
      );
  }
}

export function givePage(props: GivePageProps): string {
  const { thing, site, siteConfirmed, stage, counts, assets } = props;
  const siteHost = site ? new URL(site).host : null;
  const body = renderToString(
    <main>
      <h1>
        <span aria-hidden="true">♥</span> Give kudos
      </h1>
      <div class="thing">
        “{thing.title}” by <strong>{thing.owner}</strong>
        <small>{thing.url}</small>
      </div>
      {siteHost && !siteConfirmed && stage.kind !== 'done' && (
        <p class="warn">
          This is your first kudos on <strong>{siteHost}</strong>. Continue only if you just clicked a Kudos button there yourself.
        </p>
      )}
      {props.fromElsewhere && stage.kind !== 'done' && <p class="warn">Another site sent you here. Continue only if you meant to give kudos to this.</p>}
      <Stage props={props} />
    </main>,
  );
  const message: PopupDoneMessage | null = counts && (stage.kind === 'done' || stage.kind === 'cannot') ? { type: 'done', owner: thing.owner, url: thing.url, counts } : null;
  const done = message && JSON.stringify(message).replace(/</g, '\\u003c');
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>Give kudos · Kudos</title><style>${assets.css}</style><script type="module" src="${assets.script}"></script></head>` +
    `<body>${body}${done ? `<script type="application/json" id="${DONE_ELEMENT_ID}">${done}</script>` : ''}</body></html>`
  );
}
