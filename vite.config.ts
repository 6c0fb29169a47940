import { defineConfig } from 'vite';
import { cssLiteralsVite } from './scripts/css-literals.js';

/** Each has `playgate/define/<name>` (registers the tag) and `playgate/elements/<name>` (the class alone). */
const ELEMENTS = ['provider', 'consent-prompt', 'permission-request', 'session-status'];

// Library build: ESM only, dependencies left to the game's bundler (the CDN bundle with
// Lit inside is a separate build). The emulator ships beside the widget, never inside it.
// Declarations come from `tsc -p tsconfig.build.json`.
export default defineConfig({
  plugins: [cssLiteralsVite()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    lib: {
      entry: {
        index: 'src/index.ts',
        ...Object.fromEntries(
          ELEMENTS.flatMap((name) => [
            [`elements/${name}/${name}`, `src/elements/${name}/${name}.ts`],
            [`elements/${name}/${name}.component`, `src/elements/${name}/${name}.component.ts`],
          ]),
        ),
        'react/index': 'src/react/index.ts',
        'jsx/react': 'src/jsx/react.ts',
        'jsx/preact': 'src/jsx/preact.ts',
        'emulator/index': 'src/emulator/index.ts',
        'emulator/node': 'src/emulator/node.ts',
        'emulator/vite': 'src/emulator/vite.ts',
        'emulator/cli': 'src/emulator/cli.ts',
        'server/index': 'src/server/index.ts',
        'server/node': 'src/server/node.ts',
      },
      formats: ['es'],
    },
    rolldownOptions: {
      // The React wrappers' 'use client' is kept, one module per file: nothing to warn about.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.id?.includes('/src/react/')) return;
        handler(level, log);
      },
      external: [/^lit($|\/)/, /^@lit\//, /^zod($|\/)/, /^lean-qr($|\/)/, /^react($|\/)/, /^preact($|\/)/, /^hono($|\/)/, /^vite$/, /^node:/],
      output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
    },
  },
});
