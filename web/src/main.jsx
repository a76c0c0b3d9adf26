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
  // A respond link (/respond/{token}) is answered without an account: its own shell, no session.
  // It lives in this bundle, not in an entry of its own like /track: an agency's desk is not a
  // cheap phone, and the page is the receiver's referral page (its components, its six
  // catalogues of states, reasons and outcomes), which a second entry would have to copy.
  if (window.location.pathname.startsWith('/respond/')) {
    const { RespondShell, respondToken } = await import('./respond.jsx');
    const root = document.getElementById('app');
    root.textContent = '';
    render(<RespondShell token={respondToken(window.location.pathname) || ''} />, root);
    return;
  }
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
