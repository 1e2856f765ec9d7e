// embed.js: turns every <a class="kudos-button"> on a page into a Kudos button iframe.
// No dependencies: it is the one script a creator adds to a page, so it stays tiny (budget:
// 1 KB gzipped, see scripts/size.mjs). It imports types, and the sizes the build inlines.
import { BUTTON_SIZES as SIZES } from './common/options';
import type { Envelope, HelloMessage, IframeToParent } from './common/protocol';

(() => {
  const script = document.currentScript as HTMLScriptElement | null;
  if (!script) return;
  // Everything comes from where this script was loaded; nothing is hard-coded.
  const kudos = new URL(script.src).origin;

  const frames = new Map<Window, HTMLIFrameElement>();

  function upgrade(link: HTMLAnchorElement) {
    const data = link.dataset;
    // Marks the link as taken, so later scans leave it alone.
    if (data.kudosState) return;
    data.kudosState = 'loading';
    const canonical = document.querySelector<HTMLLinkElement>('link[rel=canonical]');
    const style = data.style && data.style in SIZES ? (data.style as keyof typeof SIZES) : 'default';
    const [width, height] = SIZES[style]!;
    const query = new URLSearchParams({
      owner: data.owner ?? '',
      url: data.url ?? canonical?.href ?? location.href,
      title: data.title ?? document.title,
      style,
      theme: data.theme ?? 'auto',
      lang: data.lang ?? link.closest<HTMLElement>('[lang]')?.lang ?? 'en',
      site: location.origin,
    });
    // Reserve the iframe's room now, so nothing moves when it appears.
    link.style.cssText += `;display:inline-block;box-sizing:border-box;width:${width}px;height:${height}px;overflow:hidden;vertical-align:middle`;
    const frame = document.createElement('iframe');
    frame.src = `${kudos}/button?${query}`;
    frame.title = link.textContent?.trim() || 'Kudos';
    frame.loading = 'lazy';
    frame.width = String(width);
    frame.height = String(height);
    // Out of the flow and invisible until loaded: the link keeps its place and stays usable.
    // Placed next to the link (not off-screen) so lazy loading starts when the link nears view.
    frame.style.cssText = 'border:0;vertical-align:middle;color-scheme:normal;position:absolute;opacity:0;pointer-events:none';
    frame.addEventListener('load', () => {
      // protocol.ts's post() would be an import; this is the same envelope to one exact origin.
      const hello: Envelope<HelloMessage> = { kudos: { type: 'hello' } };
      frame.contentWindow?.postMessage(hello, kudos);
      // Moving an iframe would reload it, so the iframe stays where it is and the link goes.
      frame.style.position = frame.style.opacity = frame.style.pointerEvents = '';
      link.remove();
    }, { once: true });
    link.parentNode!.insertBefore(frame, link);
    frames.set(frame.contentWindow!, frame);
  }

  function scan(root: ParentNode) {
    root.querySelectorAll<HTMLAnchorElement>('a.kudos-button').forEach(upgrade);
  }

  addEventListener('message', (event: MessageEvent<Envelope<IframeToParent> | null>) => {
    const frame = event.source && frames.get(event.source as Window);
    const message = event.data?.kudos;
    if (event.origin !== kudos || !frame || !message) return;
    if (message.type === 'resize') {
      frame.width = String(message.width);
      frame.height = String(message.height);
    }
    if (message.type === 'clicked') frame.dispatchEvent(new CustomEvent('kudos:clicked', { bubbles: true, detail: message }));
  });

  scan(document);
  // Buttons added later (infinite scroll, client-side rendering) are found too.
  new MutationObserver((changes) => changes.some((change) => change.addedNodes.length) && scan(document)).observe(document.documentElement, {
    childList: true,
    subtree: true,
  });
})();
