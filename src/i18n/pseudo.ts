const ACCENTED: Record<string, string> = {
  a: 'à', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'î', j: 'ĵ', k: 'ķ', l: 'ĺ', m: 'ɱ',
  n: 'ñ', o: 'ö', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'û', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'À', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Î', J: 'Ĵ', K: 'Ķ', L: 'Ĺ', M: 'Ṁ',
  N: 'Ñ', O: 'Ö', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Û', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};

/** "Turn on" → "[Ţûŕñ öñ ~~~]": accented, bracketed, and a third longer, as translations run. */
export function pseudo(text: string): string {
  // `{name}` placeholders of plural forms stay as they are.
  const accented = text.replace(/\{\w+\}|[A-Za-z]/g, (char) => ACCENTED[char] ?? char);
  return `[${accented}${' ~'.repeat(Math.max(1, Math.ceil(text.length / 6)))}]`;
}

/** Every string and every sentence a function builds, pseudo-localized. */
export function pseudoLocalize<T>(value: T): T {
  if (typeof value === 'string') return pseudo(value) as T;
  if (typeof value === 'function') {
    const build = value as (...args: unknown[]) => unknown;
    return ((...args: unknown[]) => {
      const built = build(...args);
      return typeof built === 'string' ? pseudo(built) : built;
    }) as T;
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, pseudoLocalize(inner)])) as T;
  }
  return value;
}


/**
 * The pseudo-locale of a catalog whose sections come later (each with its element): each
 * section is pseudo-localized when first read, from what English has then.
 */
export function pseudoCatalog<T extends object>(english: T): T {
  const done = new Map<PropertyKey, unknown>();
  return new Proxy(english, {
    get(target, key) {
      const section: unknown = Reflect.get(target, key);
      if (section === undefined) return undefined;
      if (!done.has(key)) done.set(key, pseudoLocalize(section));
      return done.get(key);
    },
  });
}
