import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// The one thing Vue needs: the playgate- tags are custom elements, not Vue components.
export default defineConfig({
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('playgate-') } } })],
});
