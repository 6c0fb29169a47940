import type { ConsentRequirement, JoinTicket, PlayerSession } from '../../model/consent.js';
import type { ConsentsPort, IdentRequest } from '../../model/ports.js';
import type { ConsentFlowEvent, ConsentRunOptions, GuardedAction } from '../consent-flow.js';
import { LazyConsentFlow } from '../lazy-consent-flow.js';
import { runtimeEvent } from './announce.js';
import type { RuntimeEvent } from './events.js';
import type { KitHost } from './kit-host.js';
import type { KitOptions } from './kits.js';

/** The consents port with its consent rounds, and the actions that run through them. */
export interface ConsentsFeature {
  port: ConsentsPort;
  flow: LazyConsentFlow;
  /** Runs an action that consents may interrupt, until it goes through. Needs a prompt on the page to show it. */
  guard<T>(action: GuardedAction<T>, options?: ConsentRunOptions): Promise<T>;
  identify(request: IdentRequest, options?: ConsentRunOptions): Promise<PlayerSession>;
  joinServer(serverId: string, join?: { password?: string }, options?: ConsentRunOptions): Promise<JoinTicket>;
  /** Shows documents for reading only; resolves when the player closes them. */
  review(requirement: ConsentRequirement, origin?: object): Promise<void>;
}

/** Builds the consent rounds on the game's port, or on the adapter `adapter` makes. */
export function consentsFeature(host: KitHost, adapter: (options: KitOptions) => ConsentsPort): ConsentsFeature {
  const { config, page } = host;
  const port = config.ports.consents ?? adapter(host.options(config.nodecraftUrl, config.secrets.nodecraft));
  const flow = new LazyConsentFlow({ consents: port, storage: page.storage }, () => import('../consent-flow.js'));
  flow.subscribe((_state, event) => {
    if (!event) return;
    // Kept once the vendor took them: an acceptance that was never signed proves nothing.
    if (event.type === 'completed') for (const receipt of event.receipts) host.receipts.add(receipt);
    host.emit(consentAnnouncement(event, flow.audience.presenter));
  });
  const guard = <T>(action: GuardedAction<T>, options: ConsentRunOptions = {}) => {
    // Nobody could read the documents: the run would wait for ever.
    if (!options.origin && !flow.audience.size) return Promise.reject(new Error('playgate-provider: put a <playgate-consent-prompt> inside it first'));
    // A call from the game goes as the prompt that will show it would run it (its rounds, its storage).
    const run = options.origin ? options : { ...flow.audience.settings?.(), ...options };
    const playerId = config.playerId?.();
    return flow.run(action, playerId ? { playerId, ...run } : run);
  };
  return {
    port,
    flow,
    guard,
    identify: (request, options) => guard((accepted) => port.identify(request, accepted), options),
    joinServer: (serverId, join = {}, options) => guard(() => port.joinServer(serverId, join), options),
    review: (requirement, origin) => flow.review(requirement, { origin }),
  };
}

/** A consent round's news, sent by the prompt that presents it. Page ids and receipts: nothing secret. */
function consentAnnouncement(event: ConsentFlowEvent, view: object | undefined): RuntimeEvent {
  if (event.type === 'completed') return runtimeEvent('playgate-consent-completed', { rounds: event.rounds, receipts: [...event.receipts] }, view);
  const { scope, type, state } = event.requirement;
  const base = { scope, state, ...(type ? { type } : {}) };
  if (event.type === 'required') return runtimeEvent('playgate-consent-required', { ...base, round: event.round }, view);
  if (event.type === 'accepted') {
    const { pages } = event.document;
    return runtimeEvent('playgate-consent-accepted', { ...base, pageIds: pages.map((p) => p.pageId), receipt: event.receipt }, view);
  }
  return runtimeEvent('playgate-consent-declined', base, view);
}
