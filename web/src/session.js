// Who is signed in: /me, the organisation's name, the demo flag; sign-in and sign-out.
import { signal, computed } from '@preact/signals';
import { get, post, onUnauthorized, onProblem, sessionStarted } from './api.js';
import { timeZone } from './i18n/index.js';
import { meta } from './offline/device_store.js';

// The last caseworker signed in on this device, so that the app opens with no network after a
// reload. Only who they are (no case data); forgotten at sign-out.
const REMEMBERED = ['id', 'username', 'display_name', 'roles', 'organization_id'];
function remember(user) {
  if (!user || !Array.isArray(user.roles) || !user.roles.includes('caseworker')) return;
  meta.put('user', Object.fromEntries(REMEMBERED.map((k) => [k, user[k]]))).catch(() => {});
}
async function remembered() {
  try { return (await meta.get('user')) || null; } catch { return null; }
}

/** undefined while loading, null when signed out, else the /me answer. */
export const me = signal(undefined);
export const organization = signal(null);
export const demo = signal(readDemo());
/** What the server requires before anything else: '' | 'totp' (enrol two-factor) | 'password' (change it). */
export const blocker = signal('');
export const roles = computed(() => (me.value && Array.isArray(me.value.roles) ? me.value.roles : []));

function readDemo() {
  try { return sessionStorage.getItem('enlace.demo') === '1'; } catch { return false; }
}
function writeDemo(on) {
  demo.value = on;
  try { sessionStorage.setItem('enlace.demo', on ? '1' : '0'); } catch { /* private mode */ }
}

export function hasRole(...wanted) { return wanted.some((r) => roles.value.includes(r)); }

async function loadOrganization(user) {
  organization.value = null;
  const id = user.organization_id;
  if (user.organization && typeof user.organization === 'object') organization.value = user.organization;
  else if (id) {
    try { organization.value = await get(`/api/v1/organizations/${encodeURIComponent(id)}`); } catch { organization.value = { id, name: '' }; }
  }
}

/** /me names the zone of the organisation's territory (or its nearest ancestor's), else null:
 * then dates follow the browser. A name this browser does not know falls back the same way
 * rather than breaking every date on the page. */
function territoryTimeZone(user) {
  const tz = user && user.time_zone;
  if (!tz) return undefined;
  try { new Intl.DateTimeFormat('en', { timeZone: tz }); return tz; } catch { return undefined; }
}

export async function loadMe() {
  // A sign-out made with no network could not end the server's session (the cookie is
  // HttpOnly): end it first, or the next person to open the app would be signed in as the last.
  if (await meta.get('signout_pending').catch(() => false)) {
    try {
      await post('/api/v1/auth/logout', undefined, { quiet401: true });
    } catch (e) {
      if (e.status === 0) { me.value = null; return; }
    }
    await meta.remove('signout_pending').catch(() => {});
  }
  try {
    const user = await get('/api/v1/me', { quiet401: true });
    if (user && user.demo !== undefined) writeDemo(!!user.demo);
    timeZone.value = territoryTimeZone(user);
    me.value = user;
    remember(user);
    if (user && user.must_change_password) blocker.value = 'password';
    await loadOrganization(user);
  } catch (e) {
    // No network: the remembered caseworker works on, and what they record waits on the device.
    const last = e.status === 0 ? await remembered() : null;
    me.value = last ? { ...last, offline: true } : null;
    if (e.status !== 401 && !last) throw e;
  }
}

export async function login({ username, password, totp }) {
  const body = { username, password };
  if (totp) body.totp = totp;
  const reply = await post('/api/v1/auth/login', body, { quiet401: true });
  sessionStarted();
  writeDemo(!!(reply && reply.demo));
  // The new session's cookie replaced the one a sign-out made offline could not end.
  await meta.remove('signout_pending').catch(() => {});
  await loadMe();
  return reply;
}

export async function logout() {
  try {
    await post('/api/v1/auth/logout', undefined);
  } catch (e) {
    if (e.status === 0) await meta.put('signout_pending', true).catch(() => {});
  }
  await meta.remove('user').catch(() => {});
  me.value = null;
  organization.value = null;
  timeZone.value = undefined;
  blocker.value = '';
}

onUnauthorized(() => { me.value = null; });
// Opened with no network as the remembered user: ask the server again once it is back.
if (typeof window !== 'undefined') {
  window.addEventListener('online', () => { if (me.value && me.value.offline) loadMe().catch(() => {}); });
}
onProblem((p) => {
  if (p.status !== 403) return;
  if (p.type.endsWith('/totp-enrolment-required')) blocker.value = 'totp';
  else if (p.type.endsWith('/password-change-required')) blocker.value = 'password';
});
