// Emails as plain text and simple HTML, drawn from one list of blocks so the two never differ.
import { render } from 'preact-render-to-string';

export type Block = { p: string } | { link: string; label: string } | { list: string[] };

export interface Letter {
  subject: string;
  blocks: Block[];
  /** The footer's line under a rule: why the person gets this, and how to stop it. */
  footer: string;
  /** The one-click unsubscribe address, for messages that are not about security. */
  unsubscribe?: { url: string; label: string } | undefined;
}

export function letterText(letter: Letter): string {
  const parts = letter.blocks.map((b) => ('p' in b ? b.p : 'link' in b ? `${b.label}:\n${b.link}` : b.list.map((item) => `- ${item}`).join('\n')));
  const footer = [letter.footer, ...(letter.unsubscribe ? [`${letter.unsubscribe.label}: ${letter.unsubscribe.url}`] : [])].join('\n');
  return `${parts.join('\n\n')}\n\n-- \n${footer}\n`;
}

export function letterHtml(letter: Letter, lang: string): string {
  const body = (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="color-scheme" content="light dark" />
        <title>{letter.subject}</title>
      </head>
      <body style="font-family: system-ui, sans-serif; line-height: 1.5; max-width: 36em; margin: 0 auto; padding: 1em">
        {letter.blocks.map((b) =>
          'p' in b ? (
            <p>{b.p}</p>
          ) : 'link' in b ? (
            <p>
              <a href={b.link} style="display: inline-block; padding: 0.5em 1em; border-radius: 6px; background: #2563eb; color: #fff; text-decoration: none">
                {b.label}
              </a>
              <br />
              <small style="color: #555">{b.link}</small>
            </p>
          ) : (
            <ul>
              {b.list.map((item) => (
                <li>{item}</li>
              ))}
            </ul>
          ),
        )}
        <hr />
        <p style="color: #555; font-size: 0.9em">
          {letter.footer}
          {letter.unsubscribe && (
            <>
              {' '}
              <a href={letter.unsubscribe.url}>{letter.unsubscribe.label}</a>
            </>
          )}
        </p>
      </body>
    </html>
  );
  return `<!doctype html>${render(body)}`;
}
