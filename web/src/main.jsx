// Entry point: language, session, router, then render.
import { render } from 'preact';
import './styles/app.css';
import { App } from './app.jsx';
import { pickLanguage, setLanguage } from './i18n/index.js';
import { loadMe } from './session.js';
import { startRouter } from './router.js';

async function boot() {
  let stored = null;
  try { stored = localStorage.getItem('enlace.lang'); } catch { /* private mode */ }
  await setLanguage(pickLanguage(stored, navigator.languages || [navigator.language]));
  startRouter();
  const root = document.getElementById('app');
  root.textContent = '';
  render(<App />, root);
  loadMe().catch(() => {});
}

boot();

// The service worker (built by vite-plugin-pwa) keeps the app shell for use with no network.
// Registered from here rather than by an inline script, which the CSP forbids.
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => { navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {}); });
}
