import { defineConfig } from 'vite';

// The server serves the build at / (index.html) and /assets/ (content-hashed, cached forever); client routes
// live under /app/ so that they can never shadow an API path.
export default defineConfig({
  base: '/',
  build: {
    // the Maven build sets this to the jar's resource folder (target/classes/META-INF/chirpchat/web)
    outDir: process.env.CHIRPCHAT_WEB_OUT ?? 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    // hls.js alone is ~500 kB; it is loaded only when a video is played
    chunkSizeWarningLimit: 700,
  },
});
