import { defineConfig } from 'vite';
import { playgateEmulator } from '../src/emulator/vite.js';

// The dev server of `npm start`: the demo pages plus the emulator at /emulator.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [playgateEmulator()],
});
