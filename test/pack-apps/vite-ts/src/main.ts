// One import per element: a bundler ships only these.
import 'playgate/define/provider';
import 'playgate/define/session-status';
import 'playgate/define/permission-request';
import 'playgate/define/consent-prompt';

interface Scenario {
  nodecraft: { gameToken: string; identRequest: { type: string; data: Record<string, string> } };
}

const events: Array<{ name: string; detail: unknown }> = [];
Object.assign(window, { playgateEvents: events });

// Typed by HTMLElementTagNameMap: no cast.
const provider = document.querySelector('playgate-provider');
if (!provider) throw new Error('the page has no <playgate-provider>');

provider.addEventListener('playgate-ready', (event) => {
  const state: string = event.detail.kid;
  events.push({ name: event.type, detail: { kid: state } });
});
provider.addEventListener('playgate-consent-completed', (event) => {
  const rounds: number = event.detail.rounds;
  events.push({ name: event.type, detail: { rounds } });
});
provider.addEventListener('playgate-challenge-created', (event) => {
  const permissions: string[] = event.detail.permissions;
  events.push({ name: event.type, detail: { permissions } });
});

// The details are typed, not `any`: these lines must not compile.
provider.addEventListener('playgate-consent-completed', (event) => {
  // @ts-expect-error rounds is a number
  const rounds: string = event.detail.rounds;
  // @ts-expect-error the event has no such field
  console.debug(rounds, event.detail.pageIds);
});
// @ts-expect-error secrets are properties of a string type
provider.nodecraftGameToken = 42;

void fetch('/emulator/_emulator/scenario')
  .then((response) => response.json() as Promise<Scenario>)
  .then((scenario) => {
    provider.nodecraftGameToken = scenario.nodecraft.gameToken;
    document.querySelector('#sign-in')?.addEventListener('click', () => {
      void provider.identify(scenario.nodecraft.identRequest).then((player) => {
        const result = document.querySelector('#result');
        if (result) result.textContent = `Signed in as ${player.displayName ?? '?'}.`;
      });
    });
  });
