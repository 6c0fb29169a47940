/// <reference types="node" />
// Node's http in front of a Fetch API handler: for `npm run emulator`, the Vite dev
// server, web-test-runner and an integrator's own CI. Not on the handler's request path.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createEmulator, type Emulator, type EmulatorOptions } from './emulator.js';

export type FetchHandler = (request: Request) => Promise<Response>;

/** A Fetch API Request from a Node request. Aborts when the client goes away. */
export async function toRequest(req: IncomingMessage, res: ServerResponse, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD' && chunks.length > 0;
  return new Request(new URL(req.url ?? '/', origin), {
    method,
    headers,
    signal: controller.signal,
    ...(hasBody ? { body: Buffer.concat(chunks) } : {}),
  });
}

/** Writes a Fetch API Response; a `Response.error()` drops the connection instead. */
export async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  if (response.type === 'error') {
    res.socket?.destroy();
    return;
  }
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  res.end(body);
}

/** A Node request listener over a Fetch API handler. */
export function nodeListener(handler: FetchHandler): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
    toRequest(req, res, origin)
      .then(handler)
      .then((response) => sendResponse(res, response))
      .catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(`emulator error: ${error instanceof Error ? error.message : String(error)}`);
      });
  };
}

export interface RunningEmulator {
  emulator: Emulator;
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Starts an emulator on 127.0.0.1 (port 0 picks a free one). */
export function serveEmulator(options: EmulatorOptions & { port?: number; host?: string } = {}): Promise<RunningEmulator> {
  const emulator = createEmulator(options);
  const server = createServer(nodeListener(emulator.fetch));
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      resolve({
        emulator,
        server,
        url: `http://${host}:${String(port)}`,
        close: () =>
          new Promise<void>((done) => {
            emulator.close();
            server.closeAllConnections();
            server.close(() => {
              done();
            });
          }),
      });
    });
  });
}
