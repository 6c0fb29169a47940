import { defineConfig } from 'vite';

// The CDN file: `dist/playgate.js`, one ES module with Lit, zod and the QR encoder inside,
// for a page with no build step: <script type="module" src=".../playgate.js">.
export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    minify: true,
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'playgate.js' },
    rolldownOptions: { output: { inlineDynamicImports: true } },
  },
});
