// Nodecraft's Player Ident, Server Join and consents.
import { NodecraftBackend } from '../../../backends/nodecraft/nodecraft-backend.js';
import type { ConsentsKit } from '../kits.js';

export const consentsKit: ConsentsKit = {
  port: ({ baseUrl, fetch, secret, timeoutMs }) => new NodecraftBackend({ baseUrl, gameToken: secret, fetch, timeoutMs }),
};
