// Who may act on whose account, as the server decides it (API.md, Accounts: core's
// check_user_action and check_user_grant): the users page offers only what the server accepts.

// Roles that reach across the network: only a system_admin grants them or acts on their holders.
export const NETWORK_ROLES = ['system_admin', 'auditor', 'coordinator'];
// What an org_admin may grant, in its own organisation.
export const ORG_ADMIN_GRANTS = ['caseworker', 'partner', 'org_admin'];

export function grantableRoles(caller, allRoles) {
  return (caller?.roles || []).includes('system_admin') ? allRoles : ORG_ADMIN_GRANTS;
}

// Edit, deactivate, change roles, reset: never on oneself (that is /me), an org_admin only on
// accounts of its own organisation that hold no network role.
export function mayActOn(caller, user) {
  if (!caller || !user || user.id === caller.id) return false;
  const roles = caller.roles || [];
  if (roles.includes('system_admin')) return true;
  return roles.includes('org_admin') && !!caller.organization_id &&
    user.organization_id === caller.organization_id &&
    !(user.roles || []).some((r) => NETWORK_ROLES.includes(r));
}
