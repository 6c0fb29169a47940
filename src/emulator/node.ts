/// <reference types="node" />
// The emulator on Node's http: for `npm run emulator`, the Vite dev server,
// web-test-runner and an integrator's own CI. Not on the handler's request path.
import { createServer, type Server } from 'node:http';
import { nodeListener } from '../server/node.js';
import { createEmulator, type Emulator, type EmulatorOptions } from './emulator.js';

export { nodeListener, sendResponse, toRequest } from '../server/node.js';

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
