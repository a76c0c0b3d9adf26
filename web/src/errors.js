// Maps problem+json errors[] to form fields for a GOV.UK-style error summary.

/** DOM id of the input for an API field name: 'needs[0].urgency' -> 'f-needs-0-urgency'. */
export function fieldId(field) {
  return 'f-' + String(field).replace(/\[(\d+)\]/g, '.$1').replace(/[^A-Za-z0-9_.-]/g, '_').replace(/\./g, '-');
}

/** The nearest field the form has for an API field, or null: exact, then a child, then a parent. */
export function resolveField(field, known) {
  if (!field) return null;
  if (!known) return field;
  if (known.includes(field)) return field;
  const child = known.find((k) => k.startsWith(field + '.') || k.startsWith(field + '['));
  if (child) return child;
  const cut = Math.max(field.lastIndexOf('.'), field.lastIndexOf('['));
  return cut > 0 ? resolveField(field.slice(0, cut), known) : null;
}

/**
 * From a problem ({errors: [{field, message}]}) to {summary: [{field, id, message}], byField: {field: message}}.
 * `known` lists the fields the form shows, so errors about hidden fields still link somewhere sensible;
 * an error with no matching field is listed without a link (id null).
 */
export function mapErrors(problem, known) {
  const summary = [];
  const byField = {};
  for (const e of (problem && problem.errors) || []) {
    const target = resolveField(e.field, known);
    const message = e.message || '';
    summary.push({ field: e.field, target, id: target ? fieldId(target) : null, message });
    if (target && !(target in byField)) byField[target] = message;
  }
  if (summary.length === 0 && problem && (problem.detail || problem.title)) {
    summary.push({ field: '', target: null, id: null, message: problem.detail || problem.title });
  }
  return { summary, byField };
}
