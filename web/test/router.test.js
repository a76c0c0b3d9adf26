import { describe, it, expect } from 'vitest';
import { parseHash, matchRoute, href } from '../src/router.js';
import { routes, navFor, homeFor } from '../src/routes.js';

describe('parseHash', () => {
  it('reads path and query', () => {
    expect(parseHash('#/cases?q=jos%C3%A9&status=open')).toEqual({ path: '/cases', query: { q: 'josé', status: 'open' } });
    expect(parseHash('#/cases/')).toEqual({ path: '/cases', query: {} });
    expect(parseHash('')).toEqual({ path: '/', query: {} });
    expect(parseHash('#/')).toEqual({ path: '/', query: {} });
  });
  it('ignores in-page anchors such as the skip link or error-summary links', () => {
    expect(parseHash('#main')).toBeNull();
    expect(parseHash('#f-person-birth_date')).toBeNull();
  });
});

describe('matchRoute', () => {
  it('matches fixed paths before parameters', () => {
    expect(matchRoute(routes, '/cases/new').route.path).toBe('/cases/new');
    const m = matchRoute(routes, '/cases/01J%2FX');
    expect(m.route.path).toBe('/cases/:id');
    expect(m.params).toEqual({ id: '01J/X' });
  });
  it('matches nested routes and nothing else', () => {
    expect(matchRoute(routes, '/referrals/r1/slip').route.path).toBe('/referrals/:id/slip');
    expect(matchRoute(routes, '/referrals/r1').route.path).toBe('/referrals/:id');
    expect(matchRoute(routes, '/nope')).toBeNull();
    expect(matchRoute(routes, '/cases/a/b/c')).toBeNull();
  });
  it('builds links', () => {
    expect(href('/cases', { q: 'ana', status: '' })).toBe('#/cases?q=ana');
    expect(href('/inbox')).toBe('#/inbox');
  });
});

describe('role navigation', () => {
  it('gives each role its pages and a home', () => {
    expect(navFor(['partner']).map((n) => n.path)).toEqual(['/inbox', '/directory']);
    expect(homeFor(['partner'])).toBe('/inbox');
    expect(homeFor(['caseworker'])).toBe('/cases');
    expect(homeFor(['coordinator'])).toBe('/gaps');
    expect(homeFor(['auditor'])).toBe('/audit');
    expect(homeFor(['system_admin'])).toBe('/admin/users');
    expect(navFor(['system_admin']).map((n) => n.path)).not.toContain('/cases');
    expect(navFor(['caseworker', 'partner']).map((n) => n.path)).toEqual(['/cases', '/cases/new', '/outbox', '/inbox', '/directory']);
    expect(navFor(['auditor']).map((n) => n.path)).not.toContain('/directory');
  });
  it('guards every route by role', () => {
    for (const r of routes) expect(r.roles.length, r.path).toBeGreaterThan(0);
    expect(matchRoute(routes, '/gaps').route.roles).not.toContain('caseworker');
  });
});
