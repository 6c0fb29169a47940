// A production webpack build, as a game's own would run it: dist/main.js (plus the lazy
// chunks, such as the QR encoder) and the page beside it.
import { copyFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import webpack from 'webpack';

const dist = resolve(import.meta.dirname, 'dist');
const stats = await new Promise((done, fail) => {
  webpack({ mode: 'production', entry: './src/main.js', output: { path: dist, filename: 'main.js' } }, (error, result) => (error ? fail(error) : done(result)));
});
if (stats.hasErrors()) {
  console.error(stats.toString('errors-only'));
  process.exit(1);
}
mkdirSync(dist, { recursive: true });
copyFileSync(resolve(import.meta.dirname, 'index.html'), resolve(dist, 'index.html'));
