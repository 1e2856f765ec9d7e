// The button's markup, rendered by Preact on the server so the iframe paints from its first
// response. The browser never downloads Preact: paint.ts updates these same elements in place
// (Preact 11 alone is 5 KB gzipped; the whole iframe's budget is 6 KB).
import type { ButtonFace } from '../../../widget/common/face';
import type { ButtonStyle } from '../../../widget/common/options';

export function ButtonView({ face, style }: { face: ButtonFace; style: ButtonStyle }) {
  return (
    <div class={face.className}>
      <button
        type="button"
        class="give"
        aria-pressed={face.pressed}
        aria-disabled={face.disabled || face.busy}
        aria-busy={face.busy}
        aria-label={style === 'compact' ? face.label : undefined}
        aria-describedby="kb-hint"
        title={face.hint}
      >
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <path d="M8 14.5S1.5 10.4 1.5 5.8A3.4 3.4 0 0 1 8 4.1a3.4 3.4 0 0 1 6.5 1.7C14.5 10.4 8 14.5 8 14.5z" />
        </svg>
        {style !== 'compact' && <span class="label">{face.label}</span>}
      </button>
      <span class="count" aria-live="polite" aria-atomic="true" title={face.countTitle}>
        <span class="n">{face.count}</span>
        <span class="sr">{face.unit}</span>
      </span>
      <span id="kb-hint" class="sr" aria-live="polite">
        {face.hint === face.label ? '' : face.hint}
      </span>
    </div>
  );
}
