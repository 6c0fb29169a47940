// One import per element: webpack keeps only these (and what they use).
import 'playgate/define/provider';
import 'playgate/define/session-status';
import 'playgate/define/permission-request';
import 'playgate/define/consent-prompt';

const events = [];
window.playgateEvents = events;
const provider = document.querySelector('playgate-provider');
for (const name of ['playgate-ready', 'playgate-consent-completed', 'playgate-challenge-created']) {
  provider.addEventListener(name, (event) => events.push({ name, detail: event.detail }));
}
fetch('/emulator/_emulator/scenario')
  .then((response) => response.json())
  .then((scenario) => {
    provider.nodecraftGameToken = scenario.nodecraft.gameToken;
    document.querySelector('#sign-in').addEventListener('click', async () => {
      const player = await provider.identify(scenario.nodecraft.identRequest);
      document.querySelector('#result').textContent = `Signed in as ${player.displayName}.`;
    });
  });
