import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../src/elements/provider/provider.js';
import '../src/elements/session-status/session-status.js';
import type { PlaygateProvider } from '../src/elements/provider/provider.component.js';
import { memoryStorage } from '../src/flows/storage.js';
import { settled } from './support/settled.js';
import { GAME, inPageStack, type InPageStack } from './support/in-page-stack.js';

const LABELS = { 'voice-chat': 'Voice chat', 'text-chat-private': 'Private messages', 'text-chat-public': 'Public chat', 'user-generated-content': 'Sharing builds', 'in-game-purchases': 'In-game purchases', 'targeted-ads': 'Personalised ads', 'loot-boxes-paid-gameplay-impacting': 'Paid loot boxes' };

interface Args {
  layout: 'full' | 'compact' | 'history';
  theme: 'light' | 'dark';
}

interface Setup {
  scenario: string;
  player?: string;
  config?: Record<string, unknown>;
  elements?: boolean;
  /** Runs after the provider is ready: backend events, sign-ins, faults. */
  then?: (stack: InPageStack, provider: PlaygateProvider) => Promise<unknown>;
  before?: (stack: InPageStack) => Promise<unknown>;
}

/** A story: the in-page stack, a provider wired to it, and the status inside. */
function story(setup: Setup): StoryObj<Args> {
  return {
    loaders: [async () => ({ stack: await inPageStack(setup.scenario, setup.player, setup.config) })],
    render: (args, { loaded }) => {
      const stack = (loaded as { stack: InPageStack }).stack;
      const provider = document.createElement('playgate-provider');
      Object.assign(provider, {
        kidUrl: `${GAME}/api/kid/`,
        ...(setup.elements ? { elementsUrl: `${GAME}/emulator/elements/api/rest/` } : {}),
        fetch: stack.fetch,
        // The page remembers its session id from earlier visits.
        kidSessionId: stack.emulator.scenario.kid.sessionId ?? '',
        storage: memoryStorage(),
        permissionLabels: LABELS,
        theme: args.theme,
      });
      provider.addEventListener('playgate-ready', () => {
        void setup.then?.(stack, provider);
      }, { once: true });
      provider.append(Object.assign(document.createElement('playgate-session-status'), { layout: args.layout }));
      const frame = document.createElement('div');
      frame.style.cssText = `max-width: 28rem; padding: 1rem; background: ${args.theme === 'dark' ? '#111318' : 'transparent'}`;
      // Faults go in before the provider reads anything.
      void (setup.before?.(stack) ?? Promise.resolve()).then(() => {
        frame.append(provider);
      });
      return frame;
    },
  };
}

const meta: Meta<Args> = {
  title: 'Elements/Session status',
  component: 'playgate-session-status',
  args: { layout: 'full', theme: 'light' },
  // Each story is also a test (addon-vitest): it waits for the state it shows before axe runs.
  play: ({ canvasElement }) => settled(canvasElement),
  argTypes: {
    layout: { control: 'inline-radio', options: ['full', 'compact', 'history'] },
    theme: { control: 'inline-radio', options: ['light', 'dark'] },
  },
};
export default meta;

type Story = StoryObj<Args>;

export const Child: Story = story({ scenario: 'child' });
export const Teen: Story = story({ scenario: 'teen', player: 'rowan' });
export const Adult: Story = story({ scenario: 'adult', player: 'sam' });
export const CompactHud: Story = { ...story({ scenario: 'child' }), args: { layout: 'compact' } };
export const Dark: Story = { ...story({ scenario: 'teen', player: 'rowan' }), args: { theme: 'dark' } };

export const AgedUp: Story = story({
  scenario: 'child',
  then: async (stack, provider) => {
    await stack.control('/events/age-up');
    await provider.refresh();
  },
});

export const ParentChangedASetting: Story = story({
  scenario: 'child',
  then: async (stack, provider) => {
    await stack.control('/events/parent-change', { permission: 'voice-chat', enabled: true });
    await provider.refresh();
  },
});

export const Revoked: Story = story({ scenario: 'revoked' });

/** An adult k-ID has not verified: a minor's defaults, and the standing offer to check their age. */
export const UnverifiedAdult: Story = story({ scenario: 'unverified-adult', player: 'sam' });

