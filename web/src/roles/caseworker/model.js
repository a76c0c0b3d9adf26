// Caseworker form state and the pure helpers behind it (kept in signals so a language switch keeps typing).
import { signal } from '@preact/signals';

export const emptyNeed = () => ({ category: '', urgency: 'normal', note: '' });
export const emptyCaseDraft = (territoryId = '') => ({
  person: { given_name: '', family_name: '', birth_date: '', estimated_age: '', sex: '', nationality: '', languages: '', migratory_status: '', phone: '' },
  territory_id: territoryId,
  specific_needs: [],
  needs: [emptyNeed()],
});

/** The registration form as typed; survives language switches and navigation until saved. */
export const caseDraft = signal(emptyCaseDraft());

/** The API's person from the form's person; blanks left out so the server names what is missing. */
export function buildPerson(p) {
  const person = { given_name: p.given_name.trim(), family_name: p.family_name.trim() };
  if (p.birth_date) person.birth_date = p.birth_date;
  if (String(p.estimated_age).trim() !== '') person.estimated_age = Number(p.estimated_age);
  person.sex = p.sex || 'unknown';
  person.nationality = p.nationality.trim().toUpperCase();
  person.languages = p.languages.split(/[\s,;]+/).map((x) => x.trim().toLowerCase()).filter(Boolean);
  if (p.migratory_status) person.migratory_status = p.migratory_status;
  if (p.phone.trim()) person.phone = p.phone.trim();
  return person;
}

/** The API body for POST /api/v1/cases from the form. */
export function buildCaseBody(d) {
  return {
    person: buildPerson(d.person),
    territory_id: d.territory_id,
    specific_needs: d.specific_needs,
    needs: d.needs.map((n) => (n.note.trim() ? { category: n.category, urgency: n.urgency, note: n.note.trim() } : { category: n.category, urgency: n.urgency })),
  };
}

/** The edit form's state from a case as the server sends it (API codes kept, blanks as ''). */
export function caseEditDraft(kase) {
  const p = personOf(kase);
  const str = (v) => (v === null || v === undefined ? '' : String(v));
  return {
    person: {
      given_name: str(p.given_name), family_name: str(p.family_name), birth_date: str(p.birth_date),
      estimated_age: p.birth_date ? '' : str(p.estimated_age), sex: str(p.sex), nationality: str(p.nationality),
      languages: (p.languages || []).join(', '), migratory_status: str(p.migratory_status), phone: str(p.phone),
    },
    territory_id: str(kase.territory_id),
    specific_needs: [...(kase.specific_needs || [])],
    notes: str(kase.notes),
    needs: (kase.needs || []).map((n) => ({ id: n.id, category: n.category, urgency: n.urgency, note: str(n.note), status: n.status || 'open' })),
  };
}

/**
 * PATCH /api/v1/cases/{id} from the edit form: the person, place, specific needs and notes, and
 * every need: those the case has by id (so none is lost; a need is withdrawn, never removed),
 * new ones by category.
 */
export function buildCaseEditBody(d) {
  return {
    person: buildPerson(d.person),
    territory_id: d.territory_id,
    specific_needs: d.specific_needs,
    notes: d.notes,
    needs: d.needs.map((n) => (n.id
      ? { id: n.id, urgency: n.urgency, note: n.note.trim(), status: n.status }
      : { category: n.category, urgency: n.urgency, ...(n.note.trim() ? { note: n.note.trim() } : {}) })),
  };
}

/** The form fields shown, as API field names (for the error summary). */
export function caseFields(d) {
  const f = ['person.given_name', 'person.family_name', 'person.birth_date', 'person.estimated_age', 'person.sex',
    'person.nationality', 'person.languages', 'person.migratory_status', 'person.phone', 'territory_id', 'specific_needs'];
  d.needs.forEach((_, i) => f.push(`needs[${i}].category`, `needs[${i}].urgency`, `needs[${i}].note`));
  return f;
}

export const personOf = (c) => (c && c.person) || c || {};
export const fullName = (c) => { const p = personOf(c); return [p.given_name, p.family_name].filter(Boolean).join(' ') || c.display_name || c.name || c.id; };

/** A consent is in force when not withdrawn and not expired. */
export function consentActive(c, now = new Date()) {
  if (!c) return false;
  if (c.status && c.status !== 'active') return false;
  if (c.withdrawn_at) return false;
  if (c.expires_at && new Date(c.expires_at) <= now) return false;
  return true;
}

