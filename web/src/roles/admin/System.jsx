// System administration: territories, organisations, categories and response standards.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { get, post, patch, put } from '../../api.js';
import { mapErrors, fieldId } from '../../errors.js';
import { categories, organizations, territories, invalidate, territoryTree, territoryOptions, territoryName, categoryName, orgName } from '../../directory.js';
import { PageHeading, useAsync, Loading, ErrorBox, ErrorSummary, Input, Select, label, options, ORG_KINDS, URGENCIES } from '../../components/ui.jsx';

const LEVELS = ['country', 'province', 'municipality', 'district'];

/** A create form bound to a signal; errors from the server shown in a summary. */
function useCreate(path, cacheKey, initial, toBody, reload) {
  const form = useSignal(initial);
  const problem = useSignal(null);
  const done = useSignal(false);
  const submit = async (e) => {
    e.preventDefault();
    try { await post(path, toBody(form.value)); problem.value = null; done.value = true; form.value = initial; invalidate(cacheKey); reload(); } catch (err) { problem.value = err; done.value = false; }
  };
  const set = (k) => (v) => { form.value = { ...form.value, [k]: v }; };
  return { form, problem, done, submit, set };
}

/** The browser's IANA names, offered as suggestions; the server checks what is typed. */
const TIME_ZONES = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

const clean = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== null && v !== undefined));

export function Territories() {
  const res = useAsync(() => territories(), []);
  const c = useCreate('/api/v1/territories', 'territories', { name: '', level: 'municipality', parent_id: '', code: '', time_zone: '' }, clean, res.reload);
  const errs = c.problem.value ? mapErrors(c.problem.value, ['name', 'level', 'parent_id', 'code', 'time_zone']) : { summary: [], byField: {} };
  const f = c.form.value;
  return (
    <div>
      <PageHeading>{t('nav.territories')}</PageHeading>
      <ErrorBox error={res.error} />
      {res.loading && !res.data ? <Loading /> : null}
      {res.data ? (
        <table class="table">
          <thead><tr><th scope="col">{t('territory.name')}</th><th scope="col">{t('territory.level')}</th><th scope="col">{t('territory.code')}</th><th scope="col">{t('territory.time_zone')}</th></tr></thead>
          <tbody>{territoryTree(res.data).map((x) => <tr key={x.id}><th scope="row" class={`depth-${Math.min(x.depth, 4)}`}>{x.name}</th><td>{label('level', x.level)}</td><td>{x.code || ''}</td><td>{x.time_zone || ''}</td></tr>)}</tbody>
        </table>
      ) : null}
      <section aria-labelledby="new-territory">
        <h2 id="new-territory">{t('territory.new')}</h2>
        {c.done.value ? <div class="notice notice-success" role="status"><p>{t('common.saved')}</p></div> : null}
        <ErrorSummary summary={errs.summary} labels={{ name: t('territory.name'), level: t('territory.level'), parent_id: t('territory.parent'), code: t('territory.code'), time_zone: t('territory.time_zone') }} />
        <form class="form" novalidate onSubmit={c.submit}>
          <div class="row">
            <Input field="name" label={t('territory.name')} value={f.name} onValue={c.set('name')} error={errs.byField.name} />
            <Select field="level" label={t('territory.level')} value={f.level} onValue={c.set('level')} options={options('level', LEVELS)} error={errs.byField.level} />
            <Select field="parent_id" label={t('territory.parent')} value={f.parent_id} onValue={c.set('parent_id')} options={territoryOptions(res.data || [])} empty={t('common.none')} error={errs.byField.parent_id} />
            <Input field="code" label={t('territory.code')} hint={t('territory.code_hint')} value={f.code} onValue={c.set('code')} error={errs.byField.code} />
            <Input field="time_zone" label={t('territory.time_zone')} hint={t('territory.time_zone_hint')} value={f.time_zone} onValue={c.set('time_zone')} error={errs.byField.time_zone}
              list="time-zones" autocomplete="off" spellcheck={false} />
            <datalist id="time-zones">{TIME_ZONES.map((z) => <option key={z} value={z} />)}</datalist>
          </div>
          <button type="submit" class="button">{t('common.create')}</button>
        </form>
      </section>
    </div>
  );
}

