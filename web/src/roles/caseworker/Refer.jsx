// Refer a case: pick a category, see the services that fit, choose what to share and preview it.
import { signal, useSignal } from '@preact/signals';
import { t, fmtDate, fmtNumber } from '../../i18n/index.js';
import { get, post, items, qs } from '../../api.js';
import { href, navigate } from '../../router.js';
import { mapErrors } from '../../errors.js';
import { categories, categoryName, orgName } from '../../directory.js';
import { PageHeading, useAsync, Loading, ErrorBox, ErrorSummary, Select, Checkboxes, TextArea, options, label,
  URGENCIES, SHARED_FIELDS } from '../../components/ui.jsx';
import { fullName, coveringConsent, defaultNeedsChoice, snapshotPreview } from './model.js';
import { countryName, languageNames } from '../../names.js';
import { OpeningHours, PlacesFree, placesFree } from '../../components/service_facts.jsx';

const STALE_MS = 183 * 24 * 3600 * 1000;
const DEFAULT_SHARED = ['given_name', 'family_name', 'languages', 'needs'];

/** Form state per case, kept across language switches. */
const drafts = new Map();
function draftFor(caseId) {
  if (!drafts.has(caseId)) {
    drafts.set(caseId, signal({ category: '', urgency: '', service_id: '', show_all: false, shared: DEFAULT_SHARED, shared_needs: null, shared_specific_needs: [], reason: '', vital: false, justification: '' }));
  }
  return drafts.get(caseId);
}

function Value({ field, value }) {
  if (field === 'needs') {
    return <ul class="plain">{(value || []).map((n, i) => <li key={i}>{categoryName(n.category)} ({label('urgency', n.urgency)}){n.note ? `: ${n.note}` : ''}</li>)}</ul>;
  }
  if (field === 'specific_needs') return <>{(value || []).map((s) => label('specific', s)).join(', ') || '–'}</>;
  if (field === 'languages') return <>{languageNames(value) || '–'}</>;
  if (field === 'nationality') return <>{countryName(value) || '–'}</>;
  if (field === 'sex') return <>{label('sex', value) || '–'}</>;
  if (field === 'birth_date') return <>{value ? fmtDate(value) : '–'}</>;
  if (field === 'estimated_age') return <>{t('person.age_about', { age: value })}</>;
  return <>{value === undefined || value === null || value === '' ? '–' : String(value)}</>;
}

function ServiceCard({ s, chosen, onChoose }) {
  const stale = s.last_verified_at && Date.now() - new Date(s.last_verified_at).getTime() > STALE_MS;
  const id = `service-${s.id}`;
  return (
    <li class={`card service${chosen ? ' card-chosen' : ''}`}>
      <div class="choice">
        <input type="radio" id={id} name="service_id" value={s.id} checked={chosen} onChange={() => onChoose(s)} aria-describedby={`${id}-info`} />
        <label for={id}><strong>{s.name}</strong> · {orgName(s.organization_id)}{placesFree(s) === 0 ? <strong class="warn-text flag"> · {t('service.no_places')}</strong> : null}</label>
      </div>
      <dl class="details compact" id={`${id}-info`}>
        <div><dt>{t('service.accepting')}</dt><dd>{s.accepting ? t('common.yes') : <strong class="warn-text">{t('service.not_accepting')}</strong>}</dd></div>
        <div><dt>{t('service.wait')}</dt><dd>{s.expected_wait_days ? t('service.wait_days', { days: s.expected_wait_days }) : t('service.no_wait')}</dd></div>
        <div><dt>{t('service.languages')}</dt><dd>{languageNames(s.languages) || '–'}</dd></div>
        <div><dt>{t('service.required_documents')}</dt><dd>{(s.required_documents || []).join(', ') || t('common.none')}</dd></div>
        {placesFree(s) !== null ? <div><dt>{t('service.places')}</dt><dd><PlacesFree s={s} /></dd></div>
          : s.capacity !== undefined && s.capacity !== null ? <div><dt>{t('service.capacity')}</dt><dd>{fmtNumber(s.capacity)}</dd></div> : null}
        {(s.schedule && s.schedule.length) || s.hours ? <div><dt>{t('slip.hours')}</dt><dd><OpeningHours s={s} /></dd></div> : null}
        {s.status && s.status !== 'active' ? <div><dt>{t('common.status')}</dt><dd>{label('service_status', s.status)}</dd></div> : null}
        {s.last_verified_at ? <div><dt>{t('service.last_verified')}</dt><dd>{fmtDate(s.last_verified_at)}{stale ? <strong class="warn-text"> · {t('service.stale')}</strong> : null}</dd></div> : null}
      </dl>
    </li>
  );
}

