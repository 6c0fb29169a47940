// Mounts playgate emulators into web-test-runner's dev server. Each test file makes its
// own (POST /__emu/new), so Chromium and Firefox never share state; requests under
// /__emu/<id>/ reach that emulator over real HTTP.
import { register } from 'tsx/esm/api';

register();
const { createEmulator } = await import('../../src/emulator/emulator.ts');
const { toRequest, sendResponse } = await import('../../src/emulator/node.ts');

const emulators = new Map();
let nextId = 1;

export function emulatorServer() {
  return async function emulator(ctx, next) {
    if (ctx.path === '/__emu/new' && ctx.method === 'POST') {
      const id = String(nextId++);
      const scenario = ctx.query.scenario || undefined;
      emulators.set(id, createEmulator({ basePath: `/__emu/${id}`, scenario }));
      ctx.body = { id, base: `/__emu/${id}` };
      return;
    }
    const match = ctx.path.match(/^\/__emu\/(\d+)(\/.*)?$/);
    const instance = match && emulators.get(match[1]);
    if (!instance) return next();
    ctx.respond = false;
    const request = await toRequest(ctx.req, ctx.res, ctx.origin);
    await sendResponse(ctx.res, await instance.fetch(request));
  };
}
