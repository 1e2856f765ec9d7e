// Clickjacking defence: a click counts only when the button has been fully visible, unobscured
// and unfaded, for a moment. IntersectionObserver v2 (`trackVisibility`, Chromium) checks
// occlusion by anything on the embedding page; elsewhere we can only check it is fully in view.

const MIN_VISIBLE_MS = 500;

/** IntersectionObserver v2 additions, not yet in TypeScript's DOM types. */
interface VisibilityInit extends IntersectionObserverInit {
  trackVisibility?: boolean;
  delay?: number;
}
interface VisibilityEntry extends IntersectionObserverEntry {
  isVisible?: boolean;
}

/**
 * Watches `target` and returns a function saying whether a click may count now. It also marks
 * `target` with `data-armed` so tests (and the curious) can see the state.
 */
export function watchVisibility(target: HTMLElement): () => boolean {
  if (typeof IntersectionObserver === 'undefined') return () => true;
  let armed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (value: boolean) => {
    armed = value;
    target.dataset.armed = String(value);
  };
  arm(false);
  const observer = new IntersectionObserver(
    (entries) => {
      const entry = entries[entries.length - 1] as VisibilityEntry;
      const visible = entry.intersectionRatio > 0.99 && entry.isVisible !== false;
      if (!visible) {
        clearTimeout(timer);
        timer = undefined;
        return arm(false);
      }
      if (armed || timer) return; // still visible: nothing changes
      // Not at once: a page could slide the button under the pointer just before a click.
      timer = setTimeout(() => {
        timer = undefined;
        arm(true);
      }, MIN_VISIBLE_MS);
    },
    { threshold: [0.99, 1], trackVisibility: true, delay: 100 } as VisibilityInit,
  );
  observer.observe(target);
  return () => armed;
}
