import type { Identity, Profile } from '../../model/identity.js';
import type { ElementsProfile, ElementsSession } from './wire.js';

export function toProfile(wire: ElementsProfile): Profile {
  return {
    id: wire.id,
    displayName: wire.displayName,
    ...(wire.imageUrl ? { imageUrl: wire.imageUrl } : {}),
    ...(wire.application ? { applicationId: wire.application.id, applicationName: wire.application.name } : {}),
  };
}

export function toIdentity(wire: ElementsSession): Identity {
  return {
    user: {
      id: wire.user.id,
      name: wire.user.name,
      level: wire.user.level,
      ...(wire.user.displayName ? { displayName: wire.user.displayName } : {}),
      ...(wire.user.email ? { email: wire.user.email } : {}),
    },
    ...(wire.profile ? { profile: toProfile(wire.profile) } : {}),
    ...(wire.application ? { applicationId: wire.application.id } : {}),
    expiresAt: wire.expiry,
  };
}
