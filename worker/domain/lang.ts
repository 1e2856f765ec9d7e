// Which language a site page speaks: `?lang=` (remembered in the `lang` cookie), then the
// cookie, then the browser's Accept-Language, then English. Pure: http/lang.ts reads the
// request, views/words holds what each language says.
import { type ButtonLang, LANGS } from '../../widget/common/options';

export type SiteLang = ButtonLang;

function known(tag: string | undefined | null): SiteLang | undefined {
  const wanted = (tag ?? '').trim().toLowerCase().split(/[-_;]/)[0];
  return LANGS.find((l) => l === wanted);
}

/** The first language of ours in an Accept-Language header, by its q weights. */
export function fromAcceptLanguage(header: string | undefined | null): SiteLang | undefined {
  const ranked = (header ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? '1',
      );
      return { lang: known(tag), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((r) => r.lang && r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked[0]?.lang;
}

export function pickLang(query: string | undefined, cookie: string | undefined, acceptLanguage: string | undefined): SiteLang {
  return known(query) ?? known(cookie) ?? fromAcceptLanguage(acceptLanguage) ?? 'en';
}
