import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../src/elements/permission-request/permission-request.js';
import '../src/elements/provider/provider.js';
import { memoryStorage } from '../src/flows/storage.js';
import { settled } from './support/settled.js';
import { GAME, inPageStack, type InPageStack } from './support/in-page-stack.js';

const LABELS = { 'voice-chat': 'Voice chat', 'text-chat-private': 'Private messages', 'text-chat-public': 'Public chat', 'user-generated-content': 'Sharing builds', 'in-game-purchases': 'In-game purchases', 'targeted-ads': 'Personalised ads', 'loot-boxes-paid-gameplay-impacting': 'Paid loot boxes' };

interface Args {
  theme: 'light' | 'dark';
  permissions: string;
  name: string;
}

interface Setup {
  scenario: string;
  player?: string;
  config?: Record<string, unknown>;
  /** Faults before anything is read. */
  before?: (stack: InPageStack) => Promise<unknown>;
  /** What the player (and the parent) do once the rows are drawn. */
  play?: (canvas: HTMLElement, stack: InPageStack) => Promise<unknown>;
}

type Story = StoryObj<Args>;

/** A story: the in-page stack (emulator and the game's proxy), a provider, and the element. */
function story(setup: Setup): Story {
  let stack: InPageStack | undefined;
  return {
    loaders: [async () => ({ stack: (stack = await inPageStack(setup.scenario, setup.player, setup.config)) })],
    render: (args) => {
      if (!stack) throw new globalThis.Error('the stack did not load');
      const provider = document.createElement('playgate-provider');
      Object.assign(provider, {
        kidUrl: `${GAME}/api/kid/`,
        fetch: stack.fetch,
        kidSessionId: stack.emulator.scenario.kid.sessionId ?? '',
        jurisdiction: 'US-CA',
        storage: memoryStorage(),
        permissionLabels: LABELS,
        theme: args.theme,
      });
      const element = document.createElement('playgate-permission-request');
      if (args.permissions) element.setAttribute('permissions', args.permissions);
      if (args.name) {
        element.name = args.name;
        element.append(Object.assign(document.createElement('p'), { textContent: '🎙️ Voice chat is on: press V to talk.' }));
      }
      provider.append(element);
      const frame = document.createElement('div');
      frame.style.cssText = `max-width: 30rem; padding: 1rem; background: ${args.theme === 'dark' ? '#111318' : 'transparent'}`;
      void (setup.before?.(stack) ?? Promise.resolve()).then(() => {
        frame.append(provider);
      });
      return frame;
    },
    ...(setup.play
      ? {
          play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
            if (stack) await setup.play?.(canvasElement, stack);
            await settled(canvasElement);
          },
        }
      : {}),
  };
}

/** Polls the element's shadow DOM (stories may wait; tests never sleep). */
async function find<T extends Element>(canvas: HTMLElement, selector: string, inPanel = false): Promise<T> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    const element = canvas.querySelector('playgate-permission-request')?.shadowRoot;
    const root = inPanel ? element?.querySelector('playgate-challenge-panel')?.shadowRoot : element;
    const found = root?.querySelector<T>(selector);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new globalThis.Error(`Never found ${selector}`);
}

const ask = async (canvas: HTMLElement, permission: string) => {
  (await find<HTMLButtonElement>(canvas, `[data-permission="${permission}"] [part="action"]`)).click();
};

/** The parent answers on their own device (the emulator's control API stands in for it). */
async function parentDecides(canvas: HTMLElement, stack: InPageStack, approve: boolean, shown = '[part="code"]', inPanel = true): Promise<void> {
  await find(canvas, shown, inPanel);
  const response = await stack.emulator.fetch(new Request(`${GAME}/emulator/_emulator/challenges`));
  const [challenge] = (await response.json()) as Array<{ challengeId: string }>;
  if (challenge) await stack.control(`/challenges/${challenge.challengeId}/decide`, { approve });
}

async function startSetUp(canvas: HTMLElement, dateOfBirth?: string): Promise<void> {
  (await find<HTMLButtonElement>(canvas, 'button[data-action="set-up"]')).click();
  if (!dateOfBirth) return;
  await find(canvas, '[part="age-gate"] select:not(:disabled)');
  const [year, month, day] = dateOfBirth.split('-').map(Number);
  for (const [name, value] of [['year', year], ['month', month], ['day', day]] as const) {
    (await find<HTMLSelectElement>(canvas, `select[name="${name}"]`)).value = String(value);
  }
  (await find<HTMLButtonElement>(canvas, '[part="age-gate"] button[type="submit"]')).click();
}

const meta: Meta<Args> = {
  title: 'Elements/Permission request',
  component: 'playgate-permission-request',
  args: { theme: 'light', permissions: '', name: '' },
  // Each story is also a test (addon-vitest): it waits for the state it shows before axe runs.
  play: ({ canvasElement }) => settled(canvasElement),
  argTypes: { theme: { control: 'inline-radio', options: ['light', 'dark'] } },
};
export default meta;

