// The example app, built as a user's app would be: it imports "maoocr-react" and its stylesheet, which
// resolve to the package's build (npm run build) in ../dist. Offline: everything comes from node_modules.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const dist = (file: string) => fileURLToPath(new URL(`../dist/${file}`, import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^maoocr-react$/, replacement: dist('index.js') },
      { find: /^maoocr-react\/styles\.css$/, replacement: dist('styles.css') },
    ],
  },
  build: { outDir: 'dist', emptyOutDir: true },
});
