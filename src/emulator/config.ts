/** Fixed, documented defaults (docs/emulator.md); every one can be overridden. */
export interface EmulatorConfig {
  /** The k-ID API key the emulator accepts (`Authorization: Bearer …`). */
  kidApiKey: string;
  /** The secret k-ID webhooks are signed with. */
  webhookSecret: string;
  /** Where webhooks are POSTed; none are sent while unset. */
  webhookUrl?: string;
  /** The Nodecraft game access token. */
  gameToken: string;
  /** Challenge polls closer together than this get 429 with Retry-After. */
  minPollIntervalMs: number;
  /** Whether the legacy `/challenge/await` long poll exists; k-ID's current docs list only get-status. */
  legacyAwait: boolean;
  /** A PASS that names no session (wire.md A.3): the player's age gate must be asked again. */
  omitSessionIdOnPass: boolean;
  /** A parent's PASS on an upgrade leaves the permissions off (a parent turned it off again, say). */
  passLeavesPermissionsOff: boolean;
  /** Parental challenges allow limited access while the parent decides (`childLiteAccessEnabled`). */
  limitedAccess: boolean;
  /** How long a one-time code (and the QR URL that holds it) works. */
  otpTtlMs: number;
  /** Elements' sliding session timeout. */
  elementsSessionTimeoutMs: number;
}

export const DEFAULT_CONFIG: EmulatorConfig = {
  kidApiKey: 'emulator-kid-key',
  webhookSecret: 'emulator-webhook-secret',
  gameToken: 'emulator-game-token',
  minPollIntervalMs: 1000,
  legacyAwait: true,
  omitSessionIdOnPass: false,
  passLeavesPermissionsOff: false,
  limitedAccess: false,
  otpTtlMs: 10 * 60 * 1000,
  elementsSessionTimeoutMs: 172_800 * 1000,
};
