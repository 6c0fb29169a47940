import type { IdentityPort } from '../../model/ports.js';
import type { ConsentsFeature } from './consents-feature.js';
import type { KitHost } from './kit-host.js';
import type { PermissionsFeature } from './permissions-feature.js';

/** What every adapter is built from: the port's base URL, the fetch, and a secret's getter. */
export interface KitOptions {
  baseUrl: string;
  /** The provider's injected fetch, or the page's. */
  fetch: typeof globalThis.fetch;
  /** The port's secret, read when a call is made (a JS property of the provider). */
  secret: () => string | undefined;
  /** How long one call may take, retries included. */
  timeoutMs: number;
}

/** The permissions port (the game's, or the k-ID adapter), the upgrade flow on it, and the game server's push. */
export interface PermissionsKit {
  connect(host: KitHost): PermissionsFeature;
}

/** The consents port (the game's, or the Nodecraft adapter) and the consent rounds on it. */
export interface ConsentsKit {
  connect(host: KitHost): ConsentsFeature;
}

export interface IdentityKit {
  port(options: KitOptions): IdentityPort;
}

export interface Kits {
  permissions?: PermissionsKit;
  consents?: ConsentsKit;
  identity?: IdentityKit;
}

export type KitName = keyof Kits;

const registered: Kits = {};
const listeners = new Set<(name: KitName) => void>();

/**
 * Each element registers the kits it needs (when its tag is defined, and when one is
 * made), so a game that ships one element ships only that element's adapter and flows.
 * The first registration wins; a provider that started without a kit hears when it arrives.
 */
export function registerKit<K extends KitName>(name: K, kit: NonNullable<Kits[K]>): void {
  if (registered[name]) return;
  registered[name] = kit;
  for (const listener of listeners) listener(name);
}

/** Calls `listener` with each kit registered from now on; returns the way to stop. */
export function onKit(listener: (name: KitName) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function kit<K extends KitName>(name: K): Kits[K] {
  return registered[name];
}

const warned = new Set<KitName>();

/** The kit, or a warning (once per page) that a configured port has no element loaded to bring it. */
export function kitOrWarn<K extends KitName>(name: K): Kits[K] {
  const found = registered[name];
  if (!found && !warned.has(name)) {
    warned.add(name);
    console.warn(`playgate-provider: ${name} is set up, but no element that uses it is loaded yet.`);
  }
  return found;
}