export const Child: Story = story({ scenario: 'child' });
export const Teen: Story = story({ scenario: 'teen', player: 'rowan' });
export const AdultWithAnAgeCheck: Story = story({ scenario: 'adult', player: 'sam' });
export const ASubset: Story = { ...story({ scenario: 'child' }), args: { permissions: 'voice-chat,text-chat-private' } };
export const Dark: Story = { ...story({ scenario: 'child' }), args: { theme: 'dark' } };

export const TurnedOnAtOnce: Story = story({ scenario: 'teen', player: 'rowan', play: (canvas) => ask(canvas, 'text-chat-private') });
export const WaitingForAParent: Story = story({ scenario: 'child', play: (canvas) => ask(canvas, 'voice-chat') });
export const ParentIsLooking: Story = story({
  scenario: 'child',
  play: async (canvas, stack) => {
    await ask(canvas, 'voice-chat');
    await find(canvas, '[part="code"]', true);
    const response = await stack.emulator.fetch(new Request(`${GAME}/emulator/_emulator/challenges`));
    const [challenge] = (await response.json()) as Array<{ otp: string }>;
    // The parent opened the link: k-ID reports IN_PROGRESS.
    await stack.emulator.fetch(new Request(`${GAME}/emulator/parent?otp=${challenge?.otp ?? ''}`));
  },
});
export const EmailSent: Story = story({
  scenario: 'child',
  play: async (canvas) => {
    await ask(canvas, 'voice-chat');
    (await find<HTMLInputElement>(canvas, 'input[type="email"]', true)).value = 'parent@example.com';
    (await find<HTMLButtonElement>(canvas, '[part="email"] button', true)).click();
  },
});
export const EmailNotOnFile: Story = story({
  scenario: 'child',
  play: async (canvas) => {
    await ask(canvas, 'voice-chat');
    (await find<HTMLInputElement>(canvas, 'input[type="email"]', true)).value = 'not an address';
    (await find<HTMLButtonElement>(canvas, '[part="email"] button', true)).click();
  },
});
export const Approved: Story = story({
  scenario: 'child',
  play: async (canvas, stack) => {
    await ask(canvas, 'voice-chat');
    await parentDecides(canvas, stack, true);
  },
});
export const Denied: Story = story({
  scenario: 'child',
  play: async (canvas, stack) => {
    await ask(canvas, 'voice-chat');
    await parentDecides(canvas, stack, false);
  },
});
export const VerifyYourAge: Story = story({ scenario: 'adult', player: 'sam', play: (canvas) => ask(canvas, 'loot-boxes-paid-gameplay-impacting') });
export const AgeCheckFailed: Story = story({
  scenario: 'adult',
  player: 'sam',
  play: async (canvas, stack) => {
    await ask(canvas, 'loot-boxes-paid-gameplay-impacting');
    // The player's check ends without a pass (the control API stands in for the frame).
    await parentDecides(canvas, stack, false, 'playgate-age-check-dialog', false);
  },
});
export const LockedByAParent: Story = story({
  scenario: 'child',
  config: { passLeavesPermissionsOff: true },
  play: async (canvas, stack) => {
    await ask(canvas, 'voice-chat');
    await parentDecides(canvas, stack, true);
  },
});
export const CouldNotAsk: Story = story({
  scenario: 'teen',
  player: 'rowan',
  before: (stack) => stack.control('/faults', { vendor: 'kid', path: '/session/upgrade', kind: '5xx' }),
  play: (canvas) => ask(canvas, 'text-chat-private'),
});
export const GatedContentOff: Story = { ...story({ scenario: 'child' }), args: { name: 'voice-chat' } };
export const GatedContentOn: Story = { ...story({ scenario: 'adult', player: 'sam' }), args: { name: 'voice-chat' } };

export const NoAccountYet: Story = story({ scenario: 'first-run' });
/** An adult k-ID has not verified: what the minor's defaults withhold says "Verify to unlock". */
export const UnverifiedAdult: Story = story({ scenario: 'unverified-adult', player: 'sam' });
/** A parent is asked, and meanwhile the child may play, limited (the panel closed to show the line). */
export const LimitedAccessWhileWaiting: Story = story({
  scenario: 'first-run',
  config: { limitedAccess: true },
  play: async (canvas) => {
    await startSetUp(canvas, '2017-03-01');
    (await find<HTMLButtonElement>(canvas, '[part="close"]', true)).click();
  },
});
export const AgeGate: Story = story({ scenario: 'first-run', play: (canvas) => startSetUp(canvas) });
export const FirstConsentWaiting: Story = story({ scenario: 'first-run', play: (canvas) => startSetUp(canvas, '2017-03-01') });
export const TooYoungToPlay: Story = story({ scenario: 'first-run', play: (canvas) => startSetUp(canvas, `${String(new Date().getFullYear() - 3)}-01-01`) });
export const AfterARevoke: Story = story({ scenario: 'revoked' });
