import { defineConfig } from 'vite';
import { cssLiteralsVite } from './scripts/css-literals.js';

// The CDN file: `dist/playgate.js`, one ES module with Lit, zod and the QR encoder inside,
// for a page with no build step: <script type="module" src=".../playgate.js">.
export default defineConfig({
  plugins: [cssLiteralsVite()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    minify: true,
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'playgate.js' },
    rolldownOptions: { output: { codeSplitting: false } },
  },
});
