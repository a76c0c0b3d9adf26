import { describe, it, expect } from 'vitest';
import { fieldId, resolveField, mapErrors } from '../src/errors.js';
import { buildCaseBody, caseFields, emptyCaseDraft } from '../src/roles/caseworker/model.js';

describe('fieldId', () => {
  it('turns API field names into DOM ids', () => {
    expect(fieldId('person.birth_date')).toBe('f-person-birth_date');
    expect(fieldId('needs[0].urgency')).toBe('f-needs-0-urgency');
    expect(fieldId('territory_id')).toBe('f-territory_id');
    expect(fieldId('a b"c')).toBe('f-a_b_c');
  });
});

describe('mapErrors', () => {
  const d = emptyCaseDraft();
  d.needs.push({ category: '', urgency: 'normal', note: '' });
  const known = caseFields(d);

  it('links each error to its field, in the order given', () => {
    const { summary, byField } = mapErrors({ errors: [
      { field: 'person.birth_date', message: 'is in the future' },
      { field: 'needs[1].urgency', message: 'is required' },
    ] }, known);
    expect(summary.map((s) => s.id)).toEqual(['f-person-birth_date', 'f-needs-1-urgency']);
    expect(byField).toEqual({ 'person.birth_date': 'is in the future', 'needs[1].urgency': 'is required' });
  });
  it('sends an error on a whole object to its first field', () => {
    const { summary } = mapErrors({ errors: [{ field: 'needs[0]', message: 'is incomplete' }] }, known);
    expect(summary[0].target).toBe('needs[0].category');
  });
  it('sends an error on a hidden sub-field to the nearest shown parent', () => {
    expect(resolveField('specific_needs[2]', known)).toBe('specific_needs');
    expect(resolveField('person.nationality.code', known)).toBe('person.nationality');
  });
  it('lists errors it cannot place without a link, and falls back to the detail', () => {
    const a = mapErrors({ errors: [{ field: 'case_id', message: 'unknown' }] }, known);
    expect(a.summary).toEqual([{ field: 'case_id', target: null, id: null, message: 'unknown' }]);
    const b = mapErrors({ errors: [], title: 'Conflict', detail: 'No consent covers this referral' }, known);
    expect(b.summary[0].message).toBe('No consent covers this referral');
  });
  it('keeps the first message when a field has several', () => {
    const { byField, summary } = mapErrors({ errors: [{ field: 'person.given_name', message: 'is required' }, { field: 'person.given_name', message: 'is too long' }] }, known);
    expect(byField['person.given_name']).toBe('is required');
    expect(summary).toHaveLength(2);
  });
});

describe('buildCaseBody', () => {
  it('sends what was typed in the shape of POST /api/v1/cases', () => {
    const d = emptyCaseDraft('t-quito');
    d.person = { ...d.person, given_name: ' José ', family_name: 'Pérez', estimated_age: '34', sex: 'male', nationality: 've', languages: 'es, en', phone: '' };
    d.specific_needs = ['chronic_illness'];
    d.needs = [{ category: 'shelter', urgency: 'high', note: '' }, { category: 'health', urgency: 'normal', note: 'insulin' }];
    expect(buildCaseBody(d)).toEqual({
      person: { given_name: 'José', family_name: 'Pérez', estimated_age: 34, sex: 'male', nationality: 'VE', languages: ['es', 'en'] },
      territory_id: 't-quito', specific_needs: ['chronic_illness'],
      needs: [{ category: 'shelter', urgency: 'high' }, { category: 'health', urgency: 'normal', note: 'insulin' }],
    });
  });
});
