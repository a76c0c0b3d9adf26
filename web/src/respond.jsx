// The shell of the respond page: no session, no navigation; the brand, the language and the page.
import { useEffect } from 'preact/hooks';
import { t } from './i18n/index.js';
import { pageTitle } from './components/ui.jsx';
import { LanguageSwitch, SkipLink } from './app.jsx';
import { RespondPage } from './referral/RespondPage.jsx';

/** The token from '/respond/{token}', or null when the path is not a respond link. */
export function respondToken(pathname) {
  const m = /^\/respond\/([^/]+)\/?$/.exec(pathname || '');
  if (!m) return null;
  try { return decodeURIComponent(m[1]); } catch { return null; }
}

export function RespondShell({ token }) {
  useEffect(() => { document.title = pageTitle.value ? `${pageTitle.value} – Enlace` : 'Enlace'; });
  return (
    <>
      <SkipLink />
      <header class="site-header">
        <div class="header-inner">
          <span class="brand">Enlace</span>
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" tabIndex={-1}><RespondPage token={token} /></main>
      <footer class="site-footer"><p>{t('shell.footer')}</p></footer>
    </>
  );
}
