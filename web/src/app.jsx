// The shell: sign-in, header (who is signed in), role navigation, language switch, page loading.
import { useEffect, useState, useRef } from 'preact/hooks';
import { useSignal, useSignalEffect } from '@preact/signals';
import { t, lang, LANGUAGES, setLanguage } from './i18n/index.js';
import { current, matchRoute, navigate, href, parseHash } from './router.js';
import { me, organization, demo, roles, blocker, login, logout } from './session.js';
import { routes, navFor, homeFor, accountPage } from './routes.js';
import { pageTitle, Input, ErrorBox, Loading, label } from './components/ui.jsx';
import { get, items, qs } from './api.js';
import { liveTick, lastEvent, startLive, stopLive } from './live.js';
import { preload } from './directory.js';
import { waiting, online, expiring } from './offline/status.js';
import { deviceCount } from './offline/device_count.js';

// The offline queue, its encryption and its rules: loaded after first paint, when a caseworker
// signs in (the header's count reads offline/status.js until then).
const outbox = () => import('./offline/outbox.js');

/** Polite announcements for live updates (SSE) and other changes made out of sight. */
export const announce = (msg) => {
  const el = document.getElementById('live-region');
  if (!el) return;
  el.textContent = '';
  setTimeout(() => { el.textContent = msg; }, 50);
};

export function LanguageSwitch() {
  return (
    <div class="lang-switch">
      <label for="lang-select">{t('shell.language')}</label>
      <select id="lang-select" value={lang.value} onChange={(e) => setLanguage(e.currentTarget.value)}>
        {LANGUAGES.map((l) => <option key={l.code} value={l.code} lang={l.code}>{l.name}</option>)}
      </select>
    </div>
  );
}

function DemoNotice() {
  if (!demo.value) return null;
  return <div class="demo-notice" role="note">{t('shell.demo_notice')}</div>;
}

export function SkipLink() {
  const skip = (e) => {
    e.preventDefault();
    const main = document.getElementById('main');
    if (main) main.focus();
  };
  return <a class="skip-link" href="#main" onClick={skip}>{t('shell.skip')}</a>;
}

export function SignIn() {
  const username = useSignal('');
  const password = useSignal('');
  const totp = useSignal('');
  const needTotp = useSignal(false);
  const error = useSignal(null);
  const busy = useSignal(false);
  useEffect(() => { pageTitle.value = t('signin.title'); });
  const submit = async (e) => {
    e.preventDefault();
    busy.value = true;
    error.value = null;
    try {
      await login({ username: username.value.trim(), password: password.value, totp: totp.value.trim() });
      password.value = '';
    } catch (err) {
      if (err.type && err.type.endsWith('/totp-required')) needTotp.value = true;
      error.value = err;
    } finally { busy.value = false; }
  };
  const err = error.value;
  const message = err ? (err.status === 401 && !(err.type || '').endsWith('/totp-required') ? t('signin.failed')
    : err.status === 429 ? t('signin.too_many') : (err.type || '').endsWith('/totp-required') ? t('signin.totp_needed')
      : err.status === 0 ? t('error.network') : (err.detail || err.title)) : '';
  return (
    <div class="signin">
      <h1>{t('signin.title')}</h1>
      <p class="lead">{t('signin.lead')}</p>
      {message ? <div class="notice notice-error" role="alert"><p>{message}</p></div> : null}
      <form onSubmit={submit} novalidate>
        <Input id="signin-username" field="username" label={t('signin.username')} value={username.value}
          onValue={(v) => { username.value = v; }} autoComplete="username" autoCapitalize="none" spellcheck={false} required />
        <Input id="signin-password" field="password" type="password" label={t('signin.password')} value={password.value}
          onValue={(v) => { password.value = v; }} autoComplete="current-password" required />
        {needTotp.value ? (
          <Input id="signin-totp" field="totp" label={t('signin.totp')} hint={t('signin.totp_hint')} value={totp.value}
            onValue={(v) => { totp.value = v; }} autoComplete="one-time-code" inputMode="numeric" />
        ) : null}
        <button type="submit" class="button" disabled={busy.value}>{t('signin.submit')}</button>
      </form>
    </div>
  );
}

/** Always in view for caseworkers: how many items wait on this device, and whether there is a network. */
function DeviceStatus() {
  if (!roles.value.includes('caseworker')) return null;
  const n = waiting.value;
  return (
    <div class="device-status" role="status">
      {online.value ? null : <span class="device-offline">{t('device.offline')}</span>}
      <a href={href('/device')} class="device-count">{deviceCount(n)}</a>
      {expiring.value.length ? <strong>{t('device.expiring', { count: expiring.value.length })}</strong> : null}
    </div>
  );
}

