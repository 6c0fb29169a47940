// Namazu Elements sign-in.
import { ElementsBackend } from '../../../backends/elements/elements-backend.js';
import { registerKit } from '../kits.js';

registerKit('identity', {
  port: ({ baseUrl, fetch, timeoutMs }) => new ElementsBackend({ baseUrl, fetch, timeoutMs }),
});
