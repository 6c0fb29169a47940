// Requests per flow, counted where the vendor sees them (the emulator's request log), for
// the flows as <playgate-provider> and the elements compose them: the same classes, the
// same options, simulated time. Each is set against the protocol's minimum.
// Run by `npm run bench` (node --import tsx bench/requests.ts); prints JSON.
import { KidBackend, NodecraftBackend } from '../src/backends/index.js';
import { createInPageStack, type InPageStack } from '../src/emulator/in-page.js';
import { ConsentFlow } from '../src/flows/consent-flow.js';
import { PermissionRequests } from '../src/flows/permission-requests.js';
import { SessionStore } from '../src/flows/session-store.js';
import { SessionWatch } from '../src/flows/session-watch.js';
import { memoryStorage } from '../src/flows/storage.js';
import { ManualTimers } from '../src/flows/timers.js';

const ORIGIN = 'https://game.example';

export interface RequestRow {
  flow: string;
  vendor: string;
  requests: number;
  /** The protocol's minimum for a flow, or the most allowed for an idle page. */
  minimum: number;
  bound: 'minimum' | 'at most';
  /** What was sent, for the reader to check the count. */
  calls: string[];
  why?: string;
}

async function log(stack: InPageStack, vendor: string): Promise<string[]> {
  const response = await stack.emulator.fetch(new Request(`${ORIGIN}/emulator/_emulator/requests`));
  const entries = (await response.json()) as Array<{ vendor: string; method: string; path: string }>;
  return entries.filter((entry) => entry.vendor === vendor).map((entry) => `${entry.method} ${entry.path}`);
}

function nodecraft(stack: InPageStack): NodecraftBackend {
  return new NodecraftBackend({ baseUrl: `${ORIGIN}/emulator/nodecraft/v1/`, gameToken: () => stack.emulator.scenario.nodecraft.gameToken, fetch: stack.fetch });
}

/** The consent loop with a player who accepts every document as soon as it is shown. */
function acceptingFlow(consents: NodecraftBackend): ConsentFlow {
  const flow = new ConsentFlow({ consents, storage: memoryStorage() });
  flow.subscribe((state) => {
    if (state.state === 'reading') queueMicrotask(() => {
      flow.accept();
    });
  });
  return flow;
}

async function kidStack(scenario: string) {
  const stack = await createInPageStack({ origin: ORIGIN, scenario });
  const timers = new ManualTimers();
  const port = new KidBackend({ baseUrl: `${ORIGIN}/api/kid/`, fetch: stack.fetch });
  const storage = memoryStorage();
  storage.set('kid-session-id', stack.emulator.scenario.kid.sessionId ?? '');
  const store = new SessionStore({ permissions: port, storage, timers });
  return { stack, timers, port, storage, store };
}

async function idle(visible: boolean): Promise<string[]> {
  const { stack, timers, store } = await kidStack('child');
  const watch = new SessionWatch(store, { timers, isVisible: () => visible });
  watch.start();
  await timers.advance(10 * 60_000);
  watch.stop();
  return log(stack, 'kid');
}

export async function countRequests(): Promise<RequestRow[]> {
  const rows: RequestRow[] = [];

  {
    const stack = await createInPageStack({ origin: ORIGIN, scenario: 'outdated-terms' });
    const backend = nodecraft(stack);
    await acceptingFlow(backend).run((accepted) => backend.identify(stack.emulator.scenario.nodecraft.identRequest, accepted));
    const calls = await log(stack, 'nodecraft');
    rows.push({ flow: 'Ident with terms to accept (one document)', vendor: 'Nodecraft', requests: calls.length, minimum: 3, bound: 'minimum', calls });
  }
  {
    // Rowan signed everything; then the game publishes new terms and new rules, and the
    // server has its own rules: joining takes three rounds.
    const stack = await createInPageStack({ origin: ORIGIN, scenario: 'server-rules' });
    const backend = nodecraft(stack);
    await acceptingFlow(backend).run((accepted) => backend.identify(stack.emulator.scenario.nodecraft.identRequest, accepted));
    await stack.control('/events/publish-terms', { type: 'legal' });
    await stack.control('/events/publish-terms', { type: 'rules' });
    const before = (await log(stack, 'nodecraft')).length;
    await acceptingFlow(backend).run(() => backend.joinServer('srv-rules'));
    const calls = (await log(stack, 'nodecraft')).slice(before);
    // Per round: read the document, sign it, try the join again; plus the first join.
    const rounds = calls.filter((call) => call.startsWith('POST') && call.includes('consent')).length;
    rows.push({ flow: `A server join of ${String(rounds)} rounds (after Ident)`, vendor: 'Nodecraft', requests: calls.length, minimum: 3 * rounds + 1, bound: 'minimum', calls });
  }

  const upgrade = await (async () => {
    const { stack, timers, port, storage, store } = await kidStack('teen');
    await store.refresh();
    const before = (await log(stack, 'kid')).length;
    const requests = new PermissionRequests({ port, store, storage, timers, isVisible: () => true });
    await requests.request(['text-chat-private']);
    requests.dispose();
    return (await log(stack, 'kid')).slice(before);
  })();
  rows.push({ flow: 'A PLAYER-managed upgrade', vendor: 'k-ID', requests: upgrade.length, minimum: 1, bound: 'minimum', calls: upgrade });

  const visible = await idle(true);
  rows.push({ flow: '10 idle minutes, page visible', vendor: 'k-ID', requests: visible.length, minimum: 21, bound: 'at most', calls: [...new Set(visible)], why: 'one read at start, then one every 30 s while visible (k-ID asks for no more)' });
  const hidden = await idle(false);
  rows.push({ flow: '10 idle minutes, page hidden', vendor: 'k-ID', requests: hidden.length, minimum: 0, bound: 'at most', calls: hidden });
  return rows;
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  console.log(JSON.stringify(await countRequests()));
}
