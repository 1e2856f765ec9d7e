// The iframe's whole document, rendered on the server so the button paints from the first
// response: markup, CSS inline, the boot data; the script (cached for good) only hydrates it.
import { renderToString } from 'preact-render-to-string';
import { BOOT_ELEMENT_ID, ROOT_ELEMENT_ID, type ButtonBoot } from '../../../widget/common/boot';
import { jsonForScript } from '../escape';
import { ButtonView } from './Button';
import { buttonFace } from '../../../widget/common/face';

export interface ButtonAssets {
  css: string;
  /** Same-origin path of the hydrating script, e.g. /w/button-3f2a.js. */
  script: string;
}

export function buttonDocument(boot: ButtonBoot, assets: ButtonAssets): string {
  const face = buttonFace(boot.look, boot.words, boot.counts, null, false);
  const body = renderToString(<ButtonView face={face} style={boot.look.style} />);
  return (
    `<!doctype html><html lang="${boot.look.lang}" class="${boot.look.theme}"><head><meta charset="utf-8">` +
    `<title>Kudos</title><style>${assets.css}</style>` +
    `<script type="module" src="${assets.script}"></script></head>` +
    `<body><div id="${ROOT_ELEMENT_ID}">${body}</div>` +
    `<script type="application/json" id="${BOOT_ELEMENT_ID}">${jsonForScript(boot)}</script></body></html>`
  );
}
