// "Get your button": from sign-up to a working button on the creator's own page, in four steps.
import { STYLES } from '../../widget/common/options';
import { ButtonLink, ButtonScript } from './button/link';
import type { CheckResult } from '../domain/button-check';
import type { SiteStanding, WaitingSite } from '../domain/waiting';
import { CopyButton } from './layout';
import { badgeMarkdown, embedSnippet } from './snippet';
import { UnverifiedSite, WaitingSites } from './waiting';
import type { SiteWords } from './words';

export interface ButtonSetupView {
  handle: string;
  origin: string;
  /** The page the snippet is for (the person may type theirs); null: an example address. */
  pageUrl: string | null;
  check: CheckResult | null;
  checkError?: string | undefined;
  /** Sites with kudos waiting for the creator (not verified), and what is held for each. */
  waiting: readonly WaitingSite[];
  /** The checked page's site: verified or not, and what waits there. */
  standing: SiteStanding | null;
  currency: string;
  w: SiteWords;
}

const EXAMPLE_PAGE = 'https://your.site/your-post';

export function ButtonSetupPage({ handle, origin, pageUrl, check, checkError, waiting, standing, currency, w }: ButtonSetupView) {
  const t = w.setup;
  const page = pageUrl ?? EXAMPLE_PAGE;
  const snippet = embedSnippet(origin, handle, page);
  const badge = badgeMarkdown(origin, handle);
  return (
    <>
      <h1>{w.titles.button}</h1>
      <p>{t.intro}</p>
      <WaitingSites sites={waiting} currency={currency} w={w} />

      <section class="card" aria-labelledby="step1">
        <h2 id="step1">{t.step1}</h2>
        <form class="inline" method="get" action="/get-your-button">
          <label>
            {t.pageAddress}
            <input name="page" type="url" maxLength={2048} size={34} placeholder={EXAMPLE_PAGE} value={pageUrl ?? ''} />
          </label>
          <button type="submit" class="quiet">
            {t.makeCode}
          </button>
        </form>
        <div class="copy-row">
          <strong>{t.pasteThis}</strong>
          <CopyButton text={snippet} label={t.copyCode} caption={t.copy} copied={t.copied} />
        </div>
        <pre data-testid="snippet">{snippet}</pre>
        <p class="muted">{t.snippetHint}</p>
      </section>

      <section class="card" aria-labelledby="step2">
        <h2 id="step2">{t.step2}</h2>
        <p class="muted">{t.previewHint}</p>
        <div class="previews">
          {STYLES.map((style) => {
            const thing = { owner: handle, url: page, title: page };
            return (
              <figure data-style={style}>
                <figcaption>{style}</figcaption>
                <ButtonLink thing={thing} look={{ style, theme: 'light', lang: w.lang }} label={t.previewTitle(style, 'light')} />
                <span class="dark-swatch">
                  <ButtonLink thing={thing} look={{ style, theme: 'dark', lang: w.lang }} label={t.previewTitle(style, 'dark')} />
                </span>
              </figure>
            );
          })}
          <ButtonScript />
        </div>
      </section>

      <section class="card" aria-labelledby="step3">
        <h2 id="step3">{t.step3}</h2>
        <p>
          {t.wpBefore}
          <a href="/wordpress/kudos.zip">{t.wpLink}</a>
          {t.wpAfter(handle)}
        </p>
        <div class="copy-row">
          <strong>{t.badgeH}</strong>
          <CopyButton text={badge} label={t.copyBadge} caption={t.copy} copied={t.copied} />
        </div>
        <pre data-testid="badge">{badge}</pre>
        <p>
          <img src={`/badge/${handle}.svg`} alt={w.profile.badge(handle)} height={20} />
        </p>
      </section>

      <section class="card" aria-labelledby="step4">
        <h2 id="step4">{t.step4}</h2>
        <p>{t.checkIntro}</p>
        <form class="inline" method="post" action="/get-your-button/check">
          <label>
            {t.pageToCheck}
            <input name="url" type="url" required maxLength={2048} size={34} value={check?.url ?? pageUrl ?? ''} />
          </label>
          <button type="submit">{t.check}</button>
        </form>
        {checkError && (
          <p class="flash error" role="alert" data-testid="check">
            {checkError}
          </p>
        )}
        {check && <CheckAnswer check={check} handle={handle} w={w} />}
        {standing && <UnverifiedSite standing={standing} currency={currency} w={w} />}
      </section>
      <p>
        <a href="/dashboard">{t.back}</a> · <a href={`/@${handle}`}>{t.profile}</a>
      </p>
    </>
  );
}

function CheckAnswer({ check, handle, w }: { check: CheckResult; handle: string; w: SiteWords }) {
  const t = w.setup;
  if (check.kind === 'unreachable') {
    return (
      <p class="flash error" role="alert" data-testid="check" data-result="unreachable">
        {t.couldNot(check.url, check.reason)}
      </p>
    );
  }
  const { loader, buttons, otherOwners } = check.findings;
  if (check.kind === 'working') {
    return (
      <p class="flash ok" role="status" data-testid="check" data-result="working">
        {t.working(check.url, buttons, handle)}
      </p>
    );
  }
  const missing: string[] = [];
  if (!loader) missing.push(t.noLoader);
  if (buttons === 0) missing.push(t.noButton(handle, otherOwners.map((o) => `@${o}`).join(', ')));
  return (
    <div class="flash error" role="alert" data-testid="check" data-result="incomplete">
      <p>{t.notYet(check.url)}</p>
      <ul>
        {missing.map((m) => (
          <li>{m}</li>
        ))}
      </ul>
    </div>
  );
}