function Header() {
  const user = me.value;
  const confirming = useSignal(false);
  const doLogout = async () => {
    // Items waiting stay sealed under this user's key: only their next sign-in can send them.
    if (waiting.value > 0 && !confirming.value) { confirming.value = true; return; }
    confirming.value = false;
    if (roles.value.includes('caseworker')) await outbox().then((m) => m.stopOutbox()).catch(() => {});
    await logout();
    stopLive();
    navigate('/', undefined, { replace: true });
  };
  return (
    <header class="site-header">
      <div class="header-inner">
        <a class="brand" href={href('/')}>Enlace</a>
        <LanguageSwitch />
        {user ? (
          <div class="who">
            <span class="who-name">{user.display_name || user.username}</span>
            {organization.value && organization.value.name ? <span class="who-org">{organization.value.name}</span> : null}
            <span class="who-roles">{roles.value.map((r) => label('role', r)).join(', ')}</span>
            <a class="header-link" href={href('/account')}>{t('shell.account')}</a>
            <button type="button" class="button button-secondary button-small" onClick={doLogout}>{t('shell.sign_out')}</button>
          </div>
        ) : null}
      </div>
      {confirming.value ? (
        <div class="notice notice-warning signout-warning" role="alert">
          <p>{t('device.signout_warning', { count: waiting.value })}</p>
          <div class="actions">
            <button type="button" class="button" onClick={doLogout}>{t('device.signout_anyway')}</button>
            <button type="button" class="button button-secondary" onClick={() => { confirming.value = false; }}>{t('device.signout_stay')}</button>
          </div>
        </div>
      ) : null}
    </header>
  );
}

function Nav({ path }) {
  const entries = navFor(roles.value);
  if (!entries.length) return null;
  return (
    <nav class="site-nav" aria-label={t('shell.nav_label')}>
      <ul>
        {entries.map((n) => {
          const active = path === n.path || (n.path !== '/cases/new' && path.startsWith(n.path + '/') && !(n.path === '/cases' && path === '/cases/new'));
          return <li key={n.path}><a href={href(n.path)} aria-current={active ? 'page' : undefined}>{t(n.key)}</a></li>;
        })}
      </ul>
    </nav>
  );
}

/** Partners: count of new referrals (requested, not yet opened), refreshed on every event. */
function useInboxCount() {
  const [count, setCount] = useState(0);
  const prev = useRef(null);
  useSignalEffect(() => {
    liveTick.value;
    if (!me.value || !roles.value.includes('partner')) return;
    get(`/api/v1/referrals${qs({ box: 'inbox', status: 'requested', limit: 500 })}`)
      .then((r) => {
        const n = items(r).length;
        if (prev.current !== null && n > prev.current) announce(t('live.new_referrals', { count: n }));
        else if (prev.current !== null && lastEvent.value) announce(t('live.updated'));
        prev.current = n;
        setCount(n);
      })
      .catch(() => {});
  });
  return count;
}

function PageLoader({ route, params, query }) {
  const [state, setState] = useState({ Comp: null, error: null, key: null });
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, error: null }));
    route.load(roles.value).then((Comp) => { if (live) setState({ Comp, error: null, key: route.path }); })
      .catch((error) => { if (live) setState({ Comp: null, error, key: null }); });
    return () => { live = false; };
  }, [route]);
  if (state.error) return <ErrorBox error={{ title: t('error.load_page'), detail: String(state.error.message || '') }} />;
  if (!state.Comp || state.key !== route.path) return <Loading />;
  const Comp = state.Comp;
  return <Comp params={params} query={query} />;
}

function NotFound() {
  useEffect(() => { pageTitle.value = t('error.not_found'); });
  return (
    <div>
      <h1>{t('error.not_found')}</h1>
      <p><a href={href(homeFor(roles.value))}>{t('common.home')}</a></p>
    </div>
  );
}

export function App() {
  const user = me.value;
  const { path, query } = current.value;
  const isPartner = roles.value.includes('partner');
  const count = useInboxCount();

  useEffect(() => {
    if (!user) return undefined;
    preload();
    if (roles.value.includes('caseworker')) outbox().then((m) => m.startOutbox(user.id)).catch(() => {});
    if (!user.offline && roles.value.some((r) => r === 'partner' || r === 'caseworker')) startLive();
    return undefined;
  }, [user && user.id]);

  useEffect(() => {
    const base = pageTitle.value ? `${pageTitle.value} – Enlace` : 'Enlace';
    document.title = isPartner && count > 0 ? `(${count}) ${base}` : base;
  });

  useEffect(() => {
    // Effects run after paint, late on a busy computer, and a pending one runs before the next
    // render: the `path` of this render may be stale by then. Ask the address bar, or a link
    // followed since sign-in would be replaced by the home page.
    const now = parseHash(window.location.hash);
    if (user && now && now.path === '/') navigate(homeFor(roles.value), undefined, { replace: true });
  }, [user && user.id, path]);

  let body;
  if (user === undefined) body = <Loading />;
  else if (user === null) body = <SignIn />;
  else if (blocker.value || path === '/account') body = <PageLoader route={accountPage} params={{}} query={query} />;
  else {
    const m = matchRoute(routes, path);
    if (!m) body = path === '/' ? <Loading /> : <NotFound />;
    else if (!m.route.roles.some((r) => roles.value.includes(r))) body = <ErrorBox error={{ status: 403 }} />;
    else body = <PageLoader route={m.route} params={m.params} query={query} />;
  }

  return (
    <>
      <SkipLink />
      <Header />
      <DemoNotice />
      {user ? <Nav path={path} /> : null}
      {user ? <DeviceStatus /> : null}
      <main id="main" tabIndex={-1}>{body}</main>
      <div id="live-region" class="visually-hidden" aria-live="polite" aria-atomic="true"></div>
      <footer class="site-footer"><p>{t('shell.footer')}</p></footer>
    </>
  );
}
