import { expect } from '@open-wc/testing';
import { addEnglish, en } from '../../src/i18n/en.js';
import { ageCheck } from '../../src/i18n/en/age-check.js';
import { ageGate } from '../../src/i18n/en/age-gate.js';
import { challenge } from '../../src/i18n/en/challenge.js';
import { changes } from '../../src/i18n/en/changes.js';
import { consent } from '../../src/i18n/en/consent.js';
import { request } from '../../src/i18n/en/request.js';
import { status } from '../../src/i18n/en/status.js';
import { history } from '../../src/i18n/en/history.js';
import { directionOf, isPlural, LOCALES, loadMessages, matchLocale, PSEUDO_LOCALE, resolveLocale, withFallback } from '../../src/i18n/locales.js';
import { plural, type Plural } from '../../src/i18n/format.js';
import '../../src/elements/provider/provider.js';
import '../../src/elements/session-status/session-status.js';
import type { PlaygateProvider } from '../../src/elements/provider/provider.component.js';
import { memoryStorage } from '../../src/flows/storage.js';
import { startEmulator } from '../support/emulator.js';
import { cleanUp } from '../support/elements.js';
import { waitFor } from '../support/tick.js';

// Every section, as when every element is loaded: each locale must have them all.
addEnglish({ ageCheck, ageGate, challenge, changes, consent, history, request, status });

type Tree = { [key: string]: unknown };

/** Every key path of a catalog with the kind of value there: "status.loading: string". */
function shape(tree: unknown, path = ''): string[] {
  // Plural forms differ by language: their set is checked against Intl.PluralRules below.
  if (isPlural(tree)) return [`${path}: plural`];
  if (typeof tree !== 'object' || tree === null) return [`${path}: ${typeof tree}`];
  return Object.entries(tree as Tree).flatMap(([key, value]) => shape(value, path ? `${path}.${key}` : key));
}

/** The strings a catalog shows, with sample arguments for the sentences functions build. */
function texts(tree: unknown, locale: string): string[] {
  if (typeof tree === 'string') return [tree];
  if (typeof tree === 'function') {
    const build = tree as (...args: unknown[]) => unknown;
    const args = Array.from({ length: build.length }, (_, i) => (i === 1 && build.length === 2 && build.name === 'list' ? locale : `«${String(i)}»`));
    const built = build.name === 'list' ? build(['«a»', '«b»'], locale) : build(...args);
    return typeof built === 'string' ? [built] : [];
  }
  if (typeof tree === 'object' && tree !== null) return Object.values(tree as Tree).flatMap((value) => texts(value, locale));
  return [];
}

