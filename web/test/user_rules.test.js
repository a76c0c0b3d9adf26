import { describe, it, expect } from 'vitest';
import { grantableRoles, mayActOn } from '../src/roles/admin/user_rules.js';

const ROLES = ['caseworker', 'partner', 'coordinator', 'org_admin', 'system_admin', 'auditor'];

const orgAdmin = { id: 'u1', organization_id: 'o1', roles: ['org_admin'] };
const root = { id: 'u0', organization_id: null, roles: ['system_admin'] };

describe('grantableRoles', () => {
  it('offers an org admin no network role, coordinator included', () => {
    expect(grantableRoles(orgAdmin, ROLES)).toEqual(['caseworker', 'partner', 'org_admin']);
    expect(grantableRoles({ ...orgAdmin, roles: ['org_admin', 'coordinator'] }, ROLES)).not.toContain('coordinator');
  });
  it('offers a system admin every role', () => {
    expect(grantableRoles(root, ROLES)).toEqual(ROLES);
  });
});

describe('mayActOn', () => {
  const ana = { id: 'u2', organization_id: 'o1', roles: ['caseworker'] };
  it('lets an org admin act on ordinary accounts of its organisation only', () => {
    expect(mayActOn(orgAdmin, ana)).toBe(true);
    expect(mayActOn(orgAdmin, { ...ana, roles: ['org_admin'] })).toBe(true);
    expect(mayActOn(orgAdmin, { ...ana, organization_id: 'o2' })).toBe(false);
    for (const r of ['system_admin', 'auditor', 'coordinator']) {
      expect(mayActOn(orgAdmin, { ...ana, roles: ['org_admin', r] })).toBe(false);
    }
  });
  it('lets nobody act on their own account', () => {
    expect(mayActOn(orgAdmin, orgAdmin)).toBe(false);
    expect(mayActOn(root, root)).toBe(false);
  });
  it('lets a system admin act on anyone else', () => {
    expect(mayActOn(root, { id: 'u3', organization_id: null, roles: ['system_admin', 'auditor'] })).toBe(true);
    expect(mayActOn(root, ana)).toBe(true);
  });
  it('lets other roles act on nobody', () => {
    expect(mayActOn({ id: 'u4', organization_id: 'o1', roles: ['caseworker', 'coordinator'] }, ana)).toBe(false);
  });
});
