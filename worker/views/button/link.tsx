// A Kudos button on Kudos' own pages: the very link other sites paste (docs/embed.md "The Kudos button
// on your site"), drawn by the same renderer that embed.js loads there. Without JavaScript it
// is a link to the first-party /give page.
import type { ButtonLook } from '../../../widget/common/options';

export interface ButtonLinkProps {
  thing: { owner: string; url: string; title: string };
  look: Partial<ButtonLook>;
  /** The link's words, read while the button is not drawn (no JavaScript) and by screen readers before. */
  label: string;
}

export function ButtonLink({ thing, look, label }: ButtonLinkProps) {
  return (
    <a
      class="kudos-button"
      href={`/give?${new URLSearchParams(thing)}`}
      data-owner={thing.owner}
      data-url={thing.url}
      data-title={thing.title}
      data-style={look.style}
      data-theme={look.theme}
      data-lang={look.lang}
    >
      {label}
    </a>
  );
}

/** The loader, once per page with buttons; it loads the renderer from this same origin. */
export const ButtonScript = () => <script async src="/embed.js"></script>;
