import { defineConfig } from "vite";

// The server serves dist/ and the API on the same origin; in `npm run dev`, API calls are
// proxied to a running `peerlearn serve` on :8080.
export default defineConfig({
  build: { outDir: "dist", assetsDir: "assets", sourcemap: false, modulePreload: { polyfill: false } },
  server: { proxy: { "/api": "http://127.0.0.1:8080" } },
});
