// A scripted HTTP peer for browser tests, mounted into web-test-runner's dev server.
// A test posts the responses it wants, points an adapter at the returned base URL, and
// afterwards reads back exactly what the adapter sent. Real HTTP, no stubbed fetch.
const PREFIX = '/__wire';
const scenarios = new Map();
let nextId = 1;

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

// The response's 'close' fires when the client hangs up before the answer is sent (the
// request's own 'close' has long fired once its body was read).
function waitOrClose(ms, res) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    res.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Koa middleware for @web/dev-server. */
export function wireServer() {
  return async function wire(ctx, next) {
    if (!ctx.path.startsWith(PREFIX)) return next();
    if (ctx.method === 'POST' && ctx.path === `${PREFIX}/scenario`) {
      const { responses } = JSON.parse(await readBody(ctx.req));
      const id = String(nextId++);
      scenarios.set(id, { responses, requests: [] });
      ctx.body = { id, base: `${PREFIX}/s/${id}/` };
      return;
    }
    const log = ctx.path.match(/^\/__wire\/log\/(\d+)$/);
    if (log) {
      ctx.body = { requests: scenarios.get(log[1])?.requests ?? [] };
      return;
    }
    const call = ctx.path.match(/^\/__wire\/s\/(\d+)\/(.*)$/);
    const scenario = call && scenarios.get(call[1]);
    if (!scenario) {
      ctx.status = 404;
      return;
    }
    const body = await readBody(ctx.req);
    scenario.requests.push({
      at: Date.now(),
      method: ctx.method,
      path: call[2],
      query: Object.fromEntries(new URLSearchParams(ctx.querystring)),
      headers: ctx.headers,
      body,
    });
    const next_ = scenario.responses.shift();
    if (!next_) {
      ctx.status = 599;
      ctx.body = 'wire-server: no scripted response left';
      return;
    }
    if (next_.delayMs) await waitOrClose(next_.delayMs, ctx.res);
    ctx.status = next_.status;
    for (const [name, value] of Object.entries(next_.headers ?? {})) ctx.set(name, value);
    if (next_.body !== undefined) {
      ctx.body = next_.body;
      // Koa would guess a type; the script says exactly what the peer sends.
      ctx.type = next_.headers?.['Content-Type'] ?? 'application/json';
    }
  };
}
