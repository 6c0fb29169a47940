// Namazu Elements sign-in.
import { ElementsBackend } from '../../../backends/elements/elements-backend.js';
import { registerKit } from '../kits.js';

registerKit('identity', {
  port: ({ baseUrl, fetch }) => new ElementsBackend({ baseUrl, ...(fetch ? { fetch } : {}) }),
});
