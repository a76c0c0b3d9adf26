// Vite build of the Enlace UI: hashed assets in dist/, no inline scripts or data: URIs (CSP).
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LANGUAGES } from './src/i18n/languages.js';
import { pickTrackMessages, withoutTrackMessages } from './src/track/pick_messages.js';
import { precompileCatalog } from './src/i18n/precompile.js';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

// `virtual:track-messages` maps each language to a loader of `virtual:track-messages/<code>`: the
// strings of the person's page picked from src/i18n/<code>.json, so /track never downloads the
// caseworker UI's catalogue (web/scripts/size.mjs holds it to its budget).
const TRACK = 'virtual:track-messages';
function trackMessages() {
  const catalog = (code) => JSON.parse(readFileSync(here(`./src/i18n/${code}.json`), 'utf8'));
  return {
    name: 'enlace-track-messages',
    enforce: 'pre',
    resolveId(id) { return id === TRACK || id.startsWith(`${TRACK}/`) ? `\0${id}` : null; },
    // The UI's own catalogues leave out what only /track says.
    transform(code, id) {
      if (!/\/src\/i18n\/[a-z]+\.json$/.test(id)) return null;
      return { code: JSON.stringify(withoutTrackMessages(JSON.parse(code))), map: null };
    },
    load(id) {
      if (id === `\0${TRACK}`) {
        return `export default {${LANGUAGES.map((l) => `${JSON.stringify(l.code)}: () => import(${JSON.stringify(`${TRACK}/${l.code}`)})`).join(', ')}};`;
      }
      if (!id.startsWith(`\0${TRACK}/`)) return null;
      const code = id.slice(TRACK.length + 2);
      this.addWatchFile(here(`./src/i18n/${code}.json`));
      return `export default ${JSON.stringify(pickTrackMessages(catalog(code), catalog('en')))};`;
    },
  };
}

// The built UI formats catalogues parsed at build time (src/i18n/precompile.js) and ships
// intl-messageformat without its ICU parser (`no-parser`, which throws if a string reaches it).
// Build only: vitest and `npm run dev` read the catalogues as strings, with the parser.
function precompiledMessages() {
  return {
    name: 'enlace-precompiled-messages',
    apply: 'build',
    enforce: 'pre', // after enlace-track-messages (listed before), before Vite's JSON plugin
    config() {
      return { resolve: { alias: [{ find: /^@formatjs\/icu-messageformat-parser$/, replacement: '@formatjs/icu-messageformat-parser/no-parser.js' }] } };
    },
    transform(code, id) {
      const m = /\/src\/i18n\/([a-z]+)\.json$/.exec(id);
      if (!m) return null;
      return { code: JSON.stringify(precompileCatalog(JSON.parse(code), m[1])), map: null };
    },
  };
}

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

// The installable app: a manifest and a Workbox service worker that precaches the app shell
// (HTML, hashed scripts and styles, icons) so a returning user opens it with no network.
// Nothing under /api/ is ever cached: API replies carry personal data (and `no-store`); what a
// caseworker records offline lives encrypted in IndexedDB (src/offline/), not in Cache Storage.
const pwa = VitePWA({
  registerType: 'autoUpdate',
  injectRegister: false, // registered from main.jsx: an inline script would break the CSP
  manifest: {
    name: 'Enlace',
    short_name: 'Enlace',
    description: 'Case referrals between organisations that receive migrants and refugees',
    lang: 'es',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#1d4e89',
    icons: [
      { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
    // The charts chunk is for coordinators at a desk: not worth a mobile unit's data.
    // Nor the API reference (Redoc, about 1 MB): developers read it online.
    globIgnores: ['**/plot-*.js', '**/api-docs/**'],
    // The UI routes by hash: every navigation is the one index.html.
    navigateFallback: '/index.html',
    // /track is its own page (track.html), served by the server; never answered with the app.
    navigateFallbackDenylist: [/^\/api\//, /^\/track/, /^\/hsds/, /^\/fhir/, /^\/metrics/],
    runtimeCaching: [],
    cleanupOutdatedCaches: true,
    clientsClaim: true,
    skipWaiting: true,
    inlineWorkboxRuntime: true,
  },
});

export default defineConfig({
  plugins: [preact(), trackMessages(), precompiledMessages(), pwa, redocBundle()],
  build: {
    outDir: 'dist',
    target: 'es2020',
    // CSP default-src 'self' forbids data: URIs, so never inline assets.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
    manifest: true,
    rollupOptions: {
      // Two pages: the UI, and the person's own page (/track), which shares none of the UI's code.
      input: { index: here('./index.html'), track: here('./track.html') },
      output: {
        // Observable Plot and d3 form one chunk that only the coordinator route imports.
        manualChunks(id) {
          // Preact is shared by the UI and the person's page: its own chunk, named for it.
          if (/node_modules\/preact\//.test(id)) return 'preact';
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
