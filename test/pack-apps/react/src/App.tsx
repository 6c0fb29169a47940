'use client';
// Also the Next.js app's page (scripts/pack-test.js copies it there): a client component.
import { useEffect, useRef, useState } from 'react';
import type { PlaygateProvider as ProviderElement } from 'playgate/elements/provider';
import { PlaygateConsentPrompt, PlaygateProvider, PlaygateSessionStatus } from 'playgate/react';
// The permission request written as a tag: React 19 passes properties and `on<event>` listeners.
import 'playgate/define/permission-request';
import type {} from 'playgate/jsx/react';

interface Scenario {
  nodecraft: { gameToken: string; identRequest: { type: string; data: Record<string, string> } };
}

const events: Array<{ name: string; detail: unknown }> = [];
// Next.js prerenders it on Node at build: no window there.
if (typeof window !== 'undefined') Object.assign(window, { playgateEvents: events });
const record = (name: string, detail: unknown) => events.push({ name, detail });

export function App() {
  const provider = useRef<ProviderElement>(null);
  const [scenario, setScenario] = useState<Scenario>();
  const [result, setResult] = useState('');
  useEffect(() => {
    void fetch('/emulator/_emulator/scenario')
      .then((response) => response.json())
      .then((body) => {
        setScenario(body as Scenario);
      });
  }, []);
  if (!scenario) return <p>Loading…</p>;
  const signIn = async () => {
    const player = await provider.current?.identify(scenario.nodecraft.identRequest);
    setResult(`Signed in as ${player?.displayName ?? '?'}.`);
  };
  return (
    <PlaygateProvider
      ref={provider}
      kidUrl="/api/kid/"
      nodecraftUrl="/emulator/nodecraft/v1/"
      jurisdiction="US-CA"
      nodecraftGameToken={scenario.nodecraft.gameToken}
      onPlaygateReady={(event) => record(event.type, { kid: event.detail.kid })}
    >
      <PlaygateSessionStatus layout="full" />
      <button type="button" onClick={() => void signIn()}>
        Sign in
      </button>
      <p role="status">{result}</p>
      <playgate-permission-request
        permissions={['voice-chat']}
        onplaygate-challenge-created={(event) => record(event.type, { permissions: event.detail.permissions })}
      />
      <PlaygateConsentPrompt
        onPlaygateConsentCompleted={(event) => {
          const rounds: number = event.detail.rounds;
          record(event.type, { rounds });
        }}
      />
    </PlaygateProvider>
  );
}

// The props and details are typed: these must not compile.
export const wrong = [
  // @ts-expect-error rounds is a number
  <PlaygateConsentPrompt key="a" onPlaygateConsentCompleted={(event) => event.detail.rounds.toUpperCase()} />,
  // @ts-expect-error no such property on the element
  <playgate-permission-request key="b" permission="voice-chat" />,
  // @ts-expect-error the challenge event carries no one-time code
  <playgate-permission-request key="c" onplaygate-challenge-created={(event) => event.detail.otp} />,
];
