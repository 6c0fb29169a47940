// Namazu Elements sign-in.
import { ElementsBackend } from '../../../backends/elements/elements-backend.js';
import type { IdentityKit } from '../../../flows/runtime/kits.js';

export const identityKit: IdentityKit = {
  port: ({ baseUrl, fetch, timeoutMs }) => new ElementsBackend({ baseUrl, fetch, timeoutMs }),
};
