// Nodecraft's Player Ident, Server Join and consents, and the consent rounds.
import { PlaygateError } from '../../../model/error.js';
import type { ConsentsPort } from '../../../model/ports.js';
import { consentsFeature } from '../../../flows/runtime/consents-feature.js';
import type { ConsentsKit, KitOptions } from '../../../flows/runtime/kits.js';
import { lazyPart, whenIdle } from '../../shared/lazy.js';

// The adapter (its wire schemas and the fetch layer with them) loads on the first call, or
// while the page is idle: nothing is asked of Nodecraft before the game signs a player in.
const nodecraft = lazyPart(() => import('../../../backends/nodecraft/nodecraft-backend.js'));

/** The Nodecraft adapter behind the consents port, built when its code has come. */
function lazyNodecraft({ baseUrl, fetch, secret, timeoutMs }: KitOptions): ConsentsPort {
  let port: ConsentsPort | undefined;
  const ready = async () => {
    // Its code not coming is the network's failure, with the usual retry.
    const { NodecraftBackend } = await nodecraft.load().catch((error: unknown) => Promise.reject(PlaygateError.from(error)));
    return (port ??= new NodecraftBackend({ baseUrl, gameToken: secret, fetch, timeoutMs }));
  };
  whenIdle(() => void nodecraft.load(true).catch(() => undefined));
  return {
    vendor: 'nodecraft',
    identify: async (...args) => (await ready()).identify(...args),
    joinServer: async (...args) => (await ready()).joinServer(...args),
    getDocument: async (...args) => (await ready()).getDocument(...args),
    outstanding: async (...args) => (await ready()).outstanding?.(...args) ?? [],
    sign: async (...args) => (await ready()).sign(...args),
  };
}

export const consentsKit: ConsentsKit = {
  connect: (host) => {
    const feature = consentsFeature(host, lazyNodecraft);
    // The rounds' code too, so the first sign-in waits on no chunk.
    whenIdle(() => void feature.flow.ready().catch(() => undefined));
    return feature;
  },
};
