// Create or edit one service listing (HSDS-like fields); PATCH carries If-Match.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { t, lang } from '../../i18n/index.js';
import { get, post, patch } from '../../api.js';
import { href, navigate } from '../../router.js';
import { mapErrors } from '../../errors.js';
import { me } from '../../session.js';
import { categories, territories, territoryOptions, categoryName } from '../../directory.js';
import { PageHeading, useAsync, Loading, ErrorBox, ErrorSummary, Input, Select, TextArea, Checkboxes, options } from '../../components/ui.jsx';
import { LanguagesPicker } from '../../components/code_pickers.jsx';
import { weekdayName } from '../../schedule.js';

const STATUSES = ['active', 'temporarily_closed', 'inactive'];
const FIELDS = ['name', 'category', 'description', 'eligibility', 'min_age', 'max_age', 'languages', 'territory_ids', 'hours',
  'required_documents', 'fees', 'how_to_apply', 'status', 'capacity_available', 'accepting', 'expected_wait_days', 'last_verified_at',
  'address', 'phone', 'location.lat', 'location.lon', 'schedule'];

const empty = () => ({ name: '', category: '', description: '', eligibility: '', min_age: '', max_age: '', languages: 'es', territory_ids: [], hours: '',
  required_documents: '', fees: '', how_to_apply: '', status: 'active', capacity_available: '', accepting: true, expected_wait_days: '', last_verified_at: '',
  address: '', phone: '', lat: '', lon: '', schedule: [] });

function fromService(s) {
  const f = empty();
  for (const k of Object.keys(f)) if (s[k] !== undefined && s[k] !== null) f[k] = s[k];
  f.languages = (s.languages || []).join(', ');
  f.required_documents = (s.required_documents || []).join('\n');
  f.last_verified_at = s.last_verified_at ? s.last_verified_at.slice(0, 10) : '';
  f.lat = s.location ? String(s.location.lat) : '';
  f.lon = s.location ? String(s.location.lon) : '';
  f.schedule = (s.schedule || []).map((p) => ({ ...p }));
  return f;
}

/** The API body from the form: numbers as numbers, lists split, blanks left out. */
export function serviceBody(f, orgId, isNew) {
  const b = { name: f.name.trim(), category: f.category, status: f.status, accepting: !!f.accepting,
    languages: String(f.languages).split(/[\s,;]+/).filter(Boolean), territory_ids: f.territory_ids,
    required_documents: String(f.required_documents).split('\n').map((x) => x.trim()).filter(Boolean) };
  if (isNew) b.organization_id = orgId;
  for (const k of ['description', 'eligibility', 'hours', 'fees', 'how_to_apply']) if (String(f[k]).trim()) b[k] = String(f[k]).trim();
  for (const k of ['min_age', 'max_age', 'capacity_available', 'expected_wait_days']) if (String(f[k]).trim() !== '') b[k] = Number(f[k]);
  if (f.last_verified_at) b.last_verified_at = `${f.last_verified_at}T00:00:00Z`;
  // Where and when: a blank field clears it on edit.
  for (const k of ['address', 'phone']) {
    if (String(f[k]).trim()) b[k] = String(f[k]).trim(); else if (!isNew) b[k] = null;
  }
  if (String(f.lat).trim() !== '' || String(f.lon).trim() !== '') b.location = { lat: Number(f.lat), lon: Number(f.lon) };
  else if (!isNew) b.location = null;
  b.schedule = (f.schedule || []).filter((p) => p.opens || p.closes).map((p) => ({ weekday: Number(p.weekday), opens: p.opens, closes: p.closes }));
  return b;
}

/** The weekly opening periods: one row per period (day, opens, closes), added and removed by button. */
function ScheduleRows({ rows, onRows, error, legend }) {
  const days = [1, 2, 3, 4, 5, 6, 7].map((d) => [String(d), weekdayName(d, lang.value, 'long')]);
  const change = (i, k) => (v) => onRows(rows.map((r, j) => (j === i ? { ...r, [k]: k === 'weekday' ? Number(v) : v } : r)));
  return (
    <fieldset class="fieldset" id="f-schedule">
      <legend>{legend}</legend>
      <p class="hint">{t('services.schedule_hint')}</p>
      {error ? <p class="error-message">{error}</p> : null}
      {rows.map((r, i) => (
        <div class="row" key={i}>
          <Select field={`schedule[${i}].weekday`} label={t('servicef.weekday')} value={String(r.weekday)} onValue={change(i, 'weekday')} options={days} />
          <Input field={`schedule[${i}].opens`} type="time" label={t('servicef.opens')} value={r.opens} onValue={change(i, 'opens')} />
          <Input field={`schedule[${i}].closes`} type="time" label={t('servicef.closes')} value={r.closes} onValue={change(i, 'closes')} />
          <button type="button" class="button button-secondary" onClick={() => onRows(rows.filter((_, j) => j !== i))}>{t('services.remove_period')}</button>
        </div>
      ))}
      <button type="button" class="button button-secondary" onClick={() => onRows([...rows, { weekday: 1, opens: '09:00', closes: '17:00' }])}>{t('services.add_period')}</button>
    </fieldset>
  );
}

