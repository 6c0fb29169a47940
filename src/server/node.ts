/// <reference types="node" />
// Node's http (and Express-style middleware) in front of Fetch API handlers. Responses
// stream, so Server-Sent Events work; `Response.error()` drops the connection.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { PermissionChecker } from './permission-guard.js';

export type FetchHandler = (request: Request) => Promise<Response>;

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

/** A Fetch API Request from a Node request. Its signal aborts when the client goes away. */
export function toRequest(req: IncomingMessage, res: ServerResponse, origin: string, parsedBody?: unknown): Promise<Request> {
  const method = req.method ?? 'GET';
  let body: Uint8Array | ReadableStream<Uint8Array> | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    if (req.readableEnded && parsedBody !== undefined) {
      // A body parser got there first: its `rawBody`, if it kept one, else a re-encoding
      // (which webhook signatures will not match; see docs/server.md).
      body = new Uint8Array(Buffer.isBuffer(parsedBody) ? parsedBody : Buffer.from(typeof parsedBody === 'string' ? parsedBody : JSON.stringify(parsedBody)));
    } else {
      // Streamed, not buffered: the handler reads what it needs (the proxy stops at its cap).
      body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
    }
  }
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  const headers = headersOf(req);
  return Promise.resolve(
    new Request(new URL(req.url ?? '/', origin), {
      method,
      headers,
      signal: controller.signal,
      ...(body ? { body, duplex: 'half' } : {}),
    } as RequestInit),
  );
}

/** Resolves when `res` can take more, has closed, or `wake` is called (the body ended). */
function drained(res: ServerResponse, onWake: (wake: () => void) => void): Promise<void> {
  if (res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      onWake(() => undefined);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
    onWake(done);
  });
}

/** Writes a Fetch API Response, streaming its body. */
export async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  if (response.type === 'error') {
    res.socket?.destroy();
    return;
  }
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  const cancel = () => {
    reader.cancel().catch(() => undefined);
  };
  // The client may have gone while the handler ran: then 'close' has already fired.
  if (res.destroyed) cancel();
  else res.on('close', cancel);
  // One waiter at a time, woken when the body ends or fails (a dropped slow client).
  let wake: () => void = () => undefined;
  reader.closed.then(() => { wake(); }, () => { wake(); });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // A client that does not read: wait for it rather than buffer here, so the body's own
      // bound (an event stream's) applies.
      if (!res.write(value)) {
        await drained(res, (next) => {
          wake = next;
        });
      }
    }
  } catch {
    // The body failed mid-way (or dropped a client that stopped reading): cut the
    // connection, so the client sees it was not the whole answer and nothing stays queued.
    res.destroy();
    return;
  }
  res.end();
}

function originOf(req: IncomingMessage): string {
  const secure = (req.socket as { encrypted?: boolean }).encrypted === true;
  return `${secure ? 'https' : 'http'}://${req.headers.host ?? '127.0.0.1'}`;
}

/** A Node `http.createServer` listener over a Fetch API handler. */
export function nodeListener(handler: FetchHandler): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    toRequest(req, res, originOf(req))
      .then(handler)
      .then((response) => sendResponse(res, response))
      .catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(error instanceof Error ? error.message : 'internal error');
      });
  };
}

/**
 * Express-style middleware: requests under `basePath` go to the handler, the rest to
 * `next()`. Mount it before body parsers, so webhook signatures see the raw body.
 */
export function expressMiddleware(handler: FetchHandler, basePath: string) {
  return (req: IncomingMessage & { originalUrl?: string; body?: unknown; rawBody?: unknown }, res: ServerResponse, next: (error?: unknown) => void): void => {
    const path = (req.originalUrl ?? req.url ?? '/').split('?')[0] ?? '/';
    if (path !== basePath && !path.startsWith(`${basePath}/`)) {
      next();
      return;
    }
    if (req.originalUrl) req.url = req.originalUrl;
    toRequest(req, res, originOf(req), req.rawBody ?? req.body)
      .then(handler)
      .then((response) => sendResponse(res, response))
      .catch(next);
  };
}

/**
 * Express-style middleware for a game's own route: `next()` only for a player whose k-ID
 * session has `permission` on; 401 or 403 otherwise (see `KidProxy.checkPermission`).
 */
export function requirePermissionMiddleware(guard: PermissionChecker, permission: string) {
  return (req: IncomingMessage & { originalUrl?: string }, res: ServerResponse, next: (error?: unknown) => void): void => {
    // Only who is asking matters: the headers, not the body, which the route still reads.
    const request = new Request(new URL(req.originalUrl ?? req.url ?? '/', originOf(req)), { headers: headersOf(req) });
    guard.checkPermission(request, permission).then(async (refused) => {
      if (refused) await sendResponse(res, refused);
      else next();
    }, next);
  };
}
