// Runs inside /__csp/page.html, under the strict policy: records every violation the
// page sees, then loads all of playgate. The test drives the elements from outside, and
// can ask for a whole backend inside this page (so its answers are this page's objects),
// with a hook to rewrite answers (hostile strings for the XSS suite).
import { createInPageStack } from '../../src/emulator/in-page.js';

export type Rewrite = (path: string, body: Record<string, unknown>) => void;

declare global {
  interface Window {
    cspViolations: string[];
    playgateLoaded: Promise<unknown>;
    makeStack(scenario: string, rewrite: Rewrite): Promise<{ fetch: typeof fetch; gameToken: string; identRequest: { type: string; data: Record<string, string> } }>;
  }
}

window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.cspViolations.push(`${event.effectiveDirective}: ${event.blockedURI} ${event.sample}`);
});
window.playgateLoaded = import('../../src/index.js');

window.makeStack = async (scenario, rewrite) => {
  const stack = await createInPageStack({ origin: location.origin, scenario, config: { minPollIntervalMs: 0 } });
  return {
    gameToken: stack.emulator.scenario.nodecraft.gameToken,
    identRequest: stack.emulator.scenario.nodecraft.identRequest,
    async fetch(input, init) {
      const response = await stack.fetch(input, init);
      if (!(response.headers.get('content-type') ?? '').includes('json')) return response;
      const body = (await response.json()) as Record<string, unknown>;
      rewrite(new URL(input instanceof Request ? input.url : String(input), location.origin).pathname, body);
      return Response.json(body, { status: response.status, headers: response.headers });
    },
  };
};

export {};
