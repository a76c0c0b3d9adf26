// Register a person and their needs in one form; server errors shown GOV.UK-style; duplicate warning.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { post } from '../../api.js';
import { href, navigate } from '../../router.js';
import { mapErrors } from '../../errors.js';
import { organization } from '../../session.js';
import { categories, territories, organizations, territoryOptions, categoryName } from '../../directory.js';
import { online, available } from '../../offline/status.js';
import { OfflineExtras, recordOffline, emptyExtras } from './OfflineCapture.jsx';
import { PageHeading, Select, TextArea, Checkboxes, ErrorSummary, ErrorBox, useAsync, options,
  SPECIFIC_NEEDS, URGENCIES } from '../../components/ui.jsx';
import { caseDraft, emptyCaseDraft, emptyNeed, buildCaseBody, caseFields } from './model.js';
import { PersonFields, personLabels } from './PersonFields.jsx';
import { KnownElsewhere } from './KnownElsewhere.jsx';

export function CaseNew() {
  const problem = useSignal(null);
  const busy = useSignal(false);
  const saved = useSignal(null);
  const kept = useSignal(false);
  const extras = useSignal(emptyExtras());
  const dir = useAsync(() => Promise.all([categories(), territories(), organizations().catch(() => [])]), []);
  const offline = !online.value && available;
  const d = caseDraft.value;

  useEffect(() => {
    if (!d.territory_id && organization.value && organization.value.territory_id) {
      caseDraft.value = { ...caseDraft.value, territory_id: organization.value.territory_id };
    }
  }, [organization.value]);

  const setPerson = (k) => (v) => { caseDraft.value = { ...caseDraft.value, person: { ...caseDraft.value.person, [k]: v } }; };
  const set = (k) => (v) => { caseDraft.value = { ...caseDraft.value, [k]: v }; };
  const setNeed = (i, k) => (v) => {
    const needs = caseDraft.value.needs.map((n, j) => (j === i ? { ...n, [k]: v } : n));
    caseDraft.value = { ...caseDraft.value, needs };
  };
  const addNeed = () => { caseDraft.value = { ...caseDraft.value, needs: [...caseDraft.value.needs, emptyNeed()] }; };
  const removeNeed = (i) => () => { caseDraft.value = { ...caseDraft.value, needs: caseDraft.value.needs.filter((_, j) => j !== i) }; };

  const errs = problem.value ? mapErrors(problem.value, caseFields(d)) : { summary: [], byField: {} };
  const e = errs.byField;
  const labels = { ...personLabels(), territory_id: t('case.territory'), specific_needs: t('case.specific_needs') };
  d.needs.forEach((_, i) => {
    labels[`needs[${i}].category`] = t('need.category_n', { n: i + 1 });
    labels[`needs[${i}].urgency`] = t('need.urgency_n', { n: i + 1 });
    labels[`needs[${i}].note`] = t('need.note_n', { n: i + 1 });
  });

  const keepOnDevice = async () => {
    await recordOffline(buildCaseBody(caseDraft.value), extras.value);
    problem.value = null;
    caseDraft.value = emptyCaseDraft(caseDraft.value.territory_id);
    extras.value = emptyExtras();
    kept.value = true;
  };

  const submit = async (ev) => {
    ev.preventDefault();
    busy.value = true;
    kept.value = false;
    try {
      if (offline) { await keepOnDevice(); return; }
      const reply = await post('/api/v1/cases', buildCaseBody(caseDraft.value));
      problem.value = null;
      caseDraft.value = emptyCaseDraft(caseDraft.value.territory_id);
      const dups = (reply.warnings || []).filter((w) => w.code === 'possible_duplicate');
      const elsewhere = (reply.warnings || []).some((w) => w.code === 'known_elsewhere');
      if (dups.length) saved.value = { id: reply.id, dups, elsewhere };
      else navigate(`/cases/${reply.id}`, { created: 1, elsewhere: elsewhere ? 1 : '' });
    } catch (err) {
      // The network went while sending: keep it on the device rather than lose it.
      if (err.status === 0 && available) await keepOnDevice().catch(() => { problem.value = { errors: [], title: t('error.network') }; });
      else problem.value = err.errors ? err : { errors: [], title: err.title, detail: err.detail };
    } finally { busy.value = false; }
  };

  if (saved.value) {
    return (
      <div>
        <PageHeading>{t('case.registered')}</PageHeading>
        <div class="notice notice-warning" role="status">
          <h2>{t('case.duplicate_title')}</h2>
          <p>{t('case.duplicate_body')}</p>
          <ul>{saved.value.dups.map((w) => <li key={w.case_id}><a href={href(`/cases/${w.case_id}`)}>{t('case.open_existing', { id: w.case_id })}</a></li>)}</ul>
        </div>
        {saved.value.elsewhere ? <KnownElsewhere /> : null}
        <p><a class="button" href={href(`/cases/${saved.value.id}`)}>{t('case.open_new')}</a></p>
      </div>
    );
  }

  const [cats, terrs, orgs] = dir.data || [[], [], []];
  const catOptions = cats.map((c) => [c.code, categoryName(c.code)]);
  return (
    <div>
      <PageHeading>{t('case.new_title')}</PageHeading>
      {kept.value ? (
        <div class="notice notice-success" role="status">
          <p>{t('device.kept_notice')} <a href={href('/device')}>{t('device.title')}</a></p>
        </div>
      ) : null}
      {offline ? <div class="notice notice-warning" role="note"><p>{t('device.offline_form')}</p></div> : null}
      <ErrorSummary summary={errs.summary} labels={labels} />
      <form onSubmit={submit} novalidate class="form">
        <fieldset class="group">
          <legend>{t('case.person')}</legend>
          <PersonFields person={d.person} setPerson={setPerson} e={e} />
          <Select field="territory_id" label={t('case.territory')} value={d.territory_id} onValue={set('territory_id')} options={territoryOptions(terrs)} empty={t('common.choose')} error={e.territory_id} />
          <Checkboxes field="specific_needs" legend={t('case.specific_needs')} hint={t('case.specific_needs_hint')} options={options('specific', SPECIFIC_NEEDS)} values={d.specific_needs} onValues={set('specific_needs')} error={e.specific_needs} />
        </fieldset>

        <fieldset class="group">
          <legend>{t('case.needs')}</legend>
          {d.needs.map((n, i) => (
            <div class="need-row" key={i}>
              <h3 class="need-title">{t('need.title_n', { n: i + 1 })}</h3>
              <div class="row">
                <Select field={`needs[${i}].category`} label={t('need.category')} value={n.category} onValue={setNeed(i, 'category')} options={catOptions} empty={t('common.choose')} error={e[`needs[${i}].category`]} />
                <Select field={`needs[${i}].urgency`} label={t('need.urgency')} value={n.urgency} onValue={setNeed(i, 'urgency')} options={options('urgency', URGENCIES)} error={e[`needs[${i}].urgency`]} />
              </div>
              <TextArea field={`needs[${i}].note`} label={t('need.note')} hint={t('need.note_hint')} value={n.note} onValue={setNeed(i, 'note')} error={e[`needs[${i}].note`]} rows={2} />
              {d.needs.length > 1 ? <button type="button" class="button button-secondary button-small" onClick={removeNeed(i)}>{t('need.remove_n', { n: i + 1 })}</button> : null}
            </div>
          ))}
          <button type="button" class="button button-secondary" onClick={addNeed}>{t('need.add')}</button>
        </fieldset>
        {offline ? <OfflineExtras extras={extras.value} setExtras={(v) => { extras.value = v; }} cats={cats} orgs={orgs} /> : <p class="hint">{t('case.consent_next')}</p>}
        <div class="actions">
          <button type="submit" class="button" disabled={busy.value}>{offline ? t('device.keep') : t('case.register')}</button>
          <button type="button" class="button button-secondary" onClick={() => { caseDraft.value = emptyCaseDraft(d.territory_id); problem.value = null; }}>{t('common.clear')}</button>
        </div>
      </form>
      <ErrorBox error={dir.error} />
    </div>
  );
}
