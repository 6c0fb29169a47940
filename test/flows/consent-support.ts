// The consent flow's tests share these: documents, requirements and a fake consents port.
import { expect } from '@open-wc/testing';
import { ConsentFlow, type ConsentFlowEvent, type ConsentFlowState } from '../../src/flows/consent-flow.js';
import { memoryStorage, type KeyValueStorage } from '../../src/flows/storage.js';
import type { ConsentDocument, ConsentRequirement, JoinTicket, OutstandingConsent, PlayerSession, SignOutcome } from '../../src/model/consent.js';
import { PlaygateError, type PlaygateErrorKind } from '../../src/model/error.js';
import type { ConsentsPort } from '../../src/model/ports.js';
import { reply, type Reply } from './support.js';

/** Where the flow remembers accepted-but-unsigned documents (its own constant, not exported). */
export const ACCEPTED_KEY = 'consent-accepted';

export const ident = { kind: 'ident' } as const;
export const join = { kind: 'join', serverId: 'srv1' } as const;
export const legalMissing: ConsentRequirement = { scope: 'game', state: 'missing', type: 'legal', action: ident };
export const legalOutdated: ConsentRequirement = { scope: 'game', state: 'outdated', type: 'legal', action: ident };
export const rulesMissing: ConsentRequirement = { scope: 'game', state: 'missing', type: 'rules', action: ident };
export const serverRules: ConsentRequirement = { scope: 'server', state: 'missing', type: 'rules', action: join };

export const doc = (type: 'legal' | 'rules', version: string, status: ConsentDocument['status'] = 'missing'): ConsentDocument =>
  ({ type, content: `${type} text ${version}`, pages: [{ pageId: `${type}-page`, pageContentId: version }], status });
export const required = (requirement: ConsentRequirement) => new PlaygateError({ kind: 'consent_required', message: 'consent', status: 409, requirement });
export const fail = (kind: PlaygateErrorKind) => new PlaygateError({ kind, message: kind });
export const player: PlayerSession = { token: 'tok', playerId: 'p1' };

/** A document as "type:page@content", to read recorded calls at a glance. */
export const key = (d: ConsentDocument) => `${d.type}:${d.pages.map((p) => `${p.pageId}@${p.pageContentId}`).join(',')}`;

/** Consents port whose calls are recorded and whose answers come from queues, in order. Unscripted reads fail loudly. */
export function fakeConsents(outstanding?: readonly OutstandingConsent[]) {
  const calls = { identify: [] as string[][], join: 0, getDocument: [] as ConsentRequirement[], sign: [] as string[], outstanding: 0 };
  const identify: Array<Reply<PlayerSession>> = [];
  const joins: Array<Reply<JoinTicket>> = [];
  const documents: Array<Reply<ConsentDocument>> = [];
  const signs: Array<Reply<SignOutcome>> = [];
  const port: ConsentsPort = {
    identify(_request, accepted = []) {
      // Copied: the flow keeps adding to the array it passed.
      calls.identify.push(accepted.map(key));
      return reply(identify.shift() ?? player);
    },
    joinServer: () => (calls.join++, reply(joins.shift() ?? { queueToken: 'q1' })),
    getDocument(requirement) {
      calls.getDocument.push(requirement);
      return reply(documents.shift() ?? new Error('unscripted getDocument'));
    },
    sign(_requirement, document) {
      calls.sign.push(key(document));
      return reply(signs.shift() ?? { signed: 'with-action' });
    },
  };
  if (outstanding) port.outstanding = () => (calls.outstanding++, Promise.resolve(outstanding));
  return { port, calls, identify, joins, documents, signs };
}

export function setup(opts: { storage?: KeyValueStorage; outstanding?: readonly OutstandingConsent[] } = {}) {
  const storage = opts.storage ?? memoryStorage();
  const fake = fakeConsents(opts.outstanding);
  const flow = new ConsentFlow({ consents: fake.port, storage });
  const states: ConsentFlowState[] = [];
  const events: ConsentFlowEvent[] = [];
  flow.subscribe((state, event) => {
    // The same state again only carries an event (an acceptance's receipt, once stamped).
    if (states.at(-1) !== state) states.push(state);
    if (event) events.push(event);
  });
  const identAction = (accepted: readonly ConsentDocument[]) => fake.port.identify({ type: 'password', data: {} }, accepted);
  const joinAction = () => fake.port.joinServer('srv1');
  // Until the flow is in this state, heard from the flow itself (a receipt's digest takes a task, not a microtask).
  const until = (want: ConsentFlowState['state'], round?: number) =>
    new Promise<ConsentFlowState>((resolve, reject) => {
      const matches = () => {
        const now = flow.state;
        return now.state === want && (round === undefined || ('round' in now && now.round === round)) ? now : undefined;
      };
      const found = matches();
      if (found) {
        resolve(found);
        return;
      }
      const stop = flow.subscribe(() => {
        const hit = matches();
        if (!hit) return;
        clearTimeout(timer);
        stop();
        resolve(hit);
      });
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`never reached ${want}; at ${flow.state.state}`));
      }, 5000);
    });
  const seen = () => states.map((s) => s.state);
  return { storage, fake, flow, states, events, identAction, joinAction, until, seen };
}

/** The PlaygateError a promise rejects with; fails the test if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<PlaygateError> {
  const error = await promise.then(() => new Error('expected a rejection'), (e: unknown) => e);
  expect(error).to.be.instanceOf(PlaygateError);
  return error as PlaygateError;
}

/** A sign-in that asks for the legal terms once, run until the player reads them. */
export async function readingLegal(t: ReturnType<typeof setup>): Promise<{ running: Promise<PlayerSession> }> {
  t.fake.identify.push(required(legalMissing));
  t.fake.documents.push(doc('legal', 'v1'));
  const running = t.flow.run(t.identAction);
  await t.until('reading');
  return { running };
}

/** Events as they were before receipts: what these tests compare (receipts have their own tests). */
export function withoutReceipts(events: readonly ConsentFlowEvent[]): unknown[] {
  return events.map((event) => {
    if (event.type === 'accepted') {
      const { receipt: _receipt, ...rest } = event;
      return rest;
    }
    if (event.type === 'completed') {
      const { receipts: _receipts, ...rest } = event;
      return rest;
    }
    return event;
  });
}
