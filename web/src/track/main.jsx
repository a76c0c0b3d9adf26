// Entry of the person's page (/track): its own small bundle, no session, no caseworker UI.
import { render } from 'preact';
import '../styles/app.css';
import { pickLanguage } from '../i18n/languages.js';
import { TrackApp, loadMessages } from './TrackPage.jsx';

async function boot() {
  const params = new URLSearchParams(window.location.search);
  let stored = null;
  try { stored = localStorage.getItem('enlace.lang'); } catch { /* private mode */ }
  const code = pickLanguage(params.get('lang') || stored, navigator.languages || [navigator.language]);
  const messages = await loadMessages(code);
  const root = document.getElementById('app');
  root.textContent = '';
  render(<TrackApp initialLang={code} initialMessages={messages} initialCode={params.get('code') || ''} />, root);
}

boot();
