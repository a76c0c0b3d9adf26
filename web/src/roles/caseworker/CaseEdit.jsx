// Keeping a case current: the person, place, specific needs, notes and needs. A need is marked
// met or withdrawn, never removed (the gap report keeps counting it as demand); new needs are
// added in categories the case has none in. Saved with If-Match: an edit made meanwhile by a
// colleague is shown, never overwritten.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { get, patch } from '../../api.js';
import { href, navigate } from '../../router.js';
import { mapErrors } from '../../errors.js';
import { categories, territories, territoryOptions, categoryName } from '../../directory.js';
import { PageHeading, Select, TextArea, Checkboxes, ErrorSummary, ErrorBox, Loading, useAsync, options,
  SPECIFIC_NEEDS, URGENCIES } from '../../components/ui.jsx';
import { PersonFields, personLabels } from './PersonFields.jsx';
import { caseEditDraft, buildCaseEditBody, emptyNeed, fullName } from './model.js';

const NEED_STATUSES = ['open', 'met', 'withdrawn'];

export function CaseEdit({ params }) {
  const id = params.id;
  const res = useAsync(() => Promise.all([get(`/api/v1/cases/${encodeURIComponent(id)}`), categories(), territories()]), [id]);
  const draft = useSignal(null);
  const version = useSignal(null);
  const problem = useSignal(null);
  const busy = useSignal(false);
  useEffect(() => {
    if (res.data && !draft.value) { draft.value = caseEditDraft(res.data[0]); version.value = res.data[0].version; }
  }, [res.data]);
  if (res.loading && !res.data) return <Loading />;
  if (res.error) return <ErrorBox error={res.error} />;
  const d = draft.value;
  if (!d) return <Loading />;
  const [kase, cats, terrs] = res.data;

  const setPerson = (k) => (v) => { draft.value = { ...draft.value, person: { ...draft.value.person, [k]: v } }; };
  const set = (k) => (v) => { draft.value = { ...draft.value, [k]: v }; };
  const setNeed = (i, k) => (v) => { draft.value = { ...draft.value, needs: draft.value.needs.map((n, j) => (j === i ? { ...n, [k]: v } : n)) }; };
  const addNeed = () => { draft.value = { ...draft.value, needs: [...draft.value.needs, emptyNeed()] }; };
  const dropNew = (i) => () => { draft.value = { ...draft.value, needs: draft.value.needs.filter((_, j) => j !== i) }; };

  const fields = [...Object.keys(personLabels()), 'territory_id', 'specific_needs', 'notes'];
  const labels = { ...personLabels(), territory_id: t('case.territory'), specific_needs: t('case.specific_needs'), notes: t('case.notes') };
  d.needs.forEach((n, i) => {
    const name = n.id ? categoryName(n.category) : t('need.title_n', { n: i + 1 });
    fields.push(`needs[${i}].category`, `needs[${i}].urgency`, `needs[${i}].note`, `needs[${i}].status`, `needs[${i}].id`);
    labels[`needs[${i}].category`] = t('need.field_of', { need: name, field: t('need.category') });
    labels[`needs[${i}].urgency`] = t('need.field_of', { need: name, field: t('need.urgency') });
    labels[`needs[${i}].note`] = t('need.field_of', { need: name, field: t('need.note') });
    labels[`needs[${i}].status`] = t('need.field_of', { need: name, field: t('need.status') });
  });
  const errs = problem.value ? mapErrors(problem.value, fields) : { summary: [], byField: {} };
  const e = errs.byField;
  const taken = new Set(d.needs.filter((n) => n.id).map((n) => n.category));
  const newCatOptions = cats.filter((c) => !taken.has(c.code)).map((c) => [c.code, categoryName(c.code)]);

  const submit = async (ev) => {
    ev.preventDefault();
    busy.value = true;
    try {
      await patch(`/api/v1/cases/${encodeURIComponent(id)}`, buildCaseEditBody(draft.value), { ifMatch: version.value });
      problem.value = null;
      navigate(`/cases/${id}`, { saved: 1 });
    } catch (err) {
      problem.value = err.errors && err.errors.length ? err : { errors: [], title: err.title, detail: err.status === 412 ? t('case.edit_conflict') : err.detail, status: err.status };
    } finally { busy.value = false; }
  };
  const reloadLatest = async () => {
    const latest = await get(`/api/v1/cases/${encodeURIComponent(id)}`);
    draft.value = caseEditDraft(latest); version.value = latest.version; problem.value = null;
  };

  return (
    <div>
      <p class="breadcrumbs"><a href={href(`/cases/${id}`)}>{fullName(kase)}</a></p>
      <PageHeading>{t('case.edit_title', { name: fullName(kase) })}</PageHeading>
      <ErrorSummary summary={errs.summary} labels={labels} />
      {problem.value && problem.value.status === 412 ? (
        <div class="notice notice-warning" role="alert">
          <p>{t('case.edit_conflict')}</p>
          <button type="button" class="button button-secondary" onClick={reloadLatest}>{t('case.edit_reload')}</button>
        </div>
      ) : null}
      <form onSubmit={submit} novalidate class="form">
        <fieldset class="group">
          <legend>{t('case.person')}</legend>
          <PersonFields person={d.person} setPerson={setPerson} e={e} />
          <Select field="territory_id" label={t('case.territory')} value={d.territory_id} onValue={set('territory_id')} options={territoryOptions(terrs)} empty={t('common.choose')} error={e.territory_id} />
          <Checkboxes field="specific_needs" legend={t('case.specific_needs')} hint={t('case.specific_needs_hint')} options={options('specific', SPECIFIC_NEEDS)} values={d.specific_needs} onValues={set('specific_needs')} error={e.specific_needs} />
        </fieldset>
        <fieldset class="group">
          <legend>{t('case.needs')}</legend>
          <p class="hint">{t('need.status_hint')}</p>
          {d.needs.map((n, i) => (
            <div class="need-row" key={n.id || `new-${i}`}>
              {n.id ? <h3 class="need-title">{categoryName(n.category)}</h3> : <h3 class="need-title">{t('need.new_n', { n: i + 1 })}</h3>}
              <div class="row">
                {n.id ? null : <Select field={`needs[${i}].category`} label={t('need.category')} value={n.category} onValue={setNeed(i, 'category')} options={newCatOptions} empty={t('common.choose')} error={e[`needs[${i}].category`]} />}
                <Select field={`needs[${i}].urgency`} label={t('need.urgency')} value={n.urgency} onValue={setNeed(i, 'urgency')} options={options('urgency', URGENCIES)} error={e[`needs[${i}].urgency`]} />
                {n.id ? <Select field={`needs[${i}].status`} label={t('need.status')} value={n.status} onValue={setNeed(i, 'status')} options={options('need_status', NEED_STATUSES)} error={e[`needs[${i}].status`]} /> : null}
              </div>
              <TextArea field={`needs[${i}].note`} label={t('need.note')} hint={t('need.note_hint')} value={n.note} onValue={setNeed(i, 'note')} error={e[`needs[${i}].note`]} rows={2} />
              {n.id ? null : <button type="button" class="button button-secondary button-small" onClick={dropNew(i)}>{t('need.remove_n', { n: i + 1 })}</button>}
            </div>
          ))}
          <button type="button" class="button button-secondary" onClick={addNeed}>{t('need.add')}</button>
        </fieldset>
        <fieldset class="group">
          <legend>{t('case.notes')}</legend>
          <TextArea field="notes" label={t('case.notes')} hint={t('case.notes_hint')} value={d.notes} onValue={set('notes')} error={e.notes} rows={4} />
        </fieldset>
        <div class="actions">
          <button type="submit" class="button" disabled={busy.value}>{t('case.save')}</button>
          <a class="button button-secondary" href={href(`/cases/${id}`)}>{t('common.cancel')}</a>
        </div>
      </form>
    </div>
  );
}
