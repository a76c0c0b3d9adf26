// One case: the person, needs, notes, household, consents (record, withdraw), referrals, and links
// to edit, refer and report.
import { useSignal } from '@preact/signals';
import { t, fmtDate, fmtDateTime } from '../../i18n/index.js';
import { get, post, items, qs } from '../../api.js';
import { href } from '../../router.js';
import { mapErrors } from '../../errors.js';
import { categories, organizations, categoryName, orgName, territoryName } from '../../directory.js';
import { PageHeading, useAsync, Loading, ErrorBox, ErrorSummary, Radios, Checkboxes, Input, TextArea, StateChip, label } from '../../components/ui.jsx';
import { personOf, fullName, consentActive, sortOutbox, CASE_TRANSFER } from './model.js';
import { countryName, languageNames } from '../../names.js';
import { KnownElsewhere } from './KnownElsewhere.jsx';
import { TransferCase } from './TransferCase.jsx';

function PersonDetails({ kase }) {
  const p = personOf(kase);
  const rows = [
    ['person.given_name', p.given_name], ['person.family_name', p.family_name],
    ['person.birth_date', p.birth_date ? fmtDate(p.birth_date) : p.estimated_age !== undefined && p.estimated_age !== null ? t('person.age_about', { age: p.estimated_age }) : ''],
    ['person.sex', label('sex', p.sex)], ['person.nationality', countryName(p.nationality)], ['person.languages', languageNames(p.languages)],
    ['person.migratory_status', label('migratory', p.migratory_status)], ['person.phone', p.phone], ['case.territory', territoryName(kase.territory_id)],
  ];
  return (
    <dl class="details">
      {rows.filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => <div key={k}><dt>{t(k)}</dt><dd>{v}</dd></div>)}
      {(kase.specific_needs || []).length ? <div><dt>{t('case.specific_needs')}</dt><dd>{kase.specific_needs.map((s) => label('specific', s)).join(', ')}</dd></div> : null}
    </dl>
  );
}

function ConsentForm({ caseId, onDone }) {
  const method = useSignal('verbal');
  const cats = useSignal([]);
  const orgs = useSignal([]);
  const expires = useSignal('');
  const problem = useSignal(null);
  const busy = useSignal(false);
  const dir = useAsync(() => Promise.all([categories(), organizations()]), []);
  const [catList, orgList] = dir.data || [[], []];
  const known = ['method', 'categories', 'organizations', 'expires_at'];
  const errs = problem.value ? mapErrors(problem.value, known) : { summary: [], byField: {} };
  const submit = async (e) => {
    e.preventDefault();
    busy.value = true;
    const body = { method: method.value, categories: cats.value, organizations: orgs.value };
    if (expires.value) body.expires_at = `${expires.value}T23:59:59Z`;
    try {
      await post(`/api/v1/cases/${encodeURIComponent(caseId)}/consents`, body);
      problem.value = null; cats.value = []; orgs.value = []; expires.value = '';
      onDone();
    } catch (err) { problem.value = err; } finally { busy.value = false; }
  };
  return (
    <form onSubmit={submit} novalidate class="form subform" aria-labelledby="consent-form-title">
      <h3 id="consent-form-title">{t('consent.record')}</h3>
      <ErrorSummary summary={errs.summary} labels={{ method: t('consent.method'), categories: t('consent.categories'), organizations: t('consent.organizations'), expires_at: t('consent.expires_at') }} />
      <Radios field="method" legend={t('consent.method')} options={[['verbal', t('consent.verbal')], ['written', t('consent.written')]]} value={method.value} onValue={(v) => { method.value = v; }} inline error={errs.byField.method} />
      <Checkboxes field="categories" legend={t('consent.categories')} hint={t('consent.categories_hint')} options={[...catList.map((c) => [c.code, categoryName(c.code)]), [CASE_TRANSFER, t('consent.case_transfer')]]} values={cats.value} onValues={(v) => { cats.value = v; }} inline error={errs.byField.categories} />
      <Checkboxes field="organizations" legend={t('consent.organizations')} hint={t('consent.organizations_hint')} options={orgList.map((o) => [o.id, o.name])} values={orgs.value} onValues={(v) => { orgs.value = v; }} inline error={errs.byField.organizations} />
      <Input field="expires_at" type="date" label={t('consent.expires_at')} hint={t('consent.expires_hint')} value={expires.value} onValue={(v) => { expires.value = v; }} error={errs.byField.expires_at} />
      <button type="submit" class="button" disabled={busy.value}>{t('consent.save')}</button>
    </form>
  );
}

