// Nodecraft's Player Ident, Server Join and consents.
import { NodecraftBackend } from '../../../backends/nodecraft/nodecraft-backend.js';
import { registerKit } from '../kits.js';

registerKit('consents', {
  port: ({ baseUrl, fetch, secret, timeoutMs }) => new NodecraftBackend({ baseUrl, gameToken: secret, fetch, timeoutMs }),
});
