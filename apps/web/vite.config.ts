import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './precompress.ts';

const api = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react(), precompress()],
  server: {
    proxy: {
      '/trpc': { target: api, changeOrigin: false },
      '/health': { target: api, changeOrigin: false },
      // Invoice PDFs (preview frame and download) come from a plain HTTP route of the API.
      '/api': { target: api, changeOrigin: false },
      // Sign-in with OIDC: the start and the provider's callback are plain HTTP routes of the API.
      '/auth/oidc': { target: api, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
  },
});
