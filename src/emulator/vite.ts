/// <reference types="node" />
import type { Plugin } from 'vite';
import { createEmulator, type Emulator, type EmulatorOptions } from './emulator.js';
import { sendResponse, toRequest } from './node.js';

/**
 * Mounts the emulator inside a Vite dev server, at `/emulator` by default, so a game's
 * dev page, its parent page and the vendor APIs share one origin.
 */
export function playgateEmulator(options: EmulatorOptions & { onReady?: (emulator: Emulator) => void } = {}): Plugin {
  const basePath = options.basePath ?? '/emulator';
  return {
    name: 'playgate-emulator',
    configureServer(server) {
      const emulator = createEmulator({ ...options, basePath });
      options.onReady?.(emulator);
      server.middlewares.use((req, res, next) => {
        const url = req.url ?? '/';
        if (url !== basePath && !url.startsWith(`${basePath}/`) && !url.startsWith(`${basePath}?`)) {
          next();
          return;
        }
        const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
        toRequest(req, res, origin)
          .then(emulator.fetch)
          .then((response) => sendResponse(res, response))
          .catch(next);
      });
      server.httpServer?.once('close', () => {
        emulator.close();
      });
    },
  };
}
