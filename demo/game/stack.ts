// Where the demo's backends run. Under `npm start` they are on the dev server: the
// emulator at /emulator, the game's k-ID proxy at /api/kid, the demo's own /demo-api. In
// the static build (`npm run build`, any file host) there is no server, so the same
// emulator and the same proxy run inside the page, and the page's calls reach them through
// an injected fetch: the widget, the proxy and the emulator are the real ones either way.
import { createInPageStack } from '../../src/emulator/in-page.js';
import { chatRoute } from '../chat-route.js';

export interface DemoStack {
  /** Every call the demo makes: to the emulator, the proxy and the demo's own API. */
  fetch: typeof fetch;
  /** The backends run in this page (a static build): no event stream, no reloads. */
  inPage: boolean;
}

/** The dev server's backends, when it has them; otherwise the page's own. */
export async function demoStack(): Promise<DemoStack> {
  const probe = await fetch('/emulator/_emulator/scenario').catch(() => undefined);
  if (probe?.ok && probe.headers.get('content-type')?.includes('json')) return { fetch: globalThis.fetch.bind(globalThis), inPage: false };
  return inPageStack();
}

async function inPageStack(): Promise<DemoStack> {
  const stack = await createInPageStack({ origin: location.origin, scenario: 'child' });
  const postInChat = chatRoute(stack.proxy);
  const route = async (request: Request): Promise<Response> => {
    if (new URL(request.url).pathname === '/demo-api/chat' && request.method === 'POST') return postInChat(request);
    if (new URL(request.url).pathname === '/demo-api/scenario' && request.method === 'POST') {
      const { name } = (await request.json()) as { name?: string };
      const info = await stack.switchTo(name ?? 'child');
      return info ? Response.json(info) : Response.json({ error: 'No such scenario' }, { status: 404 });
    }
    return stack.fetch(request);
  };
  return {
    fetch: (input, init) => route(input instanceof Request ? input : new Request(new URL(String(input), location.origin), init)),
    inPage: true,
  };
}
