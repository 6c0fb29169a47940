/** @jsxImportSource preact */
// Type tests (npm run typecheck): the tags written in Preact JSX, with src/jsx/preact.ts.
/* eslint-disable @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call -- the lines under @ts-expect-error are wrong on purpose */
// Each @ts-expect-error must meet an error, or the check fails. (TypeScript lets any
// hyphenated attribute through, so a misspelt `onplaygate-…` is not caught; the known
// ones are typed.)
import type {} from '../../src/jsx/preact.js';

export const fine = [
  <playgate-provider key="p" kid-url="/api/kid/" theme="hud" timeout-ms={20_000} onplaygate-ready={(event) => event.detail.kid.toUpperCase()} />,
  <playgate-consent-prompt key="c" inline max-rounds={3} onplaygate-consent-completed={(event) => event.detail.rounds.toFixed()} />,
  <playgate-permission-request key="r" permissions={['voice-chat']} onplaygate-permission-denied={(event) => event.detail.reason === 'parent'} />,
  <playgate-session-status key="s" layout="compact" class="hud" />,
];

export const wrong = [
  // @ts-expect-error not one of the themes
  <playgate-provider key="p" theme="neon" />,
  // @ts-expect-error rounds is a number
  <playgate-consent-prompt key="c" onplaygate-consent-completed={(event) => event.detail.rounds.toUpperCase()} />,
  // @ts-expect-error no such attribute
  <playgate-permission-request key="r" permission="voice-chat" />,
  // @ts-expect-error secrets are properties, never markup: a ref or playgate/react
  <playgate-provider key="t" nodecraftGameToken="secret" />,
  // @ts-expect-error max-rounds is a number
  <playgate-consent-prompt key="m" max-rounds="many" />,
];
