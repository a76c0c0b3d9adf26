import { describe, it, expect } from 'vitest';
import { consentActive, coveringConsent, defaultNeedsChoice, estimatedAgeOn, snapshotPreview, sortOutbox, referAgainBody, caseEditDraft, buildCaseEditBody, dueOf, outcomeDue, transferTargets } from '../src/roles/caseworker/model.js';
import { num, toLong, keysOf, numericKeys } from '../src/roles/coordinator/charts.js';

const now = new Date('2026-11-24T12:00:00Z');

describe('consent', () => {
  const active = { id: 'c1', categories: ['shelter'], organizations: [], expires_at: '2027-11-24T00:00:00Z' };
  it('is active until withdrawn or expired', () => {
    expect(consentActive(active, now)).toBe(true);
    expect(consentActive({ ...active, withdrawn_at: '2026-11-01T00:00:00Z' }, now)).toBe(false);
    expect(consentActive({ ...active, expires_at: '2026-01-01T00:00:00Z' }, now)).toBe(false);
  });
  it('covers a referral by category or by receiving organisation; empty lists cover nothing', () => {
    // The server requires the category and the receiving organisation both.
    expect(coveringConsent([active], 'shelter', 'o1', now)).toBeNull();
    const both = { ...active, id: 'c2', organizations: ['o1'] };
    expect(coveringConsent([both], 'shelter', 'o1', now)).toBe(both);
    expect(coveringConsent([both], 'health', 'o1', now)).toBeNull();
    expect(coveringConsent([both], 'shelter', 'o2', now)).toBeNull();
    expect(coveringConsent([{ id: 'c3', categories: [], organizations: [] }], 'health', 'o1', now)).toBeNull();
  });
});

describe('snapshotPreview', () => {
  it('shows exactly the chosen fields', () => {
    const kase = { person: { given_name: 'Ana', family_name: 'Ríos', phone: '+593' }, needs: [{ category: 'shelter', urgency: 'high' }], specific_needs: ['pregnancy'] };
    const shelter = { needs: ['shelter'], specific_needs: [] };
    expect(snapshotPreview(kase, ['given_name', 'needs'], shelter)).toEqual([['given_name', 'Ana'], ['needs', [{ category: 'shelter', urgency: 'high' }]]]);
    expect(snapshotPreview(kase, [], shelter)).toEqual([]);
  });
  it('shares only the chosen needs; no specific need by default', () => {
    const kase = { person: {}, needs: [{ category: 'employment' }, { category: 'protection', note: 'violent partner' }], specific_needs: ['survivor_of_violence'] };
    const choice = defaultNeedsChoice(kase, 'employment');
    expect(choice).toEqual({ needs: ['employment'], specific_needs: [] });
    expect(snapshotPreview(kase, ['needs', 'specific_needs'], choice)).toEqual([['needs', [{ category: 'employment' }]], ['specific_needs', []]]);
    expect(defaultNeedsChoice(kase, 'legal_aid').needs).toEqual([]);
  });
  it('shows the estimated age, grown since it was estimated, when no birth date is known', () => {
    const kase = { person: { estimated_age: 30, estimated_on: '2024-06-10' } };
    expect(snapshotPreview(kase, ['birth_date'], undefined, '2026-06-09')).toEqual([['estimated_age', 31]]);
    expect(snapshotPreview(kase, ['birth_date'], undefined, '2026-06-10')).toEqual([['estimated_age', 32]]);
    expect(estimatedAgeOn({ estimated_age: 30, estimated_on: '2026-01-01' }, '2025-12-31')).toBe(30);
    expect(snapshotPreview({ person: { birth_date: '1990-01-01' } }, ['birth_date'])).toEqual([['birth_date', '1990-01-01']]);
  });
});

describe('sortOutbox', () => {
  it('puts overdue first, then the earliest deadline', () => {
    const l = [{ id: 'a', status: 'requested', respond_by: '2026-11-25T00:00:00Z' }, { id: 'b', status: 'received', overdue: true, respond_by: '2026-11-26T00:00:00Z' }, { id: 'c', status: 'requested', respond_by: '2026-11-24T13:00:00Z' }, { id: 'd', status: 'completed' }];
    expect(sortOutbox(l).map((x) => x.id)).toEqual(['b', 'c', 'a', 'd']);
  });
});

describe('follow-up deadlines', () => {
  it('holds a waiting referral to respond_by and an accepted one to outcome_by', () => {
    expect(dueOf({ status: 'received', respond_by: 'R', outcome_by: null })).toBe('R');
    expect(dueOf({ status: 'on-hold', respond_by: 'R', outcome_by: 'O' })).toBe('O');
    expect(dueOf({ status: 'completed', respond_by: 'R', outcome_by: 'O' })).toBe(null);
    expect(outcomeDue({ status: 'in-progress', outcome_by: 'O' })).toBe(true);
    expect(outcomeDue({ status: 'requested', respond_by: 'R' })).toBe(false);
  });
  it('sorts an accepted referral by its outcome, not its long-past answer deadline', () => {
    const l = [{ id: 'a', status: 'requested', respond_by: '2026-11-25T00:00:00Z' },
      { id: 'b', status: 'accepted', respond_by: '2026-11-01T00:00:00Z', outcome_by: '2026-12-20T00:00:00Z' },
      { id: 'c', status: 'accepted', overdue: true, respond_by: '2026-11-01T00:00:00Z', outcome_by: '2026-11-20T00:00:00Z' }];
    expect(sortOutbox(l).map((x) => x.id)).toEqual(['c', 'a', 'b']);
  });
});

