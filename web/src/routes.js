// Route table: each role's pages live in their own chunk, loaded on first visit.
const caseworker = () => import('./roles/caseworker/index.js');
const partner = () => import('./roles/partner/index.js');
const coordinator = () => import('./roles/coordinator/index.js');
const admin = () => import('./roles/admin/index.js');
const auditor = () => import('./roles/auditor/index.js');
const shared = () => import('./roles/shared/index.js');

const READERS = ['caseworker', 'partner', 'org_admin', 'coordinator', 'system_admin'];

const page = (loader, name) => () => loader().then((m) => m[name]);

export const routes = [
  { path: '/cases', roles: ['caseworker'], load: page(caseworker, 'CaseList') },
  { path: '/cases/new', roles: ['caseworker'], load: page(caseworker, 'CaseNew') },
  { path: '/cases/:id', roles: ['caseworker'], load: page(caseworker, 'CasePage') },
  { path: '/cases/:id/edit', roles: ['caseworker'], load: page(caseworker, 'CaseEdit') },
  { path: '/cases/:id/refer', roles: ['caseworker'], load: page(caseworker, 'Refer') },
  { path: '/cases/:id/report', roles: ['caseworker'], load: page(caseworker, 'AccessReport') },
  { path: '/outbox', roles: ['caseworker'], load: page(caseworker, 'Outbox') },
  // Its own chunk: a first visit needs only the waiting count, not the list.
  { path: '/device', roles: ['caseworker'], load: () => import('./roles/caseworker/OnThisDevice.jsx').then((m) => m.OnThisDevice) },
  { path: '/referrals/:id/slip', roles: ['caseworker'], load: page(caseworker, 'Slip') },
  { path: '/inbox', roles: ['partner'], load: page(partner, 'Inbox') },
  // The referral page serves both sides (and respond links): its own chunk, loaded when first opened.
  { path: '/referrals/:id', roles: ['caseworker', 'partner'], load: () => import('./referral/ReferralPage.jsx').then((m) => m.ReferralPage) },
  { path: '/gaps', roles: ['coordinator', 'org_admin'], load: page(coordinator, 'Gaps') },
  { path: '/directory', roles: READERS, load: page(shared, 'Directory') },
  { path: '/listings/stale', roles: ['coordinator', 'org_admin'], load: page(shared, 'StaleListings') },
  { path: '/admin/users', roles: ['org_admin', 'system_admin'], load: page(admin, 'Users') },
  { path: '/admin/services', roles: ['org_admin'], load: page(admin, 'Services') },
  { path: '/admin/review', roles: ['org_admin'], load: page(admin, 'Review') },
  { path: '/admin/webhooks', roles: ['org_admin'], load: page(admin, 'Webhooks') },
  { path: '/admin/services/:id', roles: ['org_admin'], load: page(admin, 'ServiceEdit') },
  { path: '/system/territories', roles: ['system_admin'], load: page(admin, 'Territories') },
  { path: '/system/organizations', roles: ['system_admin'], load: page(admin, 'Organizations') },
  { path: '/system/categories', roles: ['system_admin'], load: page(admin, 'Categories') },
  { path: '/system/standards', roles: ['system_admin'], load: page(admin, 'Standards') },
  { path: '/system/mail', roles: ['system_admin'], load: page(admin, 'Mail') },
  { path: '/audit', roles: ['auditor'], load: page(auditor, 'Audit') },
];

/** The account page (also what a blocker such as two-factor enrolment shows): its own chunk, as
 * a user opens it seldom after the first time. */
export const accountPage = { path: '/account', load: () => import('./account.jsx').then((m) => m.Account) };

/** Navigation entries per role, in order; a user with several roles sees the union. */
export const NAV = [
  { path: '/cases', key: 'nav.cases', roles: ['caseworker'] },
  { path: '/cases/new', key: 'nav.register', roles: ['caseworker'] },
  { path: '/outbox', key: 'nav.outbox', roles: ['caseworker'] },
  { path: '/inbox', key: 'nav.inbox', roles: ['partner'] },
  { path: '/gaps', key: 'nav.gaps', roles: ['coordinator', 'org_admin'] },
  { path: '/admin/users', key: 'nav.users', roles: ['org_admin', 'system_admin'] },
  { path: '/admin/services', key: 'nav.services', roles: ['org_admin'] },
  { path: '/admin/review', key: 'nav.review', roles: ['org_admin'] },
  { path: '/admin/webhooks', key: 'nav.webhooks', roles: ['org_admin'] },
  { path: '/listings/stale', key: 'nav.stale', roles: ['coordinator', 'org_admin'] },
  { path: '/system/territories', key: 'nav.territories', roles: ['system_admin'] },
  { path: '/system/organizations', key: 'nav.organizations', roles: ['system_admin'] },
  { path: '/system/categories', key: 'nav.categories', roles: ['system_admin'] },
  { path: '/system/standards', key: 'nav.standards', roles: ['system_admin'] },
  { path: '/system/mail', key: 'nav.mail', roles: ['system_admin'] },
  // After each role's own pages, so that it never becomes a role's home.
  { path: '/directory', key: 'nav.directory', roles: READERS },
  { path: '/audit', key: 'nav.audit', roles: ['auditor'] },
];

export function navFor(roles) { return NAV.filter((n) => n.roles.some((r) => roles.includes(r))); }

/** Where a user lands after sign-in. */
export function homeFor(roles) {
  const first = navFor(roles)[0];
  return first ? first.path : '/account';
}
