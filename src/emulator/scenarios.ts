import type { EmulatorContext } from './context.js';
import type { EmuUser } from './elements/state.js';
import type { Player } from './nodecraft/state.js';

/** What a test, the demo or an integrator needs to play a scenario's player. */
export interface ScenarioInfo {
  name: string;
  title: string;
  description: string;
  kid: { apiKey: string; jurisdiction: string; age: number; sessionId?: string };
  elements: { userId: string; password: string; profileId: string; sessionSecret?: string };
  nodecraft: { gameToken: string; identRequest: { type: string; data: Record<string, string> }; serverId: string };
}

interface Person {
  key: 'pip' | 'rowan' | 'sam';
  displayName: string;
  age: number;
  jurisdiction: string;
}

const PEOPLE: Record<Person['key'], Person> = {
  pip: { key: 'pip', displayName: 'Pip', age: 9, jurisdiction: 'US-CA' },
  rowan: { key: 'rowan', displayName: 'Rowan', age: 15, jurisdiction: 'GB' },
  sam: { key: 'sam', displayName: 'Sam', age: 30, jurisdiction: 'US-CA' },
};

export const PASSWORD = 'playgate';

interface Scenario {
  title: string;
  description: string;
  person: Person['key'];
  serverId?: string;
  setup(ctx: EmulatorContext, people: Record<Person['key'], Built>): Partial<Pick<ScenarioInfo['kid'], 'sessionId'>> & { sessionSecret?: string };
}

interface Built {
  user: EmuUser;
  player: Player;
}

export const SCENARIOS: Record<string, Scenario> = {
  child: {
    title: 'Child under the consent age',
    description: 'Pip, 9, in California. A parent approved the account; voice chat and messages need a parent. No terms signed yet.',
    person: 'pip',
    setup: (ctx) => ({ sessionId: session(ctx, PEOPLE.pip, ['text-chat-public'], true) }),
  },
  'first-run': {
    title: 'Child with no account yet',
    description: 'Pip, 9, has never played: the age gate asks a parent before there is any session.',
    person: 'pip',
    setup: () => ({}),
  },
  teen: {
    title: 'Teen',
    description: 'Rowan, 15, in Great Britain. Chat is theirs to turn on; voice chat and purchases need a parent. Terms signed.',
    person: 'rowan',
    setup: (ctx, people) => {
      signGame(ctx, people.rowan.player);
      return { sessionId: session(ctx, PEOPLE.rowan, ['text-chat-public']) };
    },
  },
  adult: {
    title: 'Adult',
    description: 'Sam, 30, in California. Everything is theirs to decide; paid loot boxes need an age check. Terms signed.',
    person: 'sam',
    setup: (ctx, people) => {
      signGame(ctx, people.sam.player);
      return { sessionId: session(ctx, PEOPLE.sam, ['text-chat-public', 'voice-chat']) };
    },
  },
  'unverified-adult': {
    title: 'Unverified adult',
    description: 'Sam, 30, says he is an adult, and k-ID wants proof: until he checks his age, he has a minor\'s defaults ("Verify to unlock"). Terms signed.',
    person: 'sam',
    setup: (ctx, people) => {
      signGame(ctx, people.sam.player);
      return { sessionId: session(ctx, PEOPLE.sam, ['text-chat-public'], false, 'unverified') };
    },
  },
  'outdated-terms': {
    title: 'Outdated terms',
    description: 'Sam signed the terms, then a new revision was published: signing in asks again ("We\'ve updated our terms").',
    person: 'sam',
    setup: (ctx, people) => {
      signGame(ctx, people.sam.player);
      ctx.nodecraft.publish('legal');
      return { sessionId: session(ctx, PEOPLE.sam, ['text-chat-public']) };
    },
  },
  'server-rules': {
    title: 'Server with rules',
    description: 'Rowan signed the game terms; joining Creative Friends asks for its server rules.',
    person: 'rowan',
    serverId: 'srv-rules',
    setup: (ctx, people) => {
      signGame(ctx, people.rowan.player);
      return { sessionId: session(ctx, PEOPLE.rowan, ['text-chat-public']) };
    },
  },
  revoked: {
    title: 'Revoked session',
    description: 'A parent revoked Pip\'s access: the session reads as NOT_FOUND, and consenting again makes a new session id.',
    person: 'pip',
    setup: (ctx) => {
      const sessionId = session(ctx, PEOPLE.pip, [], true);
      const revoked = ctx.kid.sessions.get(sessionId);
      if (revoked) revoked.deleted = true;
      return { sessionId };
    },
  },
  expired: {
    title: 'Expired Elements session',
    description: 'Sam\'s sign-in lapsed: calls made with its secret get 401 "Session expired."',
    person: 'sam',
    setup: (ctx, people) => {
      signGame(ctx, people.sam.player);
      const lapsed = ctx.elements.createSession(people.sam.user, `prof-sam`, ctx.clock.now() - 1000);
      return { sessionId: session(ctx, PEOPLE.sam, ['text-chat-public']), sessionSecret: lapsed.secret };
    },
  },
};

export const DEFAULT_SCENARIO = 'child';

/** Loads a scenario into fresh state; the caller has already reset it. */
export function loadScenario(ctx: EmulatorContext, name: string): ScenarioInfo | undefined {
  const scenario = SCENARIOS[name];
  if (!scenario) return undefined;
  const people = Object.fromEntries(
    Object.values(PEOPLE).map((person) => [person.key, build(ctx, person)]),
  ) as Record<Person['key'], Built>;
  const made = scenario.setup(ctx, people);
  const person = PEOPLE[scenario.person];
  return {
    name,
    title: scenario.title,
    description: scenario.description,
    kid: { apiKey: ctx.config.kidApiKey, jurisdiction: person.jurisdiction, age: person.age, ...(made.sessionId ? { sessionId: made.sessionId } : {}) },
    elements: { userId: person.key, password: PASSWORD, profileId: `prof-${person.key}`, ...(made.sessionSecret ? { sessionSecret: made.sessionSecret } : {}) },
    nodecraft: { gameToken: ctx.config.gameToken, identRequest: identRequest(person), serverId: scenario.serverId ?? 'srv-open' },
  };
}

export function identRequest(person: { key: string }) {
  return { type: 'steam', data: { ticket: 'emulator-ticket', identity: `steam-${person.key}` } };
}

function build(ctx: EmulatorContext, person: Person): Built {
  const user = ctx.elements.addUser({
    id: `user-${person.key}`,
    name: person.key,
    email: `${person.key}@players.test`,
    password: PASSWORD,
    level: 'USER',
    displayName: person.displayName,
    profiles: [{ id: `prof-${person.key}`, displayName: `${person.displayName} the Builder` }],
  });
  const { player } = ctx.nodecraft.identify(`steam:steam-${person.key}`, person.displayName);
  ctx.nodecraft.tokens.clear();
  return { user, player };
}

function signGame(ctx: EmulatorContext, player: Player): void {
  for (const page of ctx.nodecraft.pages) ctx.nodecraft.sign(player, page, 'sign');
  ctx.nodecraft.signatureLog.length = 0;
}

function session(ctx: EmulatorContext, person: Person, enabled: string[], consented = false, ageVerification?: 'unverified'): string {
  return ctx.kid.createSession({
    ...(ageVerification ? { ageVerification } : {}),
    sessionId: `session-${person.key}`,
    age: person.age,
    jurisdiction: person.jurisdiction,
    enabled,
    player: person.key,
    ...(consented ? { kuid: `kuid-${person.key}` } : {}),
  }).sessionId;
}
