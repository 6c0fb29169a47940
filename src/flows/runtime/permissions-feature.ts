import type { PermissionsPort } from '../../model/ports.js';
import type { DecisionOutcome, DecisionRecord } from '../../model/receipt.js';
import { decisionRecord, type DecisionFields } from '../receipts/decisions.js';
import { AgeVerificationFlow, type VerificationEvent } from '../age-verification.js';
import { PermissionRequests } from '../permission-requests.js';
import { PushChannel } from '../push-channel.js';
import { runtimeEvent } from './announce.js';
import type { RuntimeEvent } from './events.js';
import type { RequestEvent } from '../permission-requests.js';
import type { KitHost } from './kit-host.js';
import type { KitOptions } from './kits.js';
import { PushFanout } from './push-fanout.js';

/** The permissions port with the flows on it: upgrades and the wait for a parent, and the server's push. */
export interface PermissionsFeature {
  port: PermissionsPort;
  requests: PermissionRequests;
  /** An unverified adult's own age check. */
  verification: AgeVerificationFlow;
  /** Opens the game server's push; answers the way to close it. */
  start(): () => void;
  visibilityChanged(): void;
  focused(): void;
}

/** Builds the permissions feature on the game's port, or on the adapter `adapter` makes. */
export function permissionsFeature(host: KitHost, adapter: (options: KitOptions) => PermissionsPort): PermissionsFeature {
  const { config, page, store, watch } = host;
  const port = config.ports.permissions ?? adapter(host.options(config.kidUrl, config.secrets.kid));
  store.connect({ permissions: port });
  let push: PushChannel | undefined;
  const pushed = new PushFanout(() => push?.connected ?? false);
  const isVisible = () => page.isVisible();
  const requests = new PermissionRequests({ port, store, storage: page.storage, timers: page.timers, isVisible, push: pushed, wait: config.challengeWait });
  /** Each outcome as a record: into the receipts, and into its event's detail. */
  const decide = (fields: Omit<DecisionFields, 'vendor' | 'playerId'>): DecisionRecord => {
    const decision = decisionRecord({ ...fields, vendor: port.vendor ?? 'custom', playerId: config.playerId?.() });
    host.receipts.add(decision);
    return decision;
  };
  requests.subscribe((_state, event) => {
    if (event) for (const announcement of requestAnnouncements(event, requests.audience.presenter, decide)) host.emit(announcement);
  });
  const verification = new AgeVerificationFlow({ port, store, timers: page.timers, isVisible });
  verification.subscribe((_state, event) => {
    if (event) host.emit(verificationAnnouncement(event, verification.audience.presenter, decide));
  });
  return {
    port,
    requests,
    verification,
    start() {
      // Receipts a closed page could not report yet.
      void host.receipts.flush();
      // The game server's stream lives beside its k-ID proxy; a game's own port has none.
      if (config.kidUrl && !push) {
        push = new PushChannel(config.kidUrl, { open: page.openStream, isVisible }, {
          changed: () => {
            watch.pushed();
            // A verification's webhook comes as a change: its status read decides.
            verification.wake();
          },
          adopt: (sessionId) => {
            if (sessionId && sessionId !== store.sessionId) void store.adoptSession(sessionId);
            else watch.pushed();
          },
          connection: () => {
            pushed.connectionChanged();
          },
          challenge: (update) => {
            pushed.deliver(update);
          },
        });
      }
      return () => {
        push?.close();
        push = undefined;
      };
    },
    visibilityChanged() {
      push?.visibilityChanged();
      requests.visibilityChanged();
      verification.visibilityChanged();
    },
    focused() {
      requests.wake();
      verification.wake();
    },
  };
}

/** An unverified adult's age check: for no feature in particular, so no permissions named. */
function verificationAnnouncement(event: VerificationEvent, view: object | undefined, decide: Decide): RuntimeEvent {
  if (event.type === 'started') return runtimeEvent('playgate-age-verification-started', { permissions: [] }, view);
  const decision = decide({ permissions: [], outcome: event.type === 'verified' ? 'age-verified' : 'age-check-failed', by: 'age-check', verificationId: event.verificationId });
  return runtimeEvent(event.type === 'verified' ? 'playgate-age-verified' : 'playgate-age-verification-failed', { permissions: [], decision }, view);
}

type Decide = (fields: Omit<DecisionFields, 'vendor' | 'playerId'>) => DecisionRecord;

/** What a refusal was, as a record says it: kept off after a yes is `locked`. */
function outcomeOf(reason: Extract<RequestEvent, { type: 'denied' }>['reason']): DecisionOutcome {
  if (reason === 'not-available' || reason === 'turned-off') return 'locked';
  return reason === 'age-check-failed' ? 'age-check-failed' : 'denied';
}

/** A permission request's news, sent by the element that presents it. */
function requestAnnouncements(event: RequestEvent, view: object | undefined, decide: Decide): RuntimeEvent[] {
  if (event.type === 'granted') {
    const decision = decide({ permissions: event.permissions, outcome: 'granted', by: event.by, challengeId: event.challengeId });
    return [runtimeEvent('playgate-permission-granted', { permissions: [...event.permissions], decision }, view)];
  }
  if (event.type === 'denied') {
    const decision = decide({ permissions: event.permissions, outcome: outcomeOf(event.reason), by: event.by, challengeId: event.challengeId });
    return [runtimeEvent('playgate-permission-denied', { permissions: [...event.permissions], reason: event.reason, decision }, view)];
  }
  const { pending } = event;
  // Never the one-time code or link: those let a parent approve (or the player check their age).
  const permissions = pending.kind === 'upgrade' ? [...pending.permissions] : [];
  const about = { challengeId: pending.challengeId, kind: pending.kind, permissions };
  const ageCheck = pending.kind === 'upgrade' && pending.ageCheck === true;
  if (event.type === 'challenge-created') {
    const created = runtimeEvent('playgate-challenge-created', { ...about, type: event.challenge.type }, view);
    if (ageCheck) return [created, runtimeEvent('playgate-age-verification-started', { permissions }, view)];
    // The player may play, limited, while a parent decides (a valid state): the game hears what is on.
    const limited = event.challenge.limitedAccessWhileWaiting === true;
    return limited ? [created, runtimeEvent('playgate-limited-access', { challengeId: pending.challengeId, permissions: [...(event.challenge.limitedPermissions ?? [])] }, view)] : [created];
  }
  const resolved = runtimeEvent('playgate-challenge-resolved', { ...about, status: event.status === 'PASS' ? 'approved' : 'denied' }, view);
  if (!ageCheck) return [resolved];
  // The check's own outcome; what it turned on follows as its own record.
  const decision = decide({ permissions, outcome: event.status === 'PASS' ? 'age-verified' : 'age-check-failed', by: 'age-check', challengeId: pending.challengeId });
  return [resolved, runtimeEvent(event.status === 'PASS' ? 'playgate-age-verified' : 'playgate-age-verification-failed', { permissions, decision }, view)];
}
