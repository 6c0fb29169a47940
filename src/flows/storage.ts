/** Where non-secret state (the k-ID session id, a pending challenge id) survives a reload. */
export interface KeyValueStorage {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export function memoryStorage(): KeyValueStorage {
  const values = new Map<string, string>();
  return {
    get: (key) => values.get(key),
    set: (key, value) => {
      values.set(key, value);
    },
    remove: (key) => {
      values.delete(key);
    },
  };
}

/**
 * A Web Storage that may throw (third-party iframes, some webviews, full quota) becomes
 * memory for the rest of the page's life, instead of breaking the widget.
 */
export function safeStorage(open: () => Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>, prefix = 'playgate:'): KeyValueStorage {
  const fallback = memoryStorage();
  let backing: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined;
  try {
    backing = open();
    backing.setItem(`${prefix}probe`, '1');
    backing.removeItem(`${prefix}probe`);
  } catch {
    backing = undefined;
  }
  const attempt = <T>(use: (store: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>) => T, otherwise: () => T): T => {
    if (!backing) return otherwise();
    try {
      return use(backing);
    } catch {
      backing = undefined;
      return otherwise();
    }
  };
  return {
    get: (key) => attempt((s) => s.getItem(prefix + key) ?? undefined, () => fallback.get(key)),
    set: (key, value) => {
      fallback.set(key, value);
      attempt((s) => {
        s.setItem(prefix + key, value);
      }, () => undefined);
    },
    remove: (key) => {
      fallback.remove(key);
      attempt((s) => {
        s.removeItem(prefix + key);
      }, () => undefined);
    },
  };
}
