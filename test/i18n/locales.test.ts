import { expect } from '@open-wc/testing';
import { en } from '../../src/i18n/en.js';
import { directionOf, LOCALES, loadMessages, matchLocale, PSEUDO_LOCALE, resolveLocale, withFallback } from '../../src/i18n/locales.js';
import '../../src/elements/provider/provider.js';
import '../../src/elements/session-status/session-status.js';
import type { PlaygateProvider } from '../../src/elements/provider/provider.component.js';
import { memoryStorage } from '../../src/flows/storage.js';
import { startEmulator } from '../support/emulator.js';
import { cleanUp } from '../support/elements.js';
import { waitFor } from '../support/tick.js';

type Tree = { [key: string]: unknown };

/** Every key path of a catalog with the kind of value there: "status.loading: string". */
function shape(tree: unknown, path = ''): string[] {
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
      expect(shape(catalog)).to.deep.equal(shape(en));
      const translated = texts(catalog, locale);
      const english = texts(en, 'en');
      expect(translated.every((text) => text.trim().length > 0), 'no empty strings').to.equal(true);
      const same = translated.filter((text, i) => text === english[i] && text.length > 3);
      expect(same.length / translated.length, `left in English: ${same.join(' | ')}`).to.be.below(0.1);
    });
  }

  it('matches tags to what it speaks, regions and scripts included', () => {
    expect(matchLocale('pt-PT')).to.equal('pt-BR');
    expect(matchLocale('pt')).to.equal('pt-BR');
    expect(matchLocale('en-GB')).to.equal('en');
    expect(matchLocale('zh-CN')).to.equal('zh-Hans');
    expect(matchLocale('zh')).to.equal('zh-Hans');
    expect(matchLocale('zh-TW'), 'traditional characters are not spoken').to.equal(undefined);
    expect(matchLocale('ar-EG')).to.equal('ar');
    expect(matchLocale('de-AT')).to.equal('de');
    expect(matchLocale('sw')).to.equal(undefined);
    expect(matchLocale('not a tag!')).to.equal(undefined);
    expect(matchLocale(PSEUDO_LOCALE)).to.equal(PSEUDO_LOCALE);
  });

  it('resolves the first candidate it speaks, then English', () => {
    expect(resolveLocale(undefined, '', 'fr-CA', 'de')).to.equal('fr');
    expect(resolveLocale('sw', 'zh-TW', 'ja-JP')).to.equal('ja');
    expect(resolveLocale(null, 'sw')).to.equal('en');
  });

  it('writes Arabic right to left', () => {
    expect(directionOf('ar')).to.equal('rtl');
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
});
