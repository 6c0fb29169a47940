// Nodecraft's Player Ident, Server Join and consents, and the consent rounds.
import { NodecraftBackend } from '../../../backends/nodecraft/nodecraft-backend.js';
import { consentsFeature } from '../../../flows/runtime/consents-feature.js';
import type { ConsentsKit } from '../../../flows/runtime/kits.js';

export const consentsKit: ConsentsKit = {
  connect: (host) => consentsFeature(host, ({ baseUrl, fetch, secret, timeoutMs }) => new NodecraftBackend({ baseUrl, gameToken: secret, fetch, timeoutMs })),
};
