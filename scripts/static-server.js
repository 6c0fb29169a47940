// A plain file server for a built folder (storybook-static, dist-demo), as any static host
// would serve it, on a free local port. For the smoke walk, the benchmarks and screenshots.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.map': 'application/json', '.svg': 'image/svg+xml' };

/**
 * Serves `root`; resolves with its base URL (ending in `/`) and a way to stop it. `handle`
 * may answer a request first (true when it did), e.g. an event stream.
 */
export async function serveFolder(root, handle = () => false) {
  if (!existsSync(join(root, 'index.html')) && !existsSync(join(root, 'iframe.html'))) throw new Error(`Nothing built in ${root}`);
  const server = createServer((request, response) => {
    if (handle(request, response)) return;
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return response.writeHead(404).end('Not found');
    response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${String(server.address().port)}/`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
