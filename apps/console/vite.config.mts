import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('../..', import.meta.url));

// The console is static files: the gateway serves them at `/` (SPA fallback)
// and the APIs stay under /api on the same origin, so no CORS and no base URL.
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  resolve: {
    // the same hotspot areas and communities, case states, roles and phone rule the services bundle
    alias: {
      '@reference-data/areas.geo.json': `${repo}libs/reference-data/src/data/areas.geo.json`,
      '@pipeline/domain-terms': `${repo}libs/domain-terms/src/index.ts`,
    },
  },
  build: {
    outDir: `${repo}dist/apps/console`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    rollupOptions: {
      output: {
        manualChunks: (id) => (id.includes('node_modules/antd') || id.includes('node_modules/@ant-design') || id.includes('node_modules/rc-') || id.includes('node_modules/@rc-component') ? 'antd' : id.includes('node_modules') ? 'vendor' : undefined),
      },
    },
  },
  server: {
    // `npx nx serve console` beside `npm start`: the APIs come from the gateway
    port: 4200,
    proxy: { '/api': 'http://127.0.0.1:3000', '/open311': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' },
  },
});
