import type { ConsentsPort, IdentityPort, PermissionsPort } from '../../model/ports.js';

/**
 * The three ports a provider composes. A game with its own backend passes its own
 * implementations; otherwise each comes from its vendor adapter, built from its URL.
 */
export interface PlaygatePorts {
  permissions?: PermissionsPort;
  consents?: ConsentsPort;
  identity?: IdentityPort;
}

/** What a runtime is built from: the provider's configuration. */
export interface RuntimeConfig {
  /** Absolute base URLs; empty when the port is not used. */
  kidUrl: string;
  nodecraftUrl: string;
  elementsUrl: string;
  /** A k-ID session id the page knows, kept across reloads from then on. */
  kidSessionId: string;
  /** The provider's own locale, before the page's and the browser's. */
  locale: string;
  timeoutMs: number;
  challengeWait: { minIntervalMs?: number; maxIntervalMs?: number; longPollSeconds?: number };
  /** The game's own ports, used instead of the vendor adapters. */
  ports: PlaygatePorts;
  /** The player's id as the game knows it, for receipts; read when one is made. Not a secret. */
  playerId?: () => string | undefined;
  /** Secrets, read when a call is made (JS properties of the provider, never stored). */
  secrets: { kid: () => string | undefined; nodecraft: () => string | undefined };
}
