import { defineConfig } from 'vite';

// The server serves dist/ at / (index.html) and /assets/ (content-hashed, cached forever); client routes
// live under /app/ so that they can never shadow an API path.
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    // hls.js alone is ~500 kB; it is loaded only when a video is played
    chunkSizeWarningLimit: 700,
  },
  server: {
    // `npm run dev` against a server on :8080 (vite's own origin must then be in ALLOWED_ORIGINS)
    port: 5173,
  },
});
