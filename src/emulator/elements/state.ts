import type { Clock } from '../clock.js';
import { randomHex } from '../clock.js';

export interface EmuProfile {
  id: string;
  displayName: string;
  imageUrl?: string;
}

export interface EmuUser {
  id: string;
  name: string;
  email: string;
  password: string;
  level: 'UNPRIVILEGED' | 'USER' | 'SUPERUSER';
  displayName: string;
  profiles: EmuProfile[];
  /** A password change bumps this, and every older secret dies with it. */
  passwordVersion: number;
}

export interface EmuElementsSession {
  secret: string;
  userId: string;
  profileId?: string;
  expiry: number;
  passwordVersion: number;
  revoked: boolean;
}

export const APPLICATION = { id: 'app-blockgame', name: 'Block Game' };

/** Elements' state: users, their profiles and sign-ins. */
export class ElementsState {
  readonly users = new Map<string, EmuUser>();
  readonly sessions = new Map<string, EmuElementsSession>();

  constructor(
    private readonly clock: Clock,
    private readonly timeoutMs: () => number,
  ) {}

  addUser(user: Omit<EmuUser, 'passwordVersion'>): EmuUser {
    const stored = { ...user, passwordVersion: 1 };
    this.users.set(user.id, stored);
    return stored;
  }

  /** By id, name or email, as `userId` in a sign-in may be any of them. */
  findUser(key: string): EmuUser | undefined {
    return [...this.users.values()].find((u) => u.id === key || u.name === key || u.email === key);
  }

  createSession(user: EmuUser, profileId?: string, expiry?: number): EmuElementsSession {
    const session: EmuElementsSession = {
      secret: `els_${randomHex(20)}`,
      userId: user.id,
      ...(profileId ? { profileId } : {}),
      expiry: expiry ?? this.clock.now() + this.timeoutMs(),
      passwordVersion: user.passwordVersion,
      revoked: false,
    };
    this.sessions.set(session.secret, session);
    return session;
  }

  changePassword(user: EmuUser, password: string): void {
    user.password = password;
    user.passwordVersion += 1;
  }

  userWire(user: EmuUser) {
    return { id: user.id, name: user.name, email: user.email, level: user.level, displayName: user.displayName, linkedAccounts: [] };
  }

  profileWire(user: EmuUser, profile: EmuProfile) {
    return {
      id: profile.id,
      displayName: profile.displayName,
      ...(profile.imageUrl ? { imageUrl: profile.imageUrl } : {}),
      application: APPLICATION,
      user: this.userWire(user),
      lastLogin: this.clock.now(),
    };
  }

  sessionWire(session: EmuElementsSession) {
    const user = this.users.get(session.userId);
    if (!user) throw new Error('session without a user');
    const profile = user.profiles.find((p) => p.id === session.profileId);
    return {
      user: this.userWire(user),
      ...(profile ? { profile: this.profileWire(user, profile) } : {}),
      application: APPLICATION,
      expiry: session.expiry,
    };
  }
}