export function Refer({ params }) {
  const caseId = params.id;
  const draft = draftFor(caseId);
  const d = draft.value;
  const set = (k) => (v) => { draft.value = { ...draft.value, [k]: v }; };
  const problem = useSignal(null);
  const busy = useSignal(false);
  const kaseRes = useAsync(() => Promise.all([get(`/api/v1/cases/${encodeURIComponent(caseId)}`), categories()]), [caseId]);
  const kase = kaseRes.data && kaseRes.data[0];
  const needs = (kase && kase.needs) || [];
  const category = d.category || (needs[0] && needs[0].category) || '';
  const need = needs.find((n) => n.category === category);
  const urgency = d.urgency || (need && need.urgency) || 'normal';
  const services = useAsync(() => (category && kase
    ? get(`/api/v1/services${qs({ category, territory: kase.territory_id, accepting: d.show_all ? '' : 'true', limit: 200 })}`).then(items)
    : Promise.resolve([])), [category, kase && kase.territory_id, d.show_all]);

  if (kaseRes.loading && !kaseRes.data) return <Loading />;
  if (kaseRes.error) return <ErrorBox error={kaseRes.error} />;

  const catList = kaseRes.data[1];
  const needCats = needs.map((n) => n.category);
  const catOptions = [...new Set([...needCats, ...catList.map((c) => c.code)])].map((c) => [c, needCats.includes(c) ? `${categoryName(c)} ★` : categoryName(c)]);
  const list = services.data || [];
  const service = list.find((s) => s.id === d.service_id) || null;
  const orgId = service ? service.organization_id : '';
  const consent = coveringConsent(kase.consents, category, orgId);
  const vitalAllowed = urgency === 'emergency';
  // Which needs go: the category's need until the caseworker ticks otherwise (the server's
  // default), and no specific need unless ticked; the request always names the choice shown.
  const byDefault = defaultNeedsChoice(kase, category);
  const choice = { needs: d.shared_needs || byDefault.needs, specific_needs: d.shared_specific_needs };
  const preview = snapshotPreview(kase, SHARED_FIELDS.filter((f) => d.shared.includes(f)), choice);

  const known = ['category', 'urgency', 'service_id', 'shared_fields', 'shared_needs', 'shared_specific_needs', 'reason', 'justification'];
  const fieldOf = (e) => (e.field === 'to_organization_id' ? 'service_id' : String(e.field || '').replace(/^(shared_needs|shared_specific_needs)\[\d+\]$/, '$1'));
  const errs = problem.value ? mapErrors({ ...problem.value, errors: (problem.value.errors || []).map((e) => ({ ...e, field: fieldOf(e) })) }, known)
    : { summary: [], byField: {} };

  const send = (status) => async (e) => {
    e.preventDefault();
    if (!service) {
      problem.value = { errors: [{ field: 'service_id', message: t('refer.choose_service') }] };
      return;
    }
    const body = { case_id: caseId, to_organization_id: service.organization_id, service_id: service.id, category, urgency,
      reason: d.reason, shared_fields: d.shared, status };
    if (d.shared.includes('needs')) body.shared_needs = choice.needs;
    if (d.shared.includes('specific_needs')) body.shared_specific_needs = choice.specific_needs;
    if (!consent && vitalAllowed && d.vital) { body.legal_basis = 'vital_interest'; body.justification = d.justification; } else body.legal_basis = 'consent';
    busy.value = true;
    try {
      const r = await post('/api/v1/referrals', body);
      problem.value = null;
      drafts.delete(caseId);
      navigate(`/referrals/${r.id}`, { sent: 1 });
    } catch (err) { problem.value = err; } finally { busy.value = false; }
  };

  return (
    <div>
      <p class="breadcrumbs"><a href={href('/cases')}>{t('nav.cases')}</a> › <a href={href(`/cases/${caseId}`)}>{fullName(kase)}</a></p>
      <PageHeading>{t('refer.title', { name: fullName(kase) })}</PageHeading>
      <ErrorSummary summary={errs.summary} labels={{ category: t('need.category'), urgency: t('need.urgency'), service_id: t('refer.service'), shared_fields: t('refer.shared_fields'), shared_needs: t('refer.shared_needs'), shared_specific_needs: t('refer.shared_specific_needs'), reason: t('refer.reason'), justification: t('refer.justification') }} />
      <form novalidate class="form" onSubmit={send('requested')}>
        <div class="row">
          <Select field="category" label={t('need.category')} hint={t('refer.category_hint')} value={category} onValue={(v) => { draft.value = { ...draft.value, category: v, service_id: '', shared_needs: null }; }} options={catOptions} error={errs.byField.category} />
          <Select field="urgency" label={t('need.urgency')} value={urgency} onValue={set('urgency')} options={options('urgency', URGENCIES)} error={errs.byField.urgency} />
        </div>

        <fieldset class="field group" aria-describedby="f-service_id-hint">
          <legend id="f-service_id" tabIndex={-1}>{t('refer.service')}</legend>
          <p class="hint" id="f-service_id-hint">{t('refer.service_hint')}</p>
          {errs.byField.service_id ? <p class="error-message">{errs.byField.service_id}</p> : null}
          <div class="choice">
            <input type="checkbox" id="show-all" checked={d.show_all} onChange={(e) => set('show_all')(e.currentTarget.checked)} />
            <label for="show-all">{t('refer.show_not_accepting')}</label>
          </div>
          {services.loading ? <Loading /> : null}
          <ErrorBox error={services.error} />
          {!services.loading && list.length === 0 ? <p>{t('refer.no_services')}</p> : null}
          <ul class="card-list">{list.map((s) => <ServiceCard key={s.id} s={s} chosen={s.id === d.service_id} onChoose={(x) => set('service_id')(x.id)} />)}</ul>
          {service && !service.accepting ? <div class="notice notice-warning" role="status"><p>{t('refer.warn_not_accepting')}</p></div> : null}
          {service && placesFree(service) === 0 ? <div class="notice notice-warning" role="status"><p>{t('refer.warn_no_places')}</p></div> : null}
          {service && service.expected_wait_days ? <div class="notice notice-warning" role="status"><p>{t('refer.warn_wait', { days: service.expected_wait_days })}</p></div> : null}
        </fieldset>

        <div class="split">
          <div>
            <Checkboxes field="shared_fields" legend={t('refer.shared_fields')} hint={t('refer.shared_hint')} options={SHARED_FIELDS.map((f) => [f, t(`shared.${f}`)])} values={d.shared} onValues={set('shared')} error={errs.byField.shared_fields} />
            {d.shared.includes('needs') ? (
              needs.length ? <Checkboxes field="shared_needs" legend={t('refer.shared_needs')} hint={t('refer.shared_needs_hint')} options={needs.map((n) => [n.category, categoryName(n.category)])} values={choice.needs} onValues={set('shared_needs')} error={errs.byField.shared_needs} />
                : <p class="hint">{t('refer.no_needs')}</p>
            ) : null}
            {d.shared.includes('specific_needs') && (kase.specific_needs || []).length ? (
              <Checkboxes field="shared_specific_needs" legend={t('refer.shared_specific_needs')} hint={t('refer.shared_specific_needs_hint')} options={kase.specific_needs.map((c) => [c, label('specific', c)])} values={choice.specific_needs} onValues={set('shared_specific_needs')} error={errs.byField.shared_specific_needs} />
            ) : null}
          </div>
          <section class="preview" aria-labelledby="preview-title" aria-live="polite">
            <h2 id="preview-title">{service ? t('refer.preview_title_org', { org: orgName(service.organization_id) }) : t('refer.preview_title')}</h2>
            {preview.length ? (
              <dl class="details" data-testid="referral-preview">{preview.map(([f, v]) => <div key={f}><dt>{t(`shared.${f}`)}</dt><dd><Value field={f} value={v} /></dd></div>)}</dl>
            ) : <p>{t('refer.preview_nothing')}</p>}
            <p class="basis">
              {consent ? t('refer.basis_consent', { date: fmtDate(consent.recorded_at || consent.created_at), method: label('consent', consent.method) })
                : d.vital && vitalAllowed ? t('refer.basis_vital') : <strong class="warn-text">{t('refer.basis_none')}</strong>}
            </p>
          </section>
        </div>

        {!consent && vitalAllowed ? (
          <div class="group">
            <div class="choice">
              <input type="checkbox" id="vital" checked={d.vital} onChange={(e) => set('vital')(e.currentTarget.checked)} />
              <label for="vital">{t('refer.vital')}</label>
            </div>
            {d.vital ? <TextArea field="justification" label={t('refer.justification')} hint={t('refer.justification_hint')} value={d.justification} onValue={set('justification')} error={errs.byField.justification} /> : null}
          </div>
        ) : null}
        {!consent && !vitalAllowed ? <p class="hint"><a href={href(`/cases/${caseId}`)}>{t('refer.record_consent_first')}</a></p> : null}

        <TextArea field="reason" label={t('refer.reason')} hint={t('refer.reason_hint')} value={d.reason} onValue={set('reason')} error={errs.byField.reason} />
        <div class="actions">
          <button type="submit" class="button" disabled={busy.value}>{t('refer.send')}</button>
          <button type="button" class="button button-secondary" disabled={busy.value} onClick={send('draft')}>{t('refer.save_draft')}</button>
        </div>
      </form>
    </div>
  );
}