/** "Its parent's caseworkers work its cases" (API.md shares_cases_with_parent): a unit or desk. */
function SharesCases({ id, checked, onValue, error }) {
  return (
    <div class={`field${error ? ' field-error' : ''}`}>
      {error ? <p class="error-message" id={`${id}-error`}>{error}</p> : null}
      <div class="choice">
        <input type="checkbox" id={id} name="shares_cases_with_parent" checked={checked} onChange={(e) => onValue(e.currentTarget.checked)}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`} />
        <label for={id}>{t('org.shares_cases_with_parent')}</label>
      </div>
      <p class="hint" id={`${id}-hint`}>{t('org.shares_cases_hint')}</p>
    </div>
  );
}

function OrgRow({ o, orgs, reload }) {
  const edit = useSignal(false);
  const form = useSignal({ name: o.name, kind: o.kind, email: o.email || '', phone: o.phone || '', parent_id: o.parent_id || '', shares_cases_with_parent: !!o.shares_cases_with_parent });
  const error = useSignal(null);
  const save = async (e) => {
    e.preventDefault();
    try { await patch(`/api/v1/organizations/${encodeURIComponent(o.id)}`, clean(form.value), { ifMatch: o.version }); edit.value = false; error.value = null; invalidate('organizations'); reload(); } catch (err) { error.value = err; }
  };
  const set = (k) => (v) => { form.value = { ...form.value, [k]: v }; };
  return (
    <>
      <tr>
        <th scope="row">{o.name}{o.parent_id ? <span class="muted"> · {t(o.shares_cases_with_parent ? 'org.unit_sharing' : 'org.unit_of', { parent: orgName(o.parent_id) })}</span> : null}</th><td>{label('org_kind', o.kind)}</td><td>{territoryName(o.territory_id)}</td><td>{[o.email, o.phone].filter(Boolean).join(' · ')}</td>
        <td><button type="button" class="button button-small button-secondary" aria-expanded={edit.value} onClick={() => { edit.value = !edit.value; }}>{t('common.edit')}<span class="visually-hidden"> {o.name}</span></button></td>
      </tr>
      {edit.value ? (
        <tr><td colSpan={5}>
          <ErrorBox error={error.value} />
          <form class="form subform" novalidate onSubmit={save}>
            <div class="row">
              <Input id={`o-${o.id}-name`} field="name" label={t('org.name')} value={form.value.name} onValue={set('name')} />
              <Select id={`o-${o.id}-kind`} field="kind" label={t('org.kind')} value={form.value.kind} onValue={set('kind')} options={options('org_kind', ORG_KINDS)} />
              <Input id={`o-${o.id}-email`} field="email" type="email" label={t('org.email')} value={form.value.email} onValue={set('email')} />
              <Input id={`o-${o.id}-phone`} field="phone" type="tel" label={t('org.phone')} value={form.value.phone} onValue={set('phone')} />
            </div>
            <div class="row">
              <Select id={`o-${o.id}-parent`} field="parent_id" label={t('org.parent')} value={form.value.parent_id} onValue={set('parent_id')} options={orgs.filter((x) => x.id !== o.id).map((x) => [x.id, x.name])} empty={t('common.none')} />
              <SharesCases id={`o-${o.id}-shares`} checked={form.value.shares_cases_with_parent} onValue={set('shares_cases_with_parent')} />
            </div>
            <button type="submit" class="button">{t('common.save')}</button>
          </form>
        </td></tr>
      ) : null}
    </>
  );
}

export function Organizations() {
  const res = useAsync(() => Promise.all([organizations(), territories()]), []);
  const c = useCreate('/api/v1/organizations', 'organizations', { name: '', kind: 'civil_society', territory_id: '', parent_id: '', email: '', phone: '', shares_cases_with_parent: false }, clean, res.reload);
  const known = ['name', 'kind', 'territory_id', 'parent_id', 'email', 'phone', 'shares_cases_with_parent'];
  const errs = c.problem.value ? mapErrors(c.problem.value, known) : { summary: [], byField: {} };
  const [orgs, terrs] = res.data || [[], []];
  const f = c.form.value;
  return (
    <div>
      <PageHeading>{t('nav.organizations')}</PageHeading>
      <ErrorBox error={res.error} />
      {res.loading && !res.data ? <Loading /> : null}
      <table class="table">
        <thead><tr><th scope="col">{t('org.name')}</th><th scope="col">{t('org.kind')}</th><th scope="col">{t('org.territory')}</th><th scope="col">{t('org.contact')}</th><th scope="col"><span class="visually-hidden">{t('common.actions')}</span></th></tr></thead>
        <tbody>{orgs.map((o) => <OrgRow key={o.id} o={o} orgs={orgs} reload={res.reload} />)}</tbody>
      </table>
      <section aria-labelledby="new-org">
        <h2 id="new-org">{t('org.new')}</h2>
        {c.done.value ? <div class="notice notice-success" role="status"><p>{t('common.saved')}</p></div> : null}
        <ErrorSummary summary={errs.summary} labels={Object.fromEntries(known.map((k) => [k, t(`org.${k === 'territory_id' ? 'territory' : k === 'parent_id' ? 'parent' : k}`)]))} />
        <form class="form" novalidate onSubmit={c.submit}>
          <div class="row">
            <Input field="name" label={t('org.name')} value={f.name} onValue={c.set('name')} error={errs.byField.name} />
            <Select field="kind" label={t('org.kind')} value={f.kind} onValue={c.set('kind')} options={options('org_kind', ORG_KINDS)} error={errs.byField.kind} />
          </div>
          <div class="row">
            <Select field="territory_id" label={t('org.territory')} value={f.territory_id} onValue={c.set('territory_id')} options={territoryOptions(terrs)} empty={t('common.choose')} error={errs.byField.territory_id} />
            <Select field="parent_id" label={t('org.parent')} value={f.parent_id} onValue={c.set('parent_id')} options={orgs.map((o) => [o.id, o.name])} empty={t('common.none')} error={errs.byField.parent_id} />
            <SharesCases id={fieldId('shares_cases_with_parent')} checked={f.shares_cases_with_parent} onValue={c.set('shares_cases_with_parent')} error={errs.byField.shares_cases_with_parent} />
          </div>
          <div class="row">
            <Input field="email" type="email" label={t('org.email')} value={f.email} onValue={c.set('email')} error={errs.byField.email} />
            <Input field="phone" type="tel" label={t('org.phone')} value={f.phone} onValue={c.set('phone')} error={errs.byField.phone} />
          </div>
          <button type="submit" class="button">{t('common.create')}</button>
        </form>
      </section>
    </div>
  );
}

export function Categories() {
  const res = useAsync(() => categories(), []);
  const c = useCreate('/api/v1/categories', 'categories', { code: '', name: '' }, clean, res.reload);
  const errs = c.problem.value ? mapErrors(c.problem.value, ['code', 'name']) : { summary: [], byField: {} };
  return (
    <div>
      <PageHeading>{t('nav.categories')}</PageHeading>
      <ErrorBox error={res.error} />
      {res.data ? (
        <table class="table">
          <thead><tr><th scope="col">{t('category_admin.code')}</th><th scope="col">{t('category_admin.name')}</th><th scope="col">{t('category_admin.label')}</th></tr></thead>
          <tbody>{res.data.map((x) => <tr key={x.code}><th scope="row"><code>{x.code}</code></th><td>{x.name}</td><td>{categoryName(x.code)}</td></tr>)}</tbody>
        </table>
      ) : <Loading />}
      <section aria-labelledby="new-cat">
        <h2 id="new-cat">{t('category_admin.new')}</h2>
        {c.done.value ? <div class="notice notice-success" role="status"><p>{t('common.saved')}</p></div> : null}
        <ErrorSummary summary={errs.summary} labels={{ code: t('category_admin.code'), name: t('category_admin.name') }} />
        <form class="form" novalidate onSubmit={c.submit}>
          <div class="row">
            <Input field="code" label={t('category_admin.code')} hint={t('category_admin.code_hint')} value={c.form.value.code} onValue={c.set('code')} error={errs.byField.code} />
            <Input field="name" label={t('category_admin.name')} value={c.form.value.name} onValue={c.set('name')} error={errs.byField.name} />
          </div>
          <button type="submit" class="button">{t('common.create')}</button>
        </form>
      </section>
    </div>
  );
}

/** Response standards: hours to respond per urgency, with optional per-category overrides. */
export function Standards() {
  const res = useAsync(() => Promise.all([get('/api/v1/settings/response-standards'), categories()]), []);
  const hours = useSignal({ emergency: '', high: '', normal: '' });
  const over = useSignal([]);
  const problem = useSignal(null);
  const saved = useSignal(false);
  useEffect(() => {
    if (!res.data) return;
    const s = res.data[0] || {};
    hours.value = { emergency: '', high: '', normal: '', ...(s.hours || {}) };
    over.value = Object.entries(s.by_category || {}).flatMap(([cat, m]) => Object.entries(m).map(([u, h]) => ({ category: cat, urgency: u, hours: h })));
  }, [res.data]);
  if (res.loading && !res.data) return <Loading />;
  if (res.error) return <ErrorBox error={res.error} />;
  const cats = res.data[1];
  const known = ['hours.emergency', 'hours.high', 'hours.normal', ...over.value.map((o, i) => `by_category.${o.category || i}.${o.urgency}`)];
  const errs = problem.value ? mapErrors(problem.value, known) : { summary: [], byField: {} };
  const setOver = (i, k) => (v) => { over.value = over.value.map((o, j) => (j === i ? { ...o, [k]: v } : o)); };
  const submit = async (e) => {
    e.preventDefault();
    const by = {};
    for (const o of over.value) if (o.category && o.urgency && o.hours !== '') (by[o.category] ||= {})[o.urgency] = Number(o.hours);
    const body = { hours: Object.fromEntries(URGENCIES.map((u) => [u, Number(hours.value[u])])), by_category: by };
    try { await put('/api/v1/settings/response-standards', body); problem.value = null; saved.value = true; res.reload(); } catch (err) { problem.value = err; saved.value = false; }
  };
  return (
    <div>
      <PageHeading>{t('nav.standards')}</PageHeading>
      <p class="lead">{t('standards.lead')}</p>
      {saved.value ? <div class="notice notice-success" role="status"><p>{t('common.saved')}</p></div> : null}
      <ErrorSummary summary={errs.summary} labels={Object.fromEntries(URGENCIES.map((u) => [`hours.${u}`, label('urgency', u)]))} />
      <form class="form" novalidate onSubmit={submit}>
        <fieldset class="group">
          <legend>{t('standards.default')}</legend>
          <div class="row">
            {URGENCIES.map((u) => <Input key={u} field={`hours.${u}`} type="number" min="1" label={t('standards.hours_for', { urgency: label('urgency', u) })} value={hours.value[u]} onValue={(v) => { hours.value = { ...hours.value, [u]: v }; }} error={errs.byField[`hours.${u}`]} />)}
          </div>
        </fieldset>
        <fieldset class="group">
          <legend>{t('standards.by_category')}</legend>
          {over.value.map((o, i) => (
            <div class="row" key={i}>
              <Select id={`ov-${i}-cat`} field={`ov-${i}-cat`} label={t('need.category')} value={o.category} onValue={setOver(i, 'category')} options={cats.map((c) => [c.code, categoryName(c.code)])} empty={t('common.choose')} />
              <Select id={`ov-${i}-urg`} field={`ov-${i}-urg`} label={t('need.urgency')} value={o.urgency} onValue={setOver(i, 'urgency')} options={options('urgency', URGENCIES)} />
              <Input id={`ov-${i}-hours`} field={`ov-${i}-hours`} type="number" min="1" label={t('standards.hours')} value={o.hours} onValue={setOver(i, 'hours')} />
              <button type="button" class="button button-small button-secondary" onClick={() => { over.value = over.value.filter((_, j) => j !== i); }}>{t('common.remove')}<span class="visually-hidden"> {i + 1}</span></button>
            </div>
          ))}
          <button type="button" class="button button-secondary" onClick={() => { over.value = [...over.value, { category: '', urgency: 'emergency', hours: '' }]; }}>{t('standards.add_override')}</button>
        </fieldset>
        <button type="submit" class="button">{t('common.save')}</button>
      </form>
    </div>
  );
}
