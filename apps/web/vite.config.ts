import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server serves dist/ at "/" and the API under "/api"; in development Vite proxies the API
// so cookies stay same-origin exactly as in production.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
});
