// k-ID through the game's proxy, the upgrade flow and the game server's push.
import { KidBackend } from '../../../backends/kid/kid-backend.js';
import { PermissionRequests } from '../../../flows/permission-requests.js';
import type { PermissionsKit } from '../kits.js';
import { PushChannel } from '../push-channel.js';

export const permissionsKit: PermissionsKit = {
  port: ({ baseUrl, fetch, secret, timeoutMs }) => new KidBackend({ baseUrl, token: secret, fetch, timeoutMs }),
  requests: (options) => new PermissionRequests(options),
  push: (baseUrl, handlers) => new PushChannel(baseUrl, handlers),
};
