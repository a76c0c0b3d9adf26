// Vite build of the Enlace UI: hashed assets in dist/, no inline scripts or data: URIs (CSP).
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// The API reference page (public/api-docs/, served at /api/docs) runs Redoc's standalone
// bundle, taken from the redoc package at build time so that it ships inside the executable.
function redocBundle() {
  return {
    name: 'enlace-redoc-bundle',
    apply: 'build',
    writeBundle(options) {
      const require = createRequire(import.meta.url);
      const pkg = dirname(require.resolve('redoc/package.json'));
      const out = join(options.dir, 'api-docs');
      mkdirSync(out, { recursive: true });
      for (const f of ['redoc.standalone.js', 'redoc.standalone.js.LICENSE.txt'])
        copyFileSync(join(pkg, 'bundles', f), join(out, f));
    },
  };
}

export default defineConfig({
  plugins: [preact(), redocBundle()],
  build: {
    outDir: 'dist',
    target: 'es2020',
    // CSP default-src 'self' forbids data: URIs, so never inline assets.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
    manifest: true,
    rollupOptions: {
      output: {
        // Observable Plot and d3 form one chunk that only the coordinator route imports.
        manualChunks(id) {
          if (/node_modules\/(@observablehq|d3|d3-[a-z-]+|internmap|delaunator|robust-predicates|interval-tree-1d|binary-search-bounds|isoformat)\//.test(id)) return 'plot';
          return undefined;
        },
      },
    },
  },
  server: {
    // `npm run dev` talks to a local `enlace serve` (default port 8080).
    proxy: { '/api': { target: process.env.ENLACE_API || 'http://127.0.0.1:8080', changeOrigin: false } },
  },
  test: {
    environment: 'node',
    include: ['test/**/*.test.{js,jsx}'],
  },
});