export function ServiceEdit({ params }) {
  const isNew = params.id === 'new';
  const res = useAsync(() => Promise.all([isNew ? null : get(`/api/v1/services/${encodeURIComponent(params.id)}`), categories(), territories()]), [params.id]);
  const form = useSignal(empty());
  const problem = useSignal(null);
  const saved = useSignal(false);
  useEffect(() => { if (res.data && res.data[0]) form.value = fromService(res.data[0]); }, [res.data]);
  if (res.loading && !res.data) return <Loading />;
  if (res.error) return <ErrorBox error={res.error} />;
  const [svc, cats, terrs] = res.data;
  const f = form.value;
  const set = (k) => (v) => { form.value = { ...form.value, [k]: v }; };
  const errs = problem.value ? mapErrors(problem.value, FIELDS) : { summary: [], byField: {} };
  const e = errs.byField;
  const submit = async (ev) => {
    ev.preventDefault();
    try {
      const body = serviceBody(form.value, me.value.organization_id, isNew);
      const r = isNew ? await post('/api/v1/services', body) : await patch(`/api/v1/services/${encodeURIComponent(svc.id)}`, body, { ifMatch: svc.version });
      problem.value = null;
      saved.value = true;
      if (isNew) navigate(`/admin/services/${r.id}`, undefined, { replace: true }); else res.reload();
    } catch (err) { problem.value = err; saved.value = false; }
  };
  const labels = Object.fromEntries(FIELDS.map((k) => [k, t(`servicef.${k}`)]));
  return (
    <div>
      <p class="breadcrumbs"><a href={href('/admin/services')}>{t('nav.services')}</a></p>
      <PageHeading>{isNew ? t('services.new') : t('services.edit', { name: svc.name })}</PageHeading>
      {saved.value ? <div class="notice notice-success" role="status"><p>{t('common.saved')}</p></div> : null}
      <ErrorSummary summary={errs.summary} labels={labels} />
      <form class="form" novalidate onSubmit={submit}>
        <div class="row">
          <Input field="name" label={labels.name} value={f.name} onValue={set('name')} error={e.name} />
          <Select field="category" label={labels.category} value={f.category} onValue={set('category')} options={cats.map((c) => [c.code, categoryName(c.code)])} empty={t('common.choose')} error={e.category} />
          <Select field="status" label={labels.status} value={f.status} onValue={set('status')} options={options('service_status', STATUSES)} error={e.status} />
        </div>
        <TextArea field="description" label={labels.description} value={f.description} onValue={set('description')} error={e.description} />
        <TextArea field="eligibility" label={labels.eligibility} value={f.eligibility} onValue={set('eligibility')} error={e.eligibility} rows={2} />
        <div class="row">
          <Input field="min_age" type="number" min="0" label={labels.min_age} value={f.min_age} onValue={set('min_age')} error={e.min_age} />
          <Input field="max_age" type="number" min="0" label={labels.max_age} value={f.max_age} onValue={set('max_age')} error={e.max_age} />
          <LanguagesPicker field="languages" label={labels.languages} hint={t('service.languages_hint')} value={f.languages} onValue={set('languages')} error={e.languages} frequent={['es', 'en', 'fr', 'pt', 'ht', 'tl', 'qu', 'ar']} />
        </div>
        <Checkboxes field="territory_ids" legend={labels.territory_ids} options={territoryOptions(terrs)} values={f.territory_ids} onValues={set('territory_ids')} error={e.territory_ids} inline />
        <div class="row">
          <Input field="hours" label={labels.hours} value={f.hours} onValue={set('hours')} error={e.hours} />
          <Input field="fees" label={labels.fees} value={f.fees} onValue={set('fees')} error={e.fees} />
        </div>
        <TextArea field="required_documents" label={labels.required_documents} hint={t('services.one_per_line')} value={f.required_documents} onValue={set('required_documents')} error={e.required_documents} rows={3} />
        <TextArea field="how_to_apply" label={labels.how_to_apply} value={f.how_to_apply} onValue={set('how_to_apply')} error={e.how_to_apply} rows={2} />
        <div class="row">
          <Input field="address" label={labels.address} value={f.address} onValue={set('address')} error={e.address} />
          <Input field="phone" type="tel" label={labels.phone} value={f.phone} onValue={set('phone')} error={e.phone} />
          <Input field="location.lat" type="number" step="any" label={t('servicef.lat')} value={f.lat} onValue={set('lat')} error={e['location.lat']} />
          <Input field="location.lon" type="number" step="any" label={t('servicef.lon')} value={f.lon} onValue={set('lon')} error={e['location.lon']} />
        </div>
        <ScheduleRows rows={f.schedule} onRows={set('schedule')} error={e.schedule} legend={labels.schedule} />
        <div class="row">
          <Input field="capacity_available" type="number" min="0" label={labels.capacity_available} value={f.capacity_available} onValue={set('capacity_available')} error={e.capacity_available} />
          <Input field="expected_wait_days" type="number" min="0" label={labels.expected_wait_days} value={f.expected_wait_days} onValue={set('expected_wait_days')} error={e.expected_wait_days} />
          <Input field="last_verified_at" type="date" label={labels.last_verified_at} value={f.last_verified_at} onValue={set('last_verified_at')} error={e.last_verified_at} />
        </div>
        <div class="choice">
          <input type="checkbox" id="f-accepting" checked={!!f.accepting} onChange={(ev) => set('accepting')(ev.currentTarget.checked)} />
          <label for="f-accepting">{labels.accepting}</label>
        </div>
        <div class="actions"><button type="submit" class="button">{t('common.save')}</button></div>
      </form>
    </div>
  );
}
