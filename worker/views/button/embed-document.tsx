// /button/embed: the button page an oEmbed answer frames (WordPress, other CMSs). It shows the
// public count only, never the viewer's state (it is rendered without reading the session), and
// its one inline script (widget/sandbox/main.ts) sends the click to the first-party /give page.
import { renderToString } from 'preact-render-to-string';
import type { Words } from '../../../widget/common/button-words';
import { buttonFace } from '../../../widget/common/face';
import type { ButtonLook } from '../../../widget/common/options';
import type { PublicCounts } from '../../domain/click';
import { ButtonView } from './Button';

export interface EmbedDocumentProps {
  look: ButtonLook;
  words: Words;
  counts: PublicCounts;
  /** Same-origin path of the /give page for this thing (the script adds what it learns). */
  give: string;
  assets: { css: string; script: string };
}

export function embedDocument({ look, words, counts, give, assets }: EmbedDocumentProps): string {
  const face = buttonFace(look, words, { status: 'signed_out', ...counts }, null, false);
  const body = renderToString(
    <div data-give={give}>
      <ButtonView face={face} style={look.style} />
    </div>,
  );
  return (
    `<!doctype html><html lang="${look.lang}" class="${look.theme}"><head><meta charset="utf-8">` +
    `<title>Kudos</title><style>${assets.css}</style></head>` +
    `<body>${body}<script>${assets.script}</script></body></html>`
  );
}
