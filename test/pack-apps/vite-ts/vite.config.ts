import { defineConfig } from 'vite';

// Two pages: the game, and one that uses the classes alone under its own tags.
export default defineConfig({
  build: { rolldownOptions: { input: { main: 'index.html', classes: 'classes.html' } } },
});
