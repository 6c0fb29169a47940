// The one-file build (dist/playgate.js) that the demo's plain-HTML page loads: remade
// before the dev server or the smoke walk starts whenever src/ changed since.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

const root = new URL('..', import.meta.url).pathname;

function newest(dir) {
  return readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const path = join(dir, entry.name);
    return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);
}

export async function ensureCdnBuild() {
  const file = join(root, 'dist', 'playgate.js');
  if (existsSync(file) && statSync(file).mtimeMs >= newest(join(root, 'src'))) return;
  console.log('Building dist/playgate.js for the plain-HTML page…');
  await build({ configFile: join(root, 'vite.cdn.config.ts'), logLevel: 'warn' });
}