function Consents({ kase, reload }) {
  const error = useSignal(null);
  const list = kase.consents || [];
  const withdraw = (c) => async () => {
    error.value = null;
    try { await post(`/api/v1/cases/${encodeURIComponent(kase.id)}/consents/${encodeURIComponent(c.id)}/withdraw`, {}); reload(); } catch (e) { error.value = e; }
  };
  return (
    <section aria-labelledby="consents-title">
      <h2 id="consents-title">{t('consent.title')}</h2>
      <ErrorBox error={error.value} />
      {list.length ? (
        <table class="table">
          <thead><tr><th scope="col">{t('consent.recorded')}</th><th scope="col">{t('consent.method')}</th><th scope="col">{t('consent.covers')}</th><th scope="col">{t('consent.expires_at')}</th><th scope="col">{t('common.status')}</th><th scope="col"><span class="visually-hidden">{t('common.actions')}</span></th></tr></thead>
          <tbody>
            {list.map((c) => {
              const active = consentActive(c);
              return (
                <tr key={c.id}>
                  <td>{fmtDateTime(c.recorded_at || c.created_at)}</td>
                  <td>{label('consent', c.method)}</td>
                  <td>{[...(c.categories || []).map((x) => (x === CASE_TRANSFER ? t('consent.case_transfer') : categoryName(x))), ...(c.organizations || []).map(orgName)].join(', ') || t('consent.nothing')}</td>
                  <td>{fmtDate(c.expires_at)}</td>
                  <td>{c.withdrawn_at ? t('consent.withdrawn_on', { date: fmtDate(c.withdrawn_at) }) : active ? t('consent.active') : t('consent.expired')}</td>
                  <td>{active ? <button type="button" class="button button-secondary button-small" onClick={withdraw(c)}>{t('consent.withdraw')}<span class="visually-hidden"> {fmtDateTime(c.recorded_at || c.created_at)}</span></button> : null}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : <p>{t('consent.none')}</p>}
      <ConsentForm caseId={kase.id} onDone={reload} />
    </section>
  );
}

/** Household links: the related cases and a search to link one more of the organisation's cases. */
function Household({ kase, reload }) {
  const q = useSignal('');
  const found = useSignal(null);
  const chosen = useSignal('');
  const relation = useSignal('');
  const problem = useSignal(null);
  const done = useSignal('');
  const search = async (e) => {
    e.preventDefault();
    problem.value = null;
    try { found.value = items(await get(`/api/v1/cases${qs({ q: q.value, status: 'open', limit: 20 })}`)).filter((c) => c.id !== kase.id); } catch (err) { problem.value = err; }
  };
  const link = async (e) => {
    e.preventDefault();
    problem.value = null;
    try {
      await post(`/api/v1/cases/${encodeURIComponent(kase.id)}/household`, { case_id: chosen.value, relation: relation.value.trim() });
      done.value = t('household.linked'); found.value = null; chosen.value = ''; relation.value = ''; q.value = '';
      reload();
    } catch (err) { problem.value = err; }
  };
  const errs = problem.value ? mapErrors(problem.value, ['case_id', 'relation']) : { summary: [], byField: {} };
  const links = kase.household || [];
  return (
    <section aria-labelledby="household-title">
      <h2 id="household-title">{t('household.title')}</h2>
      {links.length ? (
        <ul class="plain">{links.map((h) => <li key={h.case_id}><a href={href(`/cases/${h.case_id}`)}>{t('household.open', { relation: h.relation })}</a></li>)}</ul>
      ) : <p>{t('household.none')}</p>}
      <div role="status" aria-live="polite">{done.value ? <p class="notice notice-success">{done.value}</p> : null}</div>
      <details class="household-link">
        <summary>{t('household.add')}</summary>
        <ErrorSummary summary={errs.summary} labels={{ case_id: t('household.case'), relation: t('household.relation') }} />
        <form role="search" class="form" onSubmit={search}>
          <Input field="household_q" label={t('household.search')} value={q.value} onValue={(v) => { q.value = v; }} autoComplete="off" />
          <button type="submit" class="button button-secondary">{t('common.search')}</button>
        </form>
        {found.value ? (found.value.length ? (
          <form class="form" onSubmit={link} novalidate>
            <Radios field="case_id" legend={t('household.case')} options={found.value.map((c) => [c.id, `${fullName(c)}${personOf(c).birth_date ? ` · ${fmtDate(personOf(c).birth_date)}` : ''}`])} value={chosen.value} onValue={(v) => { chosen.value = v; }} error={errs.byField.case_id} />
            <Input field="relation" label={t('household.relation')} hint={t('household.relation_hint')} value={relation.value} onValue={(v) => { relation.value = v; }} error={errs.byField.relation} autoComplete="off" />
            <button type="submit" class="button">{t('household.link')}</button>
          </form>
        ) : <p>{t('household.no_match')}</p>) : null}
      </details>
    </section>
  );
}

function CloseCase({ kase, reload }) {
  const reason = useSignal('');
  const problem = useSignal(null);
  const submit = async (e) => {
    e.preventDefault();
    try { await post(`/api/v1/cases/${encodeURIComponent(kase.id)}/close`, { reason: reason.value }); reload(); } catch (err) { problem.value = err; }
  };
  const errs = problem.value ? mapErrors(problem.value, ['reason']) : { summary: [], byField: {} };
  return (
    <details class="close-case">
      <summary>{t('case.close')}</summary>
      <form onSubmit={submit} novalidate class="form">
        <ErrorSummary summary={errs.summary} labels={{ reason: t('case.close_reason') }} />
        <TextArea field="reason" label={t('case.close_reason')} value={reason.value} onValue={(v) => { reason.value = v; }} error={errs.byField.reason} rows={2} />
        <button type="submit" class="button button-warning">{t('case.close')}</button>
      </form>
    </details>
  );
}

export function CasePage({ params, query }) {
  const id = params.id;
  const res = useAsync(() => get(`/api/v1/cases/${encodeURIComponent(id)}`), [id]);
  // This case's referrals only: the outbox filtered by case, whatever else the organisation sent.
  const refs = useAsync(() => get(`/api/v1/referrals${qs({ box: 'outbox', case_id: id, limit: 500 })}`).then(items), [id]);
  if (res.loading && !res.data) return <Loading />;
  if (res.error) return <ErrorBox error={res.error} />;
  const kase = res.data;
  const referrals = sortOutbox(kase.referrals || refs.data || []);
  const closed = kase.status === 'closed';
  return (
    <div>
      <p class="breadcrumbs"><a href={href('/cases')}>{t('nav.cases')}</a></p>
      <PageHeading>{fullName(kase)}</PageHeading>
      {query.created ? <div class="notice notice-success" role="status"><p>{t('case.created_notice')}</p></div> : null}
      {query.saved ? <div class="notice notice-success" role="status"><p>{t('case.saved_notice')}</p></div> : null}
      {query.elsewhere ? <KnownElsewhere /> : null}
      <p class="meta">{t('case.status_line', { status: label('case_status', kase.status || 'open'), date: fmtDate(kase.created_at) })}</p>
      <div class="actions">
        {!closed ? <a class="button" href={href(`/cases/${id}/refer`)}>{t('refer.start')}</a> : null}
        {!closed ? <a class="button button-secondary" href={href(`/cases/${id}/edit`)}>{t('case.edit')}</a> : null}
        <a class="button button-secondary" href={href(`/cases/${id}/report`)}>{t('report.link')}</a>
      </div>
      <section aria-labelledby="person-title">
        <h2 id="person-title">{t('case.person')}</h2>
        <PersonDetails kase={kase} />
      </section>
      <section aria-labelledby="needs-title">
        <h2 id="needs-title">{t('case.needs')}</h2>
        {(kase.needs || []).length ? (
          <table class="table">
            <thead><tr><th scope="col">{t('need.category')}</th><th scope="col">{t('need.urgency')}</th><th scope="col">{t('need.status')}</th><th scope="col">{t('need.note')}</th></tr></thead>
            <tbody>{kase.needs.map((n, i) => <tr key={n.id || i} class={n.status && n.status !== 'open' ? 'muted' : undefined}><td>{categoryName(n.category)}</td><td>{label('urgency', n.urgency)}</td><td>{label('need_status', n.status || 'open')}</td><td>{n.note || ''}</td></tr>)}</tbody>
          </table>
        ) : <p>{t('need.none')}</p>}
      </section>
      {kase.notes ? (
        <section aria-labelledby="notes-title">
          <h2 id="notes-title">{t('case.notes')}</h2>
          <p class="pre-line">{kase.notes}</p>
        </section>
      ) : null}
      <Household kase={kase} reload={res.reload} />
      <Consents kase={kase} reload={res.reload} />
      <section aria-labelledby="referrals-title">
        <h2 id="referrals-title">{t('case.referrals')}</h2>
        {referrals.length ? (
          <ul class="card-list">
            {referrals.map((r) => (
              <li key={r.id} class="card">
                <a href={href(`/referrals/${r.id}`)}>{categoryName(r.category)} → {orgName(r.to_organization_id)}</a>
                <StateChip state={r.status} overdue={r.overdue} />
                <span class="muted">{fmtDateTime(r.created_at)}</span>
              </li>
            ))}
          </ul>
        ) : <p>{t('case.no_referrals')}</p>}
      </section>
      {!closed ? <TransferCase kase={kase} reload={res.reload} /> : null}
      {!closed ? <CloseCase kase={kase} reload={res.reload} /> : null}
    </div>
  );
}
