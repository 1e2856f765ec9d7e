// "Get your button": from sign-up to a working button on the creator's own page, in four steps.
import { BUTTON_SIZES, STYLES } from '../../widget/common/options';
import type { CheckResult } from '../actions/button-check';
import { CopyButton } from './layout';
import { badgeMarkdown, embedSnippet } from './snippet';

export interface ButtonSetupView {
  handle: string;
  origin: string;
  /** The page the snippet is for (the person may type theirs); null: an example address. */
  pageUrl: string | null;
  check: CheckResult | null;
  checkError?: string | undefined;
}

const EXAMPLE_PAGE = 'https://your.site/your-post';

export function ButtonSetupPage({ handle, origin, pageUrl, check, checkError }: ButtonSetupView) {
  const page = pageUrl ?? EXAMPLE_PAGE;
  const snippet = embedSnippet(origin, handle, page);
  const badge = badgeMarkdown(origin, handle);
  return (
    <>
      <h1>Get your button</h1>
      <p>Four steps to a Kudos button on your own pages. Readers who press it give you a share of their monthly budget.</p>

      <section class="card" aria-labelledby="step1">
        <h2 id="step1">1. Copy the code for your page</h2>
        <form class="inline" method="get" action="/get-your-button">
          <label>
            Your page's address
            <input name="page" type="url" maxLength={2048} size={34} placeholder={EXAMPLE_PAGE} value={pageUrl ?? ''} />
          </label>
          <button type="submit" class="quiet">
            Make the code
          </button>
        </form>
        <div class="copy-row">
          <strong>Paste this where a post ends</strong>
          <CopyButton text={snippet} label="Copy the button code" />
        </div>
        <pre data-testid="snippet">{snippet}</pre>
        <p class="muted">One line per page is enough for the script; every post gets its own link (its own address in data-url). Without JavaScript the link still works.</p>
      </section>

      <section class="card" aria-labelledby="step2">
        <h2 id="step2">2. See how it looks</h2>
        <p class="muted">The real button from this Kudos, in every style (add data-style="compact" or "large" to the link). It says "Yours" to you.</p>
        <div class="previews">
          {STYLES.map((style) => {
            const [width, height] = BUTTON_SIZES[style];
            const query = new URLSearchParams({ owner: handle, url: page, style, theme: 'light' });
            const dark = new URLSearchParams({ owner: handle, url: page, style, theme: 'dark' });
            return (
              <figure data-style={style}>
                <figcaption>{style}</figcaption>
                <iframe class="button-frame" src={`/button?${query}`} width={width} height={height} title={`Your button, ${style} style, light`} loading="lazy"></iframe>
                <span class="dark-swatch">
                  <iframe class="button-frame" src={`/button?${dark}`} width={width} height={height} title={`Your button, ${style} style, dark`} loading="lazy"></iframe>
                </span>
              </figure>
            );
          })}
        </div>
      </section>

      <section class="card" aria-labelledby="step3">
        <h2 id="step3">3. WordPress, or a README</h2>
        <p>
          On WordPress: <a href="/wordpress/kudos.zip">download the Kudos plugin</a> (kudos.zip), then in WordPress go to Plugins → Add New → Upload Plugin, choose the file,
          activate it and enter your handle <code>{handle}</code> in its settings. It puts the button under every post. Or paste a thing's Kudos page address
          into a post: WordPress embeds the button through oEmbed without any plugin.
        </p>
        <div class="copy-row">
          <strong>Badge for a README (Markdown)</strong>
          <CopyButton text={badge} label="Copy the badge code" />
        </div>
        <pre data-testid="badge">{badge}</pre>
        <p>
          <img src={`/badge/${handle}.svg`} alt={`Kudos badge of @${handle}`} height={20} />
        </p>
      </section>

      <section class="card" aria-labelledby="step4">
        <h2 id="step4">4. Check your page</h2>
        <p>Published it? Kudos fetches the page and tells you whether the button works there.</p>
        <form class="inline" method="post" action="/get-your-button/check">
          <label>
            Page to check
            <input name="url" type="url" required maxLength={2048} size={34} value={check?.url ?? pageUrl ?? ''} />
          </label>
          <button type="submit">Check my page</button>
        </form>
        {checkError && (
          <p class="flash error" role="alert" data-testid="check">
            {checkError}
          </p>
        )}
        {check && <CheckAnswer check={check} handle={handle} />}
      </section>
      <p>
        <a href="/dashboard">Back to your dashboard</a> · <a href={`/@${handle}`}>your public profile</a>
      </p>
    </>
  );
}

function CheckAnswer({ check, handle }: { check: CheckResult; handle: string }) {
  if (check.kind === 'unreachable') {
    return (
      <p class="flash error" role="alert" data-testid="check" data-result="unreachable">
        Could not check {check.url}: {check.reason}
      </p>
    );
  }
  const { loader, buttons, otherOwners } = check.findings;
  if (check.kind === 'working') {
    return (
      <p class="flash ok" role="status" data-testid="check" data-result="working">
        Working: {check.url} loads embed.js from this Kudos and has {buttons === 1 ? 'a Kudos button' : `${buttons} Kudos buttons`} for @{handle}.
      </p>
    );
  }
  const missing: string[] = [];
  if (!loader) missing.push('the script line (<script async src=".../embed.js">) is missing: add it once to the page');
  if (buttons === 0) missing.push(`no kudos-button link names @${handle}${otherOwners.length ? ` (found links for ${otherOwners.map((o) => `@${o}`).join(', ')})` : ''}: paste the link from step 1`);
  return (
    <div class="flash error" role="alert" data-testid="check" data-result="incomplete">
      <p>Not working yet on {check.url}:</p>
      <ul>
        {missing.map((m) => (
          <li>{m}</li>
        ))}
      </ul>
    </div>
  );
}
