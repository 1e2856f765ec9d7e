// What a creator copies to put Kudos on their pages. The widget owns the loader; these strings
// only point at it, so they change in one place if its markup does.

/** The button: a plain link (it works without JavaScript) that the loader turns into the button. */
export function embedSnippet(origin: string, handle: string, pageUrl = 'https://your.site/your-post'): string {
  const href = `${origin}/thing?owner=${encodeURIComponent(handle)}&url=${encodeURIComponent(pageUrl)}`;
  return `<a class="kudos-button" href="${href}" data-owner="${handle}" data-url="${pageUrl}">Give kudos</a>\n<script async crossorigin="anonymous" src="${origin}/embed.js"></script>`;
}

/** A badge for README files, where neither scripts nor iframes run. */
export function badgeMarkdown(origin: string, handle: string): string {
  return `[![Kudos](${origin}/badge/${handle}.svg)](${origin}/@${handle})`;
}
