// The site pages' words in every language; which one a page speaks is chosen in domain/lang.ts.
import { de } from './de';
import { en, type SiteWords } from './en';
import { sv } from './sv';
import type { SiteLang } from '../../domain/lang';

export type { SiteLang } from '../../domain/lang';

export type { SiteWords };

export const SITE_WORDS: Record<SiteLang, SiteWords> = { en, de, sv };
export const LANG_NAMES: Record<SiteLang, string> = { en: 'English', de: 'Deutsch', sv: 'Svenska' };
