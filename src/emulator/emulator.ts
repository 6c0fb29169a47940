import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { Clock } from './clock.js';
import { DEFAULT_CONFIG, type EmulatorConfig } from './config.js';
import type { EmulatorContext } from './context.js';
import { controlRoutes } from './control/routes.js';
import { ElementsState } from './elements/state.js';
import { elementsRoutes } from './elements/routes.js';
import { Faults, vendorErrorBody, type Vendor } from './faults.js';
import { KidState } from './kid/state.js';
import { kidRoutes } from './kid/routes.js';
import { NodecraftState } from './nodecraft/state.js';
import { nodecraftRoutes } from './nodecraft/routes.js';
import { parentRoutes } from './parent/routes.js';
import { verifyRoutes } from './verify/routes.js';
import { DEFAULT_SCENARIO, loadScenario, type ScenarioInfo } from './scenarios.js';
import { Webhooks } from './webhooks.js';

export interface EmulatorOptions {
  config?: Partial<EmulatorConfig>;
  /** Where the emulator is mounted, e.g. `/emulator` inside a dev server. */
  basePath?: string;
  /** The scenario loaded at start. */
  scenario?: string;
  /** Sends webhooks; the global fetch by default. */
  webhookFetch?: typeof fetch;
  /**
   * The origin browsers and phones reach the emulator at, for the links and QR codes it
   * hands out. Needed when calls arrive through a proxy that names another host; by
   * default, each request's own origin.
   */
  publicOrigin?: string | (() => string | undefined);
}

export interface Emulator {
  /** The Fetch API handler: every vendor, the parent page and the control API. */
  readonly fetch: (request: Request) => Promise<Response>;
  /** A `fetch` for the adapters that calls the handler in-process (no network). */
  asFetch(): typeof fetch;
  readonly config: EmulatorConfig;
  readonly scenario: ScenarioInfo;
  reset(scenario?: string): ScenarioInfo | undefined;
  /** Cancels pending webhook retries. */
  close(): void;
}

export const VENDOR_ROOTS: Record<Vendor, string> = {
  kid: '/kid/api/v1',
  nodecraft: '/nodecraft/v1',
  elements: '/elements/api/rest',
};

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const config: EmulatorConfig = { ...DEFAULT_CONFIG, ...options.config };
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const publicOrigin = () => {
    const origin = typeof options.publicOrigin === 'function' ? options.publicOrigin() : options.publicOrigin;
    return origin?.replace(/\/+$/, '');
  };
  const webhooks = new Webhooks(config, () => options.webhookFetch ?? globalThis.fetch.bind(globalThis));
  let ctx = freshContext(options.scenario ?? DEFAULT_SCENARIO);
  let app = buildApp(ctx);

  function freshContext(scenario: string): EmulatorContext {
    const clock = new Clock();
    const next: EmulatorContext = {
      config,
      clock,
      faults: new Faults(),
      webhooks,
      kid: new KidState(clock, config, (event) => {
        webhooks.send(event);
      }),
      nodecraft: new NodecraftState(clock),
      elements: new ElementsState(clock, () => config.elementsSessionTimeoutMs),
      scenario: undefined as unknown as ScenarioInfo,
      requests: [],
      publicBase: (c) => `${publicOrigin() ?? new URL(c.req.url).origin}${basePath}`,
      reset: (name) => reset(name),
    };
    const info = loadScenario(next, scenario);
    if (!info) throw new Error(`No emulator scenario named ${scenario}`);
    next.scenario = info;
    return next;
  }

  function reset(scenario = ctx.scenario.name): ScenarioInfo | undefined {
    try {
      ctx = freshContext(scenario);
      app = buildApp(ctx);
      return ctx.scenario;
    } catch {
      return undefined;
    }
  }

  /** The routes over one context; a reset builds new ones over fresh state. */
  function buildApp(state: EmulatorContext): Hono {
    const root = new Hono({ strict: false });
    // Game pages on other ports (Storybook, an integrator's dev server) call it directly.
    root.use('*', cors({ origin: (origin) => origin, credentials: true, exposeHeaders: ['Retry-After', 'ETag'] }));
    root.route(VENDOR_ROOTS.kid, kidRoutes(state));
    root.route(VENDOR_ROOTS.nodecraft, nodecraftRoutes(state));
    root.route(VENDOR_ROOTS.elements, elementsRoutes(state));
    root.route('/parent', parentRoutes(state));
    root.route('/verify', verifyRoutes(state));
    root.route('/_emulator', controlRoutes(() => ctx));
    root.get('/', (c) => c.redirect(`${basePath}/_emulator/`));
    return root;
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (basePath && !url.pathname.startsWith(basePath)) return new Response('Not found', { status: 404 });
    const path = url.pathname.slice(basePath.length) || '/';
    url.pathname = path;
    // The routes see the path without the mount; publicBase() puts it back for links.
    // Copied field by field: Firefox drops the body of `new Request(url, request)`.
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    const inner = new Request(url, {
      method: request.method,
      headers: request.headers,
      signal: request.signal,
      ...(hasBody ? { body: await request.arrayBuffer() } : {}),
    });
    const vendor = (Object.keys(VENDOR_ROOTS) as Vendor[]).find((v) => path.startsWith(`${VENDOR_ROOTS[v]}/`));
    if (vendor && request.method !== 'OPTIONS') ctx.requests.push({ vendor, method: request.method, path: path.slice(VENDOR_ROOTS[vendor].length), at: Date.now() });
    const fault = vendor && request.method !== 'OPTIONS' ? ctx.faults.take(vendor, request.method, path.slice(VENDOR_ROOTS[vendor].length)) : undefined;
    if (!vendor || !fault) return app.fetch(inner);
    switch (fault.kind) {
      case 'drop':
        return Response.error();
      case '5xx':
      case '429': {
        const status = fault.kind === '429' ? 429 : (fault.status ?? 503);
        const headers = new Headers({ 'Content-Type': 'application/json' });
        if (fault.kind === '429') headers.set('Retry-After', String(fault.retryAfter ?? 1));
        return new Response(JSON.stringify(vendorErrorBody(vendor, status)), { status, headers });
      }
      case 'latency':
        await new Promise((resolve) => setTimeout(resolve, fault.ms ?? 1000));
        return app.fetch(inner);
      case 'malformed': {
        const real = await app.fetch(inner);
        const text = await real.text();
        return new Response(text.slice(0, Math.max(1, Math.floor(text.length / 2))), { status: real.status, headers: real.headers });
      }
    }
  }

  return {
    fetch: handle,
    asFetch() {
      return async (input, init) => {
        const response = await handle(new Request(input, init));
        // A dropped connection is a network failure to the caller, as with a real fetch.
        if (response.type === 'error') throw new TypeError('Failed to fetch (connection dropped by the emulator)');
        return response;
      };
    },
    config,
    get scenario() {
      return ctx.scenario;
    },
    reset,
    close() {
      webhooks.stop();
    },
  };
}
