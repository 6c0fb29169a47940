import { BodyTooLarge, readBody } from './body.js';
import { verificationKey, type Hub, type PlayerEvent } from './hub.js';
import { serverRecord, type Ledger } from './ledger/ledger.js';
import { observeWebhook } from './ledger/observe.js';

export interface WebhookReceiverOptions {
  /** k-ID's webhook secret. */
  secret: string;
  hub: Hub;
  /** Oldest (and furthest ahead) a signature timestamp may be. k-ID's docs: 5 minutes. */
  toleranceSeconds?: number;
  now?: () => number;
  /** Called after a webhook was verified and relayed; for logs and metrics. No secrets in it. */
  onEvent?: (eventType: string, data: Record<string, unknown>) => void;
  /** The largest body read before the signature is checked. Default 64 KiB. */
  maxBodyBytes?: number;
  /**
   * Keeps each verified challenge result, permission change, session delete, verification
   * result and parental consent in its player's ledger (ids and statuses only). A replay of
   * the same signed request adds nothing.
   */
  ledger?: Ledger;
}

export interface WebhookReceiver {
  readonly fetch: (request: Request) => Promise<Response>;
}

const encoder = new TextEncoder();

/** k-ID's age verification results; `AgeAssurance.Result` is the deprecated name of the first. */
const VERIFICATION_EVENTS = new Set(['Verification.Result', 'AgeAssurance.Result', 'Verification.Revoke']);

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[0-9a-f]{64}$/i.test(hex)) return undefined;
  const bytes = new Uint8Array(new ArrayBuffer(32));
  for (let i = 0; i < 32; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function answer(status: 200 | 400 | 401 | 405 | 413 | 503, result: string): Response {
  return Response.json({ result }, { status, ...(status === 503 ? { headers: { 'Retry-After': '5' } } : {}) });
}

/**
 * k-ID's webhooks, checked and relayed: HMAC-SHA256 of timestamp + raw body (compared in
 * constant time by WebCrypto), a 5-minute window, forged or stale ones refused (401),
 * replays and at-least-once duplicates acknowledged (200) with no second effect, unknown
 * types acknowledged, and each event passed to its player's open widgets.
 */
export function createWebhookReceiver(options: WebhookReceiverOptions): WebhookReceiver {
  const tolerance = options.toleranceSeconds ?? 300;
  const now = options.now ?? Date.now;
  const key = crypto.subtle.importKey('raw', encoder.encode(options.secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const { hub } = options;

  const text = (data: Record<string, unknown>, name: string) => (typeof data[name] === 'string' ? data[name] : undefined);

  /** The player a session, challenge or verification belongs to, as the proxy learnt it. */
  async function ownerOf(data: Record<string, unknown>): Promise<string | undefined> {
    const id = text(data, 'id') ?? '';
    const sessionId = text(data, 'sessionId');
    return (
      (sessionId && (await hub.players.playerOfSession(sessionId))) ||
      (await hub.players.playerOfSession(id)) ||
      (await hub.players.playerOfChallenge(id)) ||
      (await hub.players.playerOfChallenge(verificationKey(id)))
    );
  }

  /** Passes the event to its player's widgets; answers that player, when one is known. */
  async function relay(eventType: string, data: Record<string, unknown>): Promise<string | undefined> {
    const id = text(data, 'id') ?? '';
    const sessionId = text(data, 'sessionId');
    if (eventType === 'Session.ChangePermissions' || eventType === 'Session.Delete') {
      const player = await hub.players.playerOfSession(id);
      if (!player) return undefined;
      const deleted = eventType === 'Session.Delete';
      const event: PlayerEvent = { type: deleted ? 'session-deleted' : 'session-changed', sessionId: id };
      await hub.events.publish(player, event);
      // Forgotten only once told: a failed publish leaves the owner, so k-ID's retry finds the player.
      if (deleted) await hub.players.setSession(player, undefined);
      return player;
    } else if (eventType === 'Challenge.StateChange') {
      const player = await hub.players.playerOfChallenge(id);
      if (!player) return undefined;
      const status = text(data, 'status') ?? 'UNKNOWN';
      // A PASS after re-consent carries the player's new session.
      if (status === 'PASS' && sessionId) await hub.players.setSession(player, sessionId);
      await hub.events.publish(player, { type: 'challenge-changed', challengeId: id, status, ...(sessionId ? { sessionId } : {}) });
      return player;
    } else if (VERIFICATION_EVENTS.has(eventType)) {
      // The player proved (or lost) their age: their widgets read the verification and the session again.
      const player = await ownerOf(data);
      if (!player) return undefined;
      const status = eventType === 'Verification.Revoke' ? 'REVOKED' : (text(data, 'status') ?? text(data, 'result') ?? 'UNKNOWN');
      await hub.events.publish(player, { type: 'verification-changed', verificationId: id, status, ...(sessionId ? { sessionId } : {}) });
      return player;
    } else if (eventType === 'ParentalConsent.Granted') {
      const player = await ownerOf(data);
      const session = sessionId ?? (player ? await hub.players.sessionOf(player) : undefined);
      if (player && session) await hub.events.publish(player, { type: 'session-changed', sessionId: session });
      return player;
    }
    return undefined;
  }

  /** The event in its player's ledger. Its failure is not k-ID's to retry: the relay went through. */
  async function keep(player: string, eventType: string, data: Record<string, unknown>, signatureHex: string): Promise<void> {
    try {
      const observed = observeWebhook(eventType, data, signatureHex);
      if (observed && options.ledger) await options.ledger.append(serverRecord(player, observed.id, observed.observation, now()));
    } catch {
      // Lost from the ledger only; nothing about it is logged (the body may name a parent).
    }
  }

  return {
    async fetch(request) {
      if (request.method !== 'POST') return answer(405, 'method not allowed');
      let body: string;
      try {
        body = await readBody(request, options.maxBodyBytes);
      } catch (error) {
        if (error instanceof BodyTooLarge) return answer(413, 'too large');
        throw error;
      }
      const timestamp = request.headers.get('X-Signature-Timestamp') ?? '';
      const signature = hexToBytes(request.headers.get('X-Signature-Hmac-Sha256') ?? '');
      if (!/^\d+$/.test(timestamp) || !signature) return answer(401, 'unsigned');
      if (Math.abs(now() / 1000 - Number(timestamp)) > tolerance) return answer(401, 'stale');
      if (!(await crypto.subtle.verify('HMAC', await key, signature, encoder.encode(timestamp + body)))) {
        return answer(401, 'bad signature');
      }
      // The same signed request twice: k-ID retrying (or someone replaying it). Either way it was
      // already taken, so 200 with no second effect; k-ID would otherwise retry it again.
      const signatureHex = (request.headers.get('X-Signature-Hmac-Sha256') ?? '').toLowerCase();
      if (!(await hub.seen.firstSeen(`webhook-signature:${signatureHex}`, tolerance * 2))) return answer(200, 'duplicate');
      let parsed: { eventType?: unknown; data?: unknown };
      try {
        parsed = JSON.parse(body) as typeof parsed;
      } catch {
        return answer(400, 'not JSON');
      }
      const eventType = typeof parsed.eventType === 'string' ? parsed.eventType : '';
      const data = parsed.data !== null && typeof parsed.data === 'object' ? (parsed.data as Record<string, unknown>) : {};
      // Delivery is at-least-once: a retry of the same event (re-signed) is acknowledged, not relayed.
      // A parent may change permissions twice in a row, so that dedupe window is short.
      const field = (name: string) => (typeof data[name] === 'string' ? data[name] : '');
      const dedupeKey = `webhook-event:${eventType}:${field('id')}:${field('status')}`;
      const window = eventType === 'Session.ChangePermissions' ? 30 : 24 * 3600;
      if (!(await hub.seen.firstSeen(dedupeKey, window))) return answer(200, 'duplicate');
      let player: string | undefined;
      try {
        player = await relay(eventType, data);
      } catch {
        // Not relayed (the hub's store is away): forget it, so k-ID's retry is taken, not dropped as seen.
        await Promise.all([hub.seen.forget?.(dedupeKey), hub.seen.forget?.(`webhook-signature:${signatureHex}`)]).catch(() => undefined);
        return answer(503, 'try again');
      }
      if (player) await keep(player, eventType, data, signatureHex);
      options.onEvent?.(eventType, data);
      return answer(200, 'accepted');
    },
  };
}