describe('referAgainBody', () => {
  // What GET /referrals/{id} gives the sender of a rejected referral, and one item of its alternatives.
  const rejected = { id: 'r1', case_id: 'k1', status: 'rejected', to_organization_id: 'o1', service_id: 's1', category: 'documentation',
    urgency: 'high', reason: 'Needs papers.', legal_basis: 'consent', justification: null, shared_fields: ['given_name', 'needs'] };
  const alternative = { service_id: 's2', organization_id: 'o2', category: 'documentation', name: 'Mobile unit', accepting: true };
  it('refers the same case to the alternative service the reply names service_id', () => {
    expect(referAgainBody(rejected, alternative)).toEqual({ case_id: 'k1', to_organization_id: 'o2', service_id: 's2', category: 'documentation',
      urgency: 'high', reason: 'Needs papers.', shared_fields: ['given_name', 'needs'], status: 'requested', legal_basis: 'consent' });
  });
  it('shares the needs chosen the first time', () => {
    const chosen = { ...rejected, shared_fields: ['given_name', 'needs', 'specific_needs'], shared_needs: ['documentation', 'legal_aid'], shared_specific_needs: ['pregnancy'] };
    expect(referAgainBody(chosen, alternative)).toMatchObject({ shared_needs: ['documentation', 'legal_aid'], shared_specific_needs: ['pregnancy'] });
    // Not shared, not sent (the server refuses a choice for a field that does not go).
    expect(referAgainBody({ ...chosen, shared_fields: ['given_name'] }, alternative)).not.toHaveProperty('shared_needs');
  });
  it('keeps a vital-interest justification', () => {
    const vital = { ...rejected, legal_basis: 'vital_interest', justification: 'Alone at night.' };
    expect(referAgainBody(vital, alternative)).toMatchObject({ legal_basis: 'vital_interest', justification: 'Alone at night.' });
  });
});

describe('gap charts', () => {
  it('leaves suppressed counts out of charts', () => {
    expect(num('<5')).toBeNull();
    expect(num(7)).toBe(7);
    expect(num('12')).toBe(12);
    expect(toLong([{ c: 'shelter', demand: '<5', unmet: 3 }], 'c', ['demand', 'unmet'])).toEqual([{ c: 'shelter', key: 'unmet', value: 3 }]);
    expect(num('suppressed')).toBeNull();
    expect(toLong([{ c: 'shelter', demand: 'suppressed', unmet: 9 }], 'c', ['demand', 'unmet'])).toEqual([{ c: 'shelter', key: 'unmet', value: 9 }]);
  });
  it('keeps columns whose every count is hidden, so that the table still shows them', () => {
    expect(numericKeys([{ week: 'w', demand: 'suppressed', referrals: '<5', category: 'x' }], 'week')).toEqual(['demand', 'referrals']);
  });
  it('collects keys of map columns in a preferred order', () => {
    expect(keysOf([{ rejections: { other: 1 } }, { rejections: { no_capacity: '<5' } }], 'rejections', ['no_capacity', 'other'])).toEqual(['no_capacity', 'other']);
  });
});

describe('case edit', () => {
  const kase = {
    id: 'k1', territory_id: 't1', specific_needs: ['pregnancy'], notes: 'Arrived Monday.',
    person: { given_name: 'Ana', family_name: 'Paz', birth_date: '1990-01-02', estimated_age: null, sex: 'female', nationality: 'VE', languages: ['es', 'qu'], migratory_status: 'asylum_seeker', phone: null },
    needs: [{ id: 'n1', category: 'shelter', urgency: 'high', note: 'two children', status: 'open' }, { id: 'n2', category: 'health', urgency: 'normal', note: '', status: 'met' }],
  };
  it('sends every need: the case’s by id (none lost), new ones by category', () => {
    const d = caseEditDraft(kase);
    d.needs[0].status = 'withdrawn';
    d.needs.push({ category: 'food', urgency: 'normal', note: '  ' });
    const body = buildCaseEditBody(d);
    expect(body.needs).toEqual([
      { id: 'n1', urgency: 'high', note: 'two children', status: 'withdrawn' },
      { id: 'n2', urgency: 'normal', note: '', status: 'met' },
      { category: 'food', urgency: 'normal' },
    ]);
    expect(body.person).toEqual({ given_name: 'Ana', family_name: 'Paz', birth_date: '1990-01-02', sex: 'female', nationality: 'VE', languages: ['es', 'qu'], migratory_status: 'asylum_seeker' });
    expect(body.notes).toBe('Arrived Monday.');
    expect(body.specific_needs).toEqual(['pregnancy']);
  });
  it('keeps an estimated age when there is no birth date', () => {
    const d = caseEditDraft({ ...kase, person: { ...kase.person, birth_date: null, estimated_age: 34 } });
    expect(buildCaseEditBody(d).person.estimated_age).toBe(34);
    expect(buildCaseEditBody(d).person.birth_date).toBeUndefined();
  });
});

describe('transfer targets', () => {
  const consent = (categories, organizations, extra = {}) => ({ id: 'c', categories, organizations, expires_at: '2027-11-24T00:00:00Z', ...extra });
  it('are the organisations an active consent names with the case_transfer scope, not the case\'s own', () => {
    const kase = { organization_id: 'o-a', consents: [
      consent(['shelter'], ['o-x']),
      consent(['case_transfer'], ['o-b', 'o-a']),
      consent(['case_transfer'], ['o-w'], { withdrawn_at: '2026-11-01T00:00:00Z' }),
    ] };
    expect(transferTargets(kase, now)).toEqual(['o-b']);
    expect(transferTargets({ organization_id: 'o-a', consents: [] }, now)).toEqual([]);
  });
});
