import { en, type Messages } from './en.js';

/** Storybook's pseudo-locale: English, accented and stretched, to find untranslated and clipped text. */
export const PSEUDO_LOCALE = 'en-XA';

type Catalog = { default: Messages };

const LOADERS = {
  es: () => import('./locales/es.js'),
  fr: () => import('./locales/fr.js'),
  de: () => import('./locales/de.js'),
  it: () => import('./locales/it.js'),
  'pt-BR': () => import('./locales/pt-BR.js'),
  nl: () => import('./locales/nl.js'),
  pl: () => import('./locales/pl.js'),
  ja: () => import('./locales/ja.js'),
  ko: () => import('./locales/ko.js'),
  'zh-Hans': () => import('./locales/zh-Hans.js'),
  'zh-Hant': () => import('./locales/zh-Hant.js'),
  ar: () => import('./locales/ar.js'),
  ru: () => import('./locales/ru.js'),
  uk: () => import('./locales/uk.js'),
  tr: () => import('./locales/tr.js'),
  sv: () => import('./locales/sv.js'),
  da: () => import('./locales/da.js'),
  nb: () => import('./locales/nb.js'),
  fi: () => import('./locales/fi.js'),
  cs: () => import('./locales/cs.js'),
  hu: () => import('./locales/hu.js'),
  ro: () => import('./locales/ro.js'),
  el: () => import('./locales/el.js'),
  he: () => import('./locales/he.js'),
  fa: () => import('./locales/fa.js'),
  th: () => import('./locales/th.js'),
  vi: () => import('./locales/vi.js'),
  id: () => import('./locales/id.js'),
  hi: () => import('./locales/hi.js'),
} satisfies Record<string, () => Promise<Catalog>>;

/** The languages playgate speaks. English is built in; the others load when first used. */
export type SupportedLocale = 'en' | keyof typeof LOADERS;
export const LOCALES = ['en', ...Object.keys(LOADERS)] as readonly SupportedLocale[];

/**
 * The supported locale for a BCP 47 tag, or undefined: exact first, then the language
 * with its likely script or region (`pt-PT` → `pt-BR`, `en-GB` → `en`, `zh-CN` → `zh-Hans`,
 * `zh-TW` and `zh-HK` → `zh-Hant`, `no` and `nn` → `nb`, `iw` → `he`).
 */
export function matchLocale(tag: string | null | undefined): SupportedLocale | typeof PSEUDO_LOCALE | undefined {
  if (!tag) return undefined;
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag);
  } catch {
    return undefined;
  }
  if (locale.baseName.toLowerCase() === PSEUDO_LOCALE.toLowerCase()) return PSEUDO_LOCALE;
  const exact = LOCALES.find((supported) => supported.toLowerCase() === locale.baseName.toLowerCase());
  if (exact) return exact;
  const { language, script } = locale.maximize();
  if (language === 'zh') return script === 'Hant' ? 'zh-Hant' : 'zh-Hans';
  if (language === 'pt') return 'pt-BR';
  // Norwegian: Bokmål is what most Norwegians read; `no` is the macrolanguage, `nn` Nynorsk.
  if (language === 'no' || language === 'nn') return 'nb';
  // Hebrew's old code, still sent by some systems.
  if (language === 'iw') return 'he';
  return LOCALES.find((supported) => supported === language);
}

/** The first of the candidates playgate speaks (element, provider, page, browser), else English. */
export function resolveLocale(...candidates: ReadonlyArray<string | null | undefined>): SupportedLocale | typeof PSEUDO_LOCALE {
  for (const candidate of candidates) {
    const match = matchLocale(candidate);
    if (match) return match;
  }
  return 'en';
}

/** Right to left for Arabic, Hebrew and Persian (and Urdu, should it come). */
export function directionOf(locale: string): 'ltr' | 'rtl' {
  return /^(ar|he|fa|ur)(-|$)/i.test(locale) ? 'rtl' : 'ltr';
}

const loaded = new Map<string, Promise<Messages>>();

/** The catalog for a supported locale, with English for any key it lacks (warned once). */
export function loadMessages(locale: SupportedLocale | typeof PSEUDO_LOCALE): Promise<Messages> {
  if (locale === 'en') return Promise.resolve(en);
  let catalog = loaded.get(locale);
  if (!catalog) {
    catalog = locale === PSEUDO_LOCALE ? import('./pseudo.js').then(({ pseudoCatalog }) => pseudoCatalog(en)) : LOADERS[locale]().then((module) => withFallback(module.default, locale));
    loaded.set(locale, catalog);
  }
  return catalog;
}

const warned = new Set<string>();

const PLURAL_FORMS = ['zero', 'one', 'two', 'few', 'many', 'other'];

/** A `Plural`: an `other` form, and no key that is not a plural form. */
export const isPlural = (value: unknown): boolean =>
  typeof (value as { other?: unknown } | null)?.other === 'string' && Object.keys(value as object).every((key) => PLURAL_FORMS.includes(key));

/**
 * Fills what a catalog lacks (or has of the wrong kind) with English, warning once per
 * key: a missing string is never blank and never silent.
 */
export function withFallback(catalog: unknown, locale: string, english: unknown = en, path = ''): Messages {
  // Plural forms: each language has its own set (CLDR), so a catalog's is taken whole.
  if (isPlural(english)) {
    if (!isPlural(catalog)) warnOnce(locale, path);
    return (isPlural(catalog) ? catalog : english) as Messages;
  }
  if (typeof english !== 'object' || english === null) {
    const sameKind = typeof catalog === typeof english;
    if (!sameKind) warnOnce(locale, path);
    return (sameKind ? catalog : english) as Messages;
  }
  const given = typeof catalog === 'object' && catalog !== null ? (catalog as Record<string, unknown>) : {};
  // English has only the sections of the elements loaded so far: the catalog keeps its others.
  const result: Record<string, unknown> = path ? {} : { ...given };
  for (const [key, value] of Object.entries(english)) {
    const at = path ? `${path}.${key}` : key;
    if (!(key in given)) {
      warnOnce(locale, at);
      result[key] = value;
    } else {
      result[key] = withFallback(given[key], locale, value, at);
    }
  }
  return result as unknown as Messages;
}

function warnOnce(locale: string, key: string): void {
  const id = `${locale}:${key}`;
  if (warned.has(id)) return;
  warned.add(id);
  console.warn(`playgate: the "${locale}" strings have no "${key}"; using English.`);
}