export const NoSessionYet: Story = story({ scenario: 'first-run' });

export const Loading: Story = story({
  scenario: 'child',
  before: (stack) => stack.control('/faults', { vendor: 'kid', path: '/session/get', kind: 'latency', ms: 600_000 }),
});

export const Error: Story = story({
  scenario: 'child',
  before: (stack) => stack.control('/faults', { vendor: 'kid', path: '/session/get', kind: '5xx' }),
});

export const SignedInWithProfile: Story = story({
  scenario: 'adult',
  player: 'sam',
  elements: true,
  then: (_stack, provider) => provider.signIn({ userId: 'sam', password: 'playgate', profileId: 'prof-sam' }),
});

export const SignedInWithoutProfile: Story = story({
  scenario: 'adult',
  player: 'sam',
  elements: true,
  then: (_stack, provider) => provider.signIn({ userId: 'sam', password: 'playgate' }),
});

export const SignInEndingSoon: Story = story({
  scenario: 'adult',
  player: 'sam',
  elements: true,
  config: { elementsSessionTimeoutMs: 12 * 60 * 1000 },
  then: (_stack, provider) => provider.signIn({ userId: 'sam', password: 'playgate', profileId: 'prof-sam' }),
});

export const SignInExpired: Story = story({
  scenario: 'expired',
  player: 'sam',
  elements: true,
  then: (stack, provider) => {
    provider.elementsSessionSecret = stack.emulator.scenario.elements.sessionSecret;
    return Promise.resolve();
  },
});

/** What a player who played through has answered, as the game's ledger keeps it. */
async function playedThrough(stack: InPageStack): Promise<void> {
  const player = stack.emulator.scenario.elements.userId;
  const day = (n: number, hour = 16) => new Date(Date.UTC(2026, 10, n, hour, 5)).toISOString();
  const consent = (id: string, at: string, extra: Record<string, unknown>) => ({
    version: 'playgate-receipt/1', kind: 'consent', consentReceiptId: id, collectionMethod: 'playgate-consent-prompt', vendor: 'nodecraft',
    state: 'missing', documents: [{ pageId: `page-${id}`, pageContentId: `v1-${id}` }], contentSha256: '0'.repeat(64), language: 'en',
    shownAt: at, readToEndAt: at, consentTimestamp: at, confirmedAt: at, round: 1, piiPrincipalId: player, ...extra,
  });
  const decision = (id: string, at: string, extra: Record<string, unknown>) => ({ version: 'playgate-receipt/1', kind: 'decision', decisionId: id, vendor: 'k-id', decidedAt: at, piiPrincipalId: player, ...extra });
  const receipts: Array<[string, string, Record<string, unknown>]> = [
    ['terms', day(2), consent('terms', day(2), { scope: 'game', consentType: 'legal' })],
    ['rules', day(2, 17), consent('rules', day(2, 17), { scope: 'game', consentType: 'rules' })],
    ['setup', day(3), decision('setup', day(3), { permissions: [], outcome: 'granted', decidedBy: 'parent', challengeId: 'ch-setup' })],
    ['server', day(4), consent('server', day(4), { scope: 'server', serverId: 'Castle Hill', consentType: 'rules' })],
    ['voice', day(5), decision('voice', day(5), { permissions: ['voice-chat'], outcome: 'granted', decidedBy: 'parent', challengeId: 'ch-voice' })],
    ['ads', day(6), decision('ads', day(6), { permissions: ['targeted-ads'], outcome: 'denied', decidedBy: 'parent', challengeId: 'ch-ads' })],
  ];
  for (const [id, recordedAt, receipt] of receipts) {
    await stack.ledger.append({ id: `receipt:${id}`, player, recordedAt, source: 'client', receipt: receipt as never });
  }
}

/** Settings → "What I agreed to": documents and a parent's answers, newest first. */
export const WhatIAgreedTo: Story = { ...story({ scenario: 'child', before: playedThrough }), args: { layout: 'history' } };
/** A new player: nothing answered yet. */
export const WhatIAgreedToEmpty: Story = { ...story({ scenario: 'child' }), args: { layout: 'history' } };
