import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../src/elements/consent-prompt/consent-prompt.js';
import '../src/elements/provider/provider.js';
import { memoryStorage } from '../src/flows/storage.js';
import { settled } from './support/settled.js';
import { GAME, inPageStack, type InPageStack } from './support/in-page-stack.js';
import { paddedTerms } from './support/padded-terms.js';

interface Args {
  inline: boolean;
  theme: 'light' | 'dark';
}

interface Setup {
  scenario: string;
  player?: string;
  /** Pads the game's terms to this many characters on their way from the emulator. */
  padTo?: number;
  /** Faults and backend events before the prompt starts. */
  before?: (stack: InPageStack) => Promise<unknown>;
  /** What the game does: Ident by default, or a server join after Ident. */
  join?: string;
}

function story(setup: Setup): StoryObj<Args> {
  return {
    loaders: [async () => ({ stack: await inPageStack(setup.scenario, setup.player) })],
    render: (args, { loaded }) => {
      const stack = (loaded as { stack: InPageStack }).stack;
      const provider = document.createElement('playgate-provider');
      Object.assign(provider, {
        nodecraftUrl: `${GAME}/emulator/nodecraft/v1/`,
        nodecraftGameToken: stack.emulator.config.gameToken,
        fetch: setup.padTo ? paddedTerms(stack.fetch, setup.padTo) : stack.fetch,
        storage: memoryStorage(),
        theme: args.theme,
      });
      const prompt = Object.assign(document.createElement('playgate-consent-prompt'), { inline: args.inline, storage: memoryStorage() });
      provider.append(prompt);
      const frame = document.createElement('div');
      frame.style.cssText = `max-width: 42rem; padding: 1rem; background: ${args.theme === 'dark' ? '#111318' : 'transparent'}`;
      frame.append(provider);
      const ident = stack.emulator.scenario.nodecraft.identRequest;
      void (async () => {
        await prompt.updateComplete;
        if (setup.join) await provider.identify(ident);
        await setup.before?.(stack);
        await (setup.join ? provider.joinServer(setup.join) : provider.identify(ident));
      })().catch(() => undefined);
      return frame;
    },
  };
}

/** The emulator's terms, made long: what a big legal document looks like to the player. */
/** Plays the player's part: reads the document to its end and accepts it. */
async function readAndAccept({ canvasElement }: { canvasElement: HTMLElement }): Promise<void> {
  const prompt = canvasElement.querySelector('playgate-consent-prompt');
  const part = (name: string) => prompt?.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`);
  for (let waited = 0; !part('document') || !part('accept'); waited += 50) {
    if (waited > 10_000) throw new Error('The prompt never showed a document');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const box = part('document');
  if (box) box.scrollTop = box.scrollHeight;
  box?.dispatchEvent(new Event('scroll'));
  await prompt?.updateComplete;
  part('accept')?.click();
  await settled(canvasElement);
}

const meta: Meta<Args> = {
  title: 'Elements/Consent prompt',
  component: 'playgate-consent-prompt',
  args: { inline: true, theme: 'light' },
  // Each story is also a test (addon-vitest): it waits for the state it shows before axe runs.
  play: ({ canvasElement }) => settled(canvasElement),
  argTypes: { theme: { control: 'inline-radio', options: ['light', 'dark'] } },
};
export default meta;

type Story = StoryObj<Args>;

export const TermsToAccept: Story = story({ scenario: 'child' });
export const UpdatedTerms: Story = story({ scenario: 'outdated-terms', player: 'sam' });
export const ServerRules: Story = story({ scenario: 'server-rules', player: 'rowan', join: 'srv-rules' });
export const JoinAfterNewTerms: Story = story({
  scenario: 'server-rules',
  player: 'rowan',
  join: 'srv-rules',
  before: async (stack) => {
    await stack.control('/events/publish-terms', { type: 'legal' });
    await stack.control('/events/publish-terms', { type: 'rules' });
  },
});
export const Loading: Story = story({
  scenario: 'child',
  before: (stack) => stack.control('/faults', { vendor: 'nodecraft', path: '/consents/game', kind: 'latency', ms: 600_000 }),
});
export const CouldNotLoad: Story = story({
  scenario: 'child',
  before: (stack) => stack.control('/faults', { vendor: 'nodecraft', path: '/consents/game', kind: '5xx' }),
});
/** The answer is on its way; it can no longer be taken back. */
export const Saving: Story = {
  ...story({
    scenario: 'server-rules',
    player: 'rowan',
    join: 'srv-rules',
    before: (stack) => stack.control('/faults', { vendor: 'nodecraft', path: '/consents/player', method: 'POST', kind: 'latency', ms: 600_000 }),
  }),
  play: readAndAccept,
};
/** Saving failed: nothing was lost, and the player may try again. */
export const CouldNotSave: Story = {
  ...story({
    scenario: 'server-rules',
    player: 'rowan',
    join: 'srv-rules',
    before: (stack) => stack.control('/faults', { vendor: 'nodecraft', path: '/consents/player', method: 'POST', kind: '5xx' }),
  }),
  play: readAndAccept,
};
export const AsAModal: Story = { ...story({ scenario: 'child' }), args: { inline: false } };
export const Dark: Story = { ...story({ scenario: 'outdated-terms', player: 'sam' }), args: { theme: 'dark' } };
export const HundredKilobyteTerms: Story = story({ scenario: 'child', padTo: 100_000 });
