// embed.js: the one script a creator adds to a page. It only loads the renderer (widget/render/,
// a hashed file cached for good), which draws every <a class="kudos-button"> on the page from
// one counts request. Tiny and without dependencies (budget: 1 KB gzipped, scripts/size.mjs).
declare const __KUDOS_RENDERER__: string;

(() => {
  const script = document.currentScript as HTMLScriptElement | null;
  // Everything comes from where this script was loaded; nothing is hard-coded.
  if (!script || document.querySelector('script[data-kudos-renderer]')) return;
  const renderer = document.createElement('script');
  renderer.src = new URL(script.src).origin + __KUDOS_RENDERER__;
  renderer.async = true;
  // Without credentials: no cookie reaches Kudos before the reader acts.
  renderer.crossOrigin = 'anonymous';
  renderer.dataset.kudosRenderer = '';
  document.head.append(renderer);
})();
