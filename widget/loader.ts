// embed.js: the one script a creator adds to a page. It loads the renderer (widget/render/, a
// hashed file cached for good), which draws every <a class="kudos-button"> on the page, and, for
// the links already there, asks for their counts at the same time (one request, no cookies), so
// the buttons paint after two round trips, not three. Tiny and without dependencies (budget:
// 1 KB gzipped, scripts/size.mjs).
import { countsRequest, MAX_THINGS_PER_REQUEST, PREFETCH_KEY, type Prefetch } from './common/counts-request';
import { countsKey, thingOfLink } from './common/thing-of-link';

declare const __KUDOS_RENDERER__: string;

(() => {
  const script = document.currentScript as HTMLScriptElement | null;
  // Everything comes from where this script was loaded; nothing is hard-coded.
  if (!script || document.querySelector('script[data-kudos-renderer]')) return;
  const kudos = new URL(script.src).origin;
  // Only once the page is parsed: the renderer then finds exactly these links and takes this answer.
  const links = document.readyState === 'loading' ? [] : [...document.querySelectorAll<HTMLAnchorElement>('a.kudos-button')].slice(0, MAX_THINGS_PER_REQUEST);
  const keys = links.map((link) => countsKey(thingOfLink(link)));
  if (keys.length) (window as unknown as Record<string, Prefetch>)[PREFETCH_KEY] = { keys: keys.join('\n'), answer: countsRequest(kudos, keys) };
  const renderer = document.createElement('script');
  renderer.src = kudos + __KUDOS_RENDERER__;
  renderer.async = true;
  // Without credentials: no cookie reaches Kudos before the reader acts.
  renderer.crossOrigin = 'anonymous';
  renderer.dataset.kudosRenderer = '';
  document.head.append(renderer);
})();