describe('locales', () => {
  const others = LOCALES.filter((locale) => locale !== 'en');

  for (const locale of others) {
    it(`${locale} has every English key, each of the same kind, and is translated`, async () => {
      const { default: catalog } = (await import(`../../src/i18n/locales/${locale}.ts`)) as { default: unknown };
      // In any order: English's sections come in the order their elements load.
      expect(shape(catalog).sort()).to.deep.equal(shape(en).sort());
      const translated = texts(catalog, locale);
      const english = texts(en, 'en');
      expect(translated.every((text) => text.trim().length > 0), 'no empty strings').to.equal(true);
      const same = translated.filter((text, i) => text === english[i] && text.length > 3);
      expect(same.length / translated.length, `left in English: ${same.join(' | ')}`).to.be.below(0.1);
      // Plurals: the form this language picks for every count a player could see, and no form it never uses.
      const { enabledCount } = (catalog as typeof en).status;
      const rules = new Intl.PluralRules(locale);
      const needed = new Set(Array.from({ length: 1001 }, (_, n) => rules.select(n)));
      expect([...needed].filter((form) => !(form in enabledCount)), 'plural forms missing').to.deep.equal([]);
      // Forms beyond these may stay, for engines on another CLDR version (Hebrew's `many` came and went).
      expect(isPlural(enabledCount), 'only plural forms, `other` among them').to.equal(true);
    });
  }

  it('picks plural forms with Intl.PluralRules, several where a language has several', () => {
    const forms: Plural = { one: 'one {n}', two: 'two {n}', few: 'few {n}', many: 'many {n}', zero: 'zero {n}', other: 'other {n}' };
    const pick = (locale: string, n: number) => plural(forms, n, locale, { n: String(n) });
    expect([1, 2, 5, 22, 25].map((n) => pick('pl', n))).to.deep.equal(['one 1', 'few 2', 'many 5', 'few 22', 'many 25']);
    expect([0, 1, 2, 5, 11, 100].map((n) => pick('ar', n))).to.deep.equal(['zero 0', 'one 1', 'two 2', 'few 5', 'many 11', 'other 100']);
    expect([1, 3, 5, 21].map((n) => pick('en', n))).to.deep.equal(['one 1', 'other 3', 'other 5', 'other 21']);
    for (const locale of ['ru', 'uk']) expect([1, 2, 5, 11, 21, 22].map((n) => pick(locale, n))).to.deep.equal(['one 1', 'few 2', 'many 5', 'many 11', 'one 21', 'few 22']);
    expect([1, 2, 4, 5].map((n) => pick('cs', n))).to.deep.equal(['one 1', 'few 2', 'few 4', 'other 5']);
  });

  it('matches tags to what it speaks, regions and scripts included', () => {
    expect(matchLocale('pt-PT')).to.equal('pt-BR');
    expect(matchLocale('pt')).to.equal('pt-BR');
    expect(matchLocale('en-GB')).to.equal('en');
    expect(matchLocale('zh-CN')).to.equal('zh-Hans');
    expect(matchLocale('zh')).to.equal('zh-Hans');
    expect(matchLocale('zh-TW'), 'traditional characters').to.equal('zh-Hant');
    expect(matchLocale('zh-HK')).to.equal('zh-Hant');
    expect(matchLocale('zh-Hant-MO')).to.equal('zh-Hant');
    expect(matchLocale('zh-SG')).to.equal('zh-Hans');
    expect(matchLocale('nb-NO')).to.equal('nb');
    expect(matchLocale('no')).to.equal('nb');
    expect(matchLocale('nn-NO')).to.equal('nb');
    expect(matchLocale('fa-IR')).to.equal('fa');
    expect(matchLocale('he-IL')).to.equal('he');
    expect(matchLocale('iw')).to.equal('he');
    expect(matchLocale('uk-UA')).to.equal('uk');
    expect(matchLocale('sv-FI')).to.equal('sv');
    expect(matchLocale('hi-IN')).to.equal('hi');
    expect(matchLocale('ar-EG')).to.equal('ar');
    expect(matchLocale('de-AT')).to.equal('de');
    expect(matchLocale('sw')).to.equal(undefined);
    expect(matchLocale('not a tag!')).to.equal(undefined);
    expect(matchLocale(PSEUDO_LOCALE)).to.equal(PSEUDO_LOCALE);
  });

  it('resolves the first candidate it speaks, then English', () => {
    expect(resolveLocale(undefined, '', 'fr-CA', 'de')).to.equal('fr');
    expect(resolveLocale('sw', 'kk-KZ', 'ja-JP')).to.equal('ja');
    expect(resolveLocale(null, 'sw')).to.equal('en');
  });

  it('writes Arabic, Hebrew and Persian right to left', () => {
    expect(directionOf('ar')).to.equal('rtl');
    expect(directionOf('he')).to.equal('rtl');
    expect(directionOf('fa')).to.equal('rtl');
    expect(directionOf('fr')).to.equal('ltr');
  });

  it('fills a missing key with English and warns once', () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (message: string) => {
      warnings.push(message);
    };
    try {
      const partial = { ...en, status: { ...en.status, loading: undefined } } as unknown;
      delete (partial as { status: Tree }).status.loading;
      const first = withFallback(partial, 'xx-test');
      const second = withFallback(partial, 'xx-test');
      expect(first.status.loading).to.equal(en.status.loading);
      expect(second.status.loading).to.equal(en.status.loading);
      expect(warnings).to.deep.equal(['playgate: the "xx-test" strings have no "status.loading"; using English.']);
    } finally {
      console.warn = original;
    }
  });

  it('pseudo-localizes every string, longer and bracketed', async () => {
    const pseudo = await loadMessages(PSEUDO_LOCALE);
    expect(pseudo.request.turnOn).to.match(/^\[Ţûŕñ öñ( ~)+\]$/);
    expect(pseudo.changes.parentOn('voice chat')).to.match(/^\[.*ṽöîçé çĥàţ.*\]$/);
  });
});

describe('locales in the elements', () => {
  afterEach(() => {
    cleanUp();
    document.documentElement.lang = 'en';
  });

  async function mounted(setUp: (provider: PlaygateProvider) => void = () => undefined) {
    const emu = await startEmulator('child');
    await emu.link('pip', 'session-pip');
    document.cookie = 'player=pip; path=/';
    const provider = document.createElement('playgate-provider');
    provider.kidUrl = `${emu.base}/api/kid/`;
    provider.storage = memoryStorage();
    setUp(provider);
    const status = document.createElement('playgate-session-status');
    provider.append(status);
    document.body.append(provider);
    const base = () => status.shadowRoot?.querySelector<HTMLElement>('[part="base"]') ?? null;
    return { provider, status, base };
  }

  it("speaks the page's language when the provider names none", async () => {
    document.documentElement.lang = 'fr';
    const { base } = await mounted();
    await waitFor(() => base()?.getAttribute('lang') === 'fr' && base()?.textContent.includes('enfant') === true, 'French');
  });

  it("takes the provider's locale over the page's, and an element's own lang over both", async () => {
    document.documentElement.lang = 'fr';
    const { status, base } = await mounted((provider) => {
      provider.locale = 'es';
    });
    await waitFor(() => base()?.getAttribute('lang') === 'es', 'Spanish from the provider');
    status.lang = 'de-AT';
    await waitFor(() => base()?.getAttribute('lang') === 'de', "German from the element's own lang");
  });

  it('lays Arabic out right to left, and passes axe there', async () => {
    const { status, base } = await mounted((provider) => {
      provider.locale = 'ar';
    });
    await waitFor(() => base()?.getAttribute('dir') === 'rtl' && base()?.textContent.includes('طفل') === true, 'Arabic, right to left');
    expect(getComputedStyle(base()!).direction).to.equal('rtl');
    await expect(status).to.be.accessible();
  });

  for (const locale of ['he', 'fa'] as const) {
    it(`lays ${locale} out right to left in its own words, and passes axe there`, async () => {
      const words = await loadMessages(locale);
      const { status, base } = await mounted((provider) => {
        provider.locale = locale;
      });
      await waitFor(() => base()?.getAttribute('dir') === 'rtl' && base()?.textContent.includes(words.status.ageStatus.DIGITAL_MINOR) === true, `${locale}, right to left`);
      expect(getComputedStyle(base()!).direction).to.equal('rtl');
      await expect(status).to.be.accessible();
    });
  }
});
