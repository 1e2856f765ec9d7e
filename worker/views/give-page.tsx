// The first-party popup (and full page without JavaScript) at /give: sign in if needed, confirm
// a site the first time, record the click, and report the result. Rendered on the server only.
import { renderToString } from 'preact-render-to-string';
import type { ButtonLang } from '../../widget/common/options';
import type { ButtonCounts, PopupDoneMessage } from '../../widget/common/protocol';
import { DONE_ELEMENT_ID } from '../../widget/common/popup-ids';
import { jsonForScript } from './escape';
import { POPUP_WORDS, type PopupWords } from '../../widget/common/popup-words';
import type { PopupStage } from '../domain/click';

export interface GivePageProps {
  thing: { owner: string; url: string; title: string };
  lang: ButtonLang;
  /** The site whose button opened this page (vouched for by the browser); null otherwise. */
  site: string | null;
  siteConfirmed: boolean;
  /** Opened by some other site than Kudos, not through a Kudos button: warn. */
  fromElsewhere: boolean;
  /** Give without asking: a popup from a button on a site the person confirmed before. */
  autoGive: boolean;
  viewer: string | null;
  stage: PopupStage;
  /** What the button should show now, once the stage is final: shown here, and sent to a Kudos opener. */
  counts: ButtonCounts | null;
  /**
   * Whether the opening page (`site`) may learn `counts` too: only after the visitor acted here,
   * and only for a thing on that site itself. Otherwise another site would learn what its
   * visitor gave, or who they are, from a popup it opened (issue 20, finding 5).
   */
  tellsSite: boolean;
  csrf: string;
  popup: boolean;
  /** Sent by the oEmbed button (/button/embed) through the embedding page: back there once given. */
  embed: boolean;
  /** The fee said up front: what the viewer's budget gives each thing after the platform's fee. */
  feeNote?: string;
  assets: { script: string; css: string };
  /** The named owner's handle while the thing waits for them to claim it (kudos are held). */
  waitingFor?: string | null;
}

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
      {props.embed && <input type="hidden" name="via" value="embed" />}
      <input type="hidden" name="lang" value={props.lang} />
    </>
  );
}

function Stage({ props, words }: { props: GivePageProps; words: PopupWords }) {
  const { stage, thing, viewer } = props;
  const give = stage.kind === 'sign_in' ? words.signInAndGive : words.give;
  const done = { given: words.given, already_given: words.alreadyGiven, own: words.own };
  switch (stage.kind) {
    case 'done':
      return (
        <p class="done" role="status">
          {done[stage.outcome]}
          {!props.popup && (
            <>
              {' '}
              <a href={thing.url}>{words.back}</a>
            </>
          )}
        </p>
      );
    case 'cannot':
      return (
        <p class="error" role="alert">
          {{ no_budget: words.noBudget, not_funded: words.notFunded, month_settled: words.monthSettled }[stage.reason]}{' '}
          <a href="/dashboard">{words.dashboard}</a>
        </p>
      );
    case 'sign_in':
    case 'confirm':
      return (
        <form method="post" action="/give" data-auto={props.autoGive && stage.kind === 'confirm' ? '' : undefined}>
          <Hidden props={props} />
          {stage.kind === 'sign_in' ? (
            <>
              {stage.failed && (
                <p class="error" role="alert">
                  {words.wrongCredentials}
                </p>
              )}
              <label>
                {words.email}
                <input name="email" type="email" autocomplete="username" required />
              </label>
              <label>
                {words.password}
                <input name="password" type="password" autocomplete="current-password" required minLength={8} />
              </label>
            </>
          ) : (
            <p>
              {words.signedInAs} {viewer}.
            </p>
          )}
          <button type="submit">{give}</button>
          {stage.kind === 'sign_in' && (
            <p>
              {words.newHere}{' '}
              <a href={`/signup?next=${encodeURIComponent(`/give?${new URLSearchParams({ ...props.thing, lang: props.lang })}`)}`}>{words.createAccount}</a>
            </p>
          )}
          {stage.kind === 'sign_in' && (
            <p>
              <a href={`/give/once?${new URLSearchParams({ ...props.thing, lang: props.lang })}`} data-testid="give-once">
                {words.giveOnce}
              </a>
            </p>
          )}
        </form>
      );
  }
}

export function givePage(props: GivePageProps): string {
  const { thing, site, siteConfirmed, stage, counts, assets } = props;
  const words = POPUP_WORDS[props.lang];
  const siteHost = site ? new URL(site).host : null;
  const body = renderToString(
    <main>
      <h1>
        <span aria-hidden="true">♥</span> {words.title}
      </h1>
      <div class="thing">
        “{thing.title}” {words.by} <strong>{thing.owner}</strong>
        <small>{thing.url}</small>
      </div>
      {props.waitingFor && <p data-testid="waiting">Waiting for @{props.waitingFor} to claim this page; kudos are held until then.</p>}
      {siteHost && !siteConfirmed && stage.kind !== 'done' && (
        <p class="warn">
          {words.firstOnSite[0]} <strong>{siteHost}</strong>
          {words.firstOnSite[1]}
        </p>
      )}
      {props.fromElsewhere && stage.kind !== 'done' && <p class="warn">{words.fromElsewhere}</p>}
      <Stage props={props} words={words} />
      {props.feeNote && <p data-testid="fee">{props.feeNote}</p>}
    </main>,
  );
  const message: PopupDoneMessage | null =
    counts && (stage.kind === 'done' || stage.kind === 'cannot')
      ? { type: 'done', owner: thing.owner, url: thing.url, counts, ...(site && props.tellsSite ? { site } : {}) }
      : null;
  const done = message && jsonForScript(message);
  return (
    `<!doctype html><html lang="${props.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${words.title} · Kudos</title><style>${assets.css}</style><script type="module" src="${assets.script}"></script></head>` +
    `<body>${body}${done ? `<script type="application/json" id="${DONE_ELEMENT_ID}">${done}</script>` : ''}</body></html>`
  );
}
