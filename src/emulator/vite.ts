/// <reference types="node" />
import type { Plugin } from 'vite';
import { expressMiddleware } from '../server/node.js';
import { createEmulator, type Emulator, type EmulatorOptions } from './emulator.js';

/**
 * Mounts the emulator inside a Vite dev server, at `/emulator` by default, so a game's
 * dev page, its parent page and the vendor APIs share one origin.
 */
export function playgateEmulator(options: EmulatorOptions & { onReady?: (emulator: Emulator) => void } = {}): Plugin {
  const basePath = options.basePath ?? '/emulator';
  return {
    name: 'playgate-emulator',
    configureServer(server) {
      // Calls that come through the game's proxy name an internal host: links and QR
      // codes use the address the dev server prints instead.
      const publicOrigin = options.publicOrigin ?? (() => server.resolvedUrls?.local[0]);
      const emulator = createEmulator({ ...options, basePath, publicOrigin });
      options.onReady?.(emulator);
      server.middlewares.use(expressMiddleware(emulator.fetch, basePath));
      server.httpServer?.once('close', () => {
        emulator.close();
      });
    },
  };
}
