// What a `<a class="kudos-button">` names: the same reading in the loader and the renderer.

export interface LinkedThing {
  owner: string;
  url: string;
  title: string;
}

export function thingOfLink(link: HTMLAnchorElement): LinkedThing {
  const data = link.dataset;
  const canonical = document.querySelector<HTMLLinkElement>('link[rel=canonical]');
  return { owner: (data.owner ?? '').toLowerCase(), url: data.url ?? canonical?.href ?? location.href, title: data.title ?? document.title };
}

/** The `t` of GET /api/v1/counts. */
export const countsKey = (thing: LinkedThing) => `${thing.owner}:${thing.url}`;
