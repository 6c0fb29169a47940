// k-ID through the game's proxy, the upgrade flow and the game server's push.
import { KidBackend } from '../../../backends/kid/kid-backend.js';
import type { PermissionsKit } from '../../../flows/runtime/kits.js';
import { permissionsFeature } from '../../../flows/runtime/permissions-feature.js';

export const permissionsKit: PermissionsKit = {
  connect: (host) => permissionsFeature(host, ({ baseUrl, fetch, secret, timeoutMs }) => new KidBackend({ baseUrl, token: secret, fetch, timeoutMs })),
};