/** The first active consent naming the category or the receiving organisation (the server has the last word). */
export function coveringConsent(consents, category, orgId, now = new Date()) {
  return (consents || []).find((c) => consentActive(c, now)
    // The server requires both: the category and the receiving organisation (empty lists mean none).
    && (c.categories || []).includes(category) && !!orgId && (c.organizations || []).includes(orgId)) || null;
}

/** The needs that go by default (the server's rule, API.md shared_needs): the case's need of the
 * referral's category, and no specific need until the caseworker ticks one. */
export function defaultNeedsChoice(kase, category) {
  const has = ((kase && kase.needs) || []).some((n) => n.category === category);
  return { needs: has ? [category] : [], specific_needs: [] };
}

/** Whole years from `from` to `to` (YYYY-MM-DD strings), as the server counts them. */
function yearsBetween(from, to) {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
}

/** The age the server shares when only an estimate is known: the estimate grown by the whole
 * years since it was made. */
export function estimatedAgeOn(person, today) {
  const since = person.estimated_on && today > person.estimated_on ? yearsBetween(person.estimated_on, today) : 0;
  return Number(person.estimated_age) + since;
}

/** Exactly what the receiver will see, in the server's snapshot keys: the chosen fields of the
 * case, of its needs only the chosen ones, and the estimated age (as of `today`, YYYY-MM-DD, UTC
 * like the server) when no birth date is known. */
export function snapshotPreview(kase, fields, choice = { needs: [], specific_needs: [] }, today = new Date().toISOString().slice(0, 10)) {
  const p = personOf(kase);
  const out = [];
  for (const f of fields) {
    if (f === 'needs') out.push([f, (kase.needs || []).filter((n) => choice.needs.includes(n.category))]);
    else if (f === 'specific_needs') out.push([f, (kase.specific_needs || []).filter((s) => choice.specific_needs.includes(s))]);
    else if (f === 'birth_date' && !p.birth_date && p.estimated_age !== null && p.estimated_age !== undefined) out.push(['estimated_age', estimatedAgeOn(p, today)]);
    else out.push([f, p[f]]);
  }
  return out;
}

/** Outbox order: overdue first, then the earliest deadline, then newest. */
const WORKED_ON = ['accepted', 'in-progress', 'on-hold'];

/** The deadline a referral's state is held to: respond_by while it waits for an answer, outcome_by once accepted. */
export function dueOf(r) {
  if (r.status === 'requested' || r.status === 'received') return r.respond_by || null;
  if (WORKED_ON.includes(r.status)) return r.outcome_by || null;
  return null;
}

/** The outcome (not the answer) is what is awaited. */
export function outcomeDue(r) {
  return WORKED_ON.includes(r.status) && !!r.outcome_by;
}

export function sortOutbox(list) {
  return [...list].sort((a, b) => (!!b.overdue - !!a.overdue)
    || String(dueOf(a) || '9999').localeCompare(String(dueOf(b) || '9999'))
    || String(b.created_at || '').localeCompare(String(a.created_at || '')));
}

/**
 * POST /api/v1/referrals for "Refer here" on an alternative after a rejection: the same case,
 * category, urgency, reason, shared fields, chosen needs and legal basis, to the alternative's
 * service. The alternatives reply names the service `service_id` (it is a listing, not a referral).
 */
export function referAgainBody(r, alternative) {
  const fields = r.shared_fields || (r.shared && r.shared.fields) || [];
  const body = { case_id: r.case_id, to_organization_id: alternative.organization_id, service_id: alternative.service_id,
    category: r.category, urgency: r.urgency, reason: r.reason || '', shared_fields: fields, status: 'requested' };
  // The needs chosen the first time, not the server's default for a new referral.
  if (fields.includes('needs') && Array.isArray(r.shared_needs)) body.shared_needs = r.shared_needs;
  if (fields.includes('specific_needs') && Array.isArray(r.shared_specific_needs)) body.shared_specific_needs = r.shared_specific_needs;
  if (r.legal_basis) body.legal_basis = r.legal_basis;
  if (r.justification) body.justification = r.justification;
  return body;
}

/** The consent scope that allows handing the case to another organisation (API.md, transfer). */
export const CASE_TRANSFER = 'case_transfer';

/** Organisations the case may be transferred to: those an active consent names with the
 * case_transfer scope, except the case's own. */
export function transferTargets(kase, now = new Date()) {
  const out = new Set();
  for (const c of (kase && kase.consents) || []) {
    if (consentActive(c, now) && (c.categories || []).includes(CASE_TRANSFER)) for (const o of c.organizations || []) out.add(o);
  }
  out.delete(kase && kase.organization_id);
  return [...out];
}
