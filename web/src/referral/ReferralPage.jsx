// One referral, for either side: state, timeline, messages; receiver actions on the snapshot only;
// sender: cancel, send a draft, alternatives after a rejection or failure, the printable slip.
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { t, fmtDateTime, fmtDate } from '../i18n/index.js';
import { get, post, items } from '../api.js';
import { href, navigate } from '../router.js';
import { mapErrors } from '../errors.js';
import { me } from '../session.js';
import { liveTick } from '../live.js';
import { categoryName, orgName } from '../directory.js';
import { referAgainBody } from '../roles/caseworker/model.js';
import { countryName, languageNames } from '../names.js';
import { CapacityOffer } from './CapacityOffer.jsx';
import { PageHeading, useAsync, Loading, ErrorBox, ErrorSummary, Select, TextArea, Radios, StateChip, label, options,
  REJECT_REASONS, OUTCOMES } from '../components/ui.jsx';

const enc = encodeURIComponent;
const TERMINAL = ['rejected', 'cancelled', 'completed', 'failed'];

function transition(r, body) {
  return post(`/api/v1/referrals/${enc(r.id)}/transitions`, body, { ifMatch: r.version });
}

function SharedSnapshot({ shared }) {
  // `fields` lists what was chosen; the values follow it.
  const entries = Object.entries(shared || {}).filter(([k]) => k !== 'fields');
  if (!entries.length) return <p>{t('referral.nothing_shared')}</p>;
  const show = (k, v) => {
    if (k === 'needs') return <ul class="plain">{(v || []).map((n, i) => <li key={i}>{typeof n === 'string' ? n : `${categoryName(n.category)} (${label('urgency', n.urgency)})${n.note ? `: ${n.note}` : ''}`}</li>)}</ul>;
    if (k === 'specific_needs') return (v || []).map((s) => label('specific', s)).join(', ');
    if (k === 'sex') return label('sex', v);
    if (k === 'birth_date') return fmtDate(v);
    if (k === 'estimated_age') return t('person.age_about', { age: v });
    if (k === 'languages') return languageNames(v);
    if (k === 'nationality') return countryName(v);
    if (Array.isArray(v)) return v.join(', ');
    return v === null || v === undefined ? '' : String(v);
  };
  return <dl class="details">{entries.map(([k, v]) => <div key={k}><dt>{label('shared', k)}</dt><dd>{show(k, v)}</dd></div>)}</dl>;
}

function Timeline({ r }) {
  const events = r.history || [];
  const list = events.length ? events : [{ to: r.status, at: r.updated_at || r.created_at }];
  return (
    <ol class="timeline">
      {list.map((e, i) => {
        const to = e.to;
        return (
          <li key={i}>
            <StateChip state={to} />
            <time dateTime={e.at}>{fmtDateTime(e.at)}</time>
            {e.by_organization_id ? <span class="muted"> · {orgName(e.by_organization_id)}</span> : null}
            {e.reason_code ? <span> · {label('reason', e.reason_code)}</span> : null}
            {e.outcome_code ? <span> · {label('outcome', e.outcome_code)}</span> : null}
            {e.reason || e.outcome ? <p class="timeline-note">{e.reason || e.outcome}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}

function Messages({ id }) {
  const tick = liveTick.value;
  const res = useAsync(() => get(`/api/v1/referrals/${enc(id)}/messages`).then(items), [id, tick]);
  const body = useSignal('');
  const problem = useSignal(null);
  const submit = async (e) => {
    e.preventDefault();
    try { await post(`/api/v1/referrals/${enc(id)}/messages`, { body: body.value }); body.value = ''; problem.value = null; res.reload(); } catch (err) { problem.value = err; }
  };
  const errs = problem.value ? mapErrors(problem.value, ['body']) : { summary: [], byField: {} };
  const mine = me.value && me.value.organization_id;
  return (
    <section aria-labelledby="messages-title">
      <h2 id="messages-title">{t('messages.title')}</h2>
      <ErrorBox error={res.error} />
      {(res.data || []).length ? (
        <ol class="messages" aria-live="polite">
          {res.data.map((m) => (
            <li key={m.id} class={m.organization_id === mine ? 'message mine' : 'message'}>
              <p class="message-meta"><strong>{orgName(m.author_organization_id)}</strong> · <time dateTime={m.created_at}>{fmtDateTime(m.created_at)}</time></p>
              <p class="message-body">{m.body}</p>
            </li>
          ))}
        </ol>
      ) : <p>{t('messages.none')}</p>}
      <form onSubmit={submit} novalidate class="form">
        <ErrorSummary summary={errs.summary} labels={{ body: t('messages.new') }} />
        <TextArea field="body" id="message-body" label={t('messages.new')} value={body.value} onValue={(v) => { body.value = v; }} error={errs.byField.body} rows={3} />
        <button type="submit" class="button">{t('messages.send')}</button>
      </form>
    </section>
  );
}

/** Receiver actions allowed from each state (the server enforces the lifecycle; this only offers them). */
function ReceiverActions({ r, reload }) {
  const mode = useSignal('');
  const reasonCode = useSignal('');
  const note = useSignal('');
  const end = useSignal('completed');
  const outcome = useSignal('');
  const problem = useSignal(null);
  const busy = useSignal(false);
  const accepted = useSignal(false);
  const run = async (body) => {
    busy.value = true;
    try { await transition(r, body); problem.value = null; mode.value = ''; note.value = ''; accepted.value = body.to === 'accepted'; reload(); } catch (e) { problem.value = e; if (e.status === 412 || e.status === 409) reload(); } finally { busy.value = false; }
  };
  const s = r.status;
  if (TERMINAL.includes(s)) return null;
  const offer = accepted.value && r.service_id ? <CapacityOffer serviceId={r.service_id} /> : null;
  const errs = problem.value ? mapErrors(problem.value, ['reason_code', 'reason', 'outcome_code', 'outcome']) : { summary: [], byField: {} };
  const labels = { reason_code: t('referral.reason_code'), reason: t('referral.note'), outcome_code: t('referral.outcome_code'), outcome: t('referral.note') };
  const canDecide = s === 'requested' || s === 'received';
  const canFinish = ['accepted', 'in-progress', 'on-hold'].includes(s);
  return (
    <section aria-labelledby="actions-title" class="panel">
      <h2 id="actions-title">{t('referral.actions')}</h2>
      {offer}
      <ErrorSummary summary={errs.summary} labels={labels} />
      <div class="actions">
        {canDecide ? <button type="button" class="button" disabled={busy.value} onClick={() => run({ to: 'accepted' })}>{t('action.accept')}</button> : null}
        {canDecide ? <button type="button" class="button button-warning" aria-expanded={mode.value === 'reject'} onClick={() => { mode.value = 'reject'; }}>{t('action.reject')}</button> : null}
        {s === 'accepted' || s === 'on-hold' ? <button type="button" class="button" disabled={busy.value} onClick={() => run({ to: 'in-progress' })}>{s === 'on-hold' ? t('action.resume') : t('action.start')}</button> : null}
        {s === 'in-progress' ? <button type="button" class="button button-secondary" disabled={busy.value} onClick={() => run({ to: 'on-hold' })}>{t('action.hold')}</button> : null}
        {canFinish ? <button type="button" class="button button-secondary" aria-expanded={mode.value === 'finish'} onClick={() => { mode.value = 'finish'; }}>{t('action.finish')}</button> : null}
      </div>
      {mode.value === 'reject' ? (
        <form class="form subform" novalidate onSubmit={(e) => { e.preventDefault(); run({ to: 'rejected', reason_code: reasonCode.value, ...(note.value ? { reason: note.value } : {}) }); }}>
          <Select field="reason_code" label={t('referral.reason_code')} value={reasonCode.value} onValue={(v) => { reasonCode.value = v; }} options={options('reason', REJECT_REASONS)} empty={t('common.choose')} error={errs.byField.reason_code} />
          <TextArea field="reason" label={t('referral.note')} hint={t('referral.note_hint')} value={note.value} onValue={(v) => { note.value = v; }} error={errs.byField.reason} rows={2} />
          <button type="submit" class="button button-warning" disabled={busy.value}>{t('action.confirm_reject')}</button>
        </form>
      ) : null}
      {mode.value === 'finish' ? (
        <form class="form subform" novalidate onSubmit={(e) => { e.preventDefault(); run({ to: end.value, outcome_code: outcome.value, ...(note.value ? (end.value === 'failed' ? { reason: note.value, outcome: note.value } : { outcome: note.value }) : {}) }); }}>
          <Radios field="to" legend={t('referral.result')} options={[['completed', t('state.completed')], ['failed', t('state.failed')]]} value={end.value} onValue={(v) => { end.value = v; }} inline />
          <Select field="outcome_code" label={t('referral.outcome_code')} value={outcome.value} onValue={(v) => { outcome.value = v; }} options={options('outcome', OUTCOMES)} empty={t('common.choose')} error={errs.byField.outcome_code} />
          <TextArea field="outcome" label={t('referral.note')} value={note.value} onValue={(v) => { note.value = v; }} error={errs.byField.outcome || errs.byField.reason} rows={2} />
          <button type="submit" class="button" disabled={busy.value}>{t('action.confirm_finish')}</button>
        </form>
      ) : null}
    </section>
  );
}

function Alternatives({ r }) {
  const res = useAsync(() => get(`/api/v1/referrals/${enc(r.id)}/alternatives`).then(items), [r.id]);
  const problem = useSignal(null);
  const rerefer = (s) => async () => {
    try {
      const n = await post('/api/v1/referrals', referAgainBody(r, s));
      navigate(`/referrals/${n.id}`, { sent: 1 });
    } catch (e) { problem.value = e; }
  };
  return (
    <section aria-labelledby="alt-title" class="panel">
      <h2 id="alt-title">{t('referral.alternatives')}</h2>
      <p class="hint">{t('referral.alternatives_hint')}</p>
      <ErrorBox error={res.error || problem.value} />
      {res.loading ? <Loading /> : (res.data || []).length ? (
        <ul class="card-list">
          {res.data.map((s) => (
            <li key={s.service_id} class="card">
              <strong>{s.name}</strong> · {orgName(s.organization_id)}
              <span class="muted"> · {s.expected_wait_days ? t('service.wait_days', { days: s.expected_wait_days }) : t('service.no_wait')} · {languageNames(s.languages)}</span>
              <button type="button" class="button button-small" onClick={rerefer(s)}>{t('referral.refer_here')}<span class="visually-hidden"> {s.name}</span></button>
            </li>
          ))}
        </ul>
      ) : <p>{t('referral.no_alternatives')}</p>}
    </section>
  );
}

function SenderActions({ r, reload }) {
  const reason = useSignal('');
  const open = useSignal(false);
  const problem = useSignal(null);
  const run = async (body) => {
    try { await transition(r, body); problem.value = null; open.value = false; reload(); } catch (e) { problem.value = e; if (e.status === 412) reload(); }
  };
  const canCancel = ['draft', 'requested', 'received', 'accepted'].includes(r.status);
  const errs = problem.value ? mapErrors(problem.value, ['reason']) : { summary: [], byField: {} };
  return (
    <section aria-labelledby="sender-title" class="panel no-print">
      <h2 id="sender-title" class="visually-hidden">{t('referral.actions')}</h2>
      <ErrorSummary summary={errs.summary} labels={{ reason: t('referral.cancel_reason') }} />
      <div class="actions">
        {r.status === 'draft' ? <button type="button" class="button" onClick={() => run({ to: 'requested' })}>{t('action.send_draft')}</button> : null}
        <a class="button button-secondary" href={href(`/referrals/${r.id}/slip`)}>{t('slip.print_link')}</a>
        {r.case_id ? <a class="button button-secondary" href={href(`/cases/${r.case_id}`)}>{t('referral.open_case')}</a> : null}
        {canCancel ? <button type="button" class="button button-warning" aria-expanded={open.value} onClick={() => { open.value = !open.value; }}>{t('action.cancel')}</button> : null}
      </div>
      {open.value ? (
        <form class="form subform" novalidate onSubmit={(e) => { e.preventDefault(); run({ to: 'cancelled', reason: reason.value }); }}>
          <TextArea field="reason" label={t('referral.cancel_reason')} value={reason.value} onValue={(v) => { reason.value = v; }} error={errs.byField.reason} rows={2} />
          <button type="submit" class="button button-warning">{t('action.confirm_cancel')}</button>
        </form>
      ) : null}
    </section>
  );
}

export function ReferralPage({ params, query }) {
  const id = params.id;
  const tick = liveTick.value;
  const res = useAsync(() => get(`/api/v1/referrals/${enc(id)}`), [id, tick]);
  const marking = useRef(false);
  const r = res.data;
  const myOrg = me.value && me.value.organization_id;
  const receiver = r && (r.to_organization_id ? r.to_organization_id === myOrg : !r.case_id);

  // Opening a new referral marks it received (FHIR Task: requested -> received).
  useEffect(() => {
    if (!r || !receiver || r.status !== 'requested' || marking.current) return;
    marking.current = true;
    transition(r, { to: 'received' }).then(() => res.reload()).catch(() => res.reload()).finally(() => { marking.current = false; });
  }, [r && r.id, r && r.status, receiver]);

  if (res.loading && !r) return <Loading />;
  if (res.error && !r) return <ErrorBox error={res.error} />;
  const back = receiver ? ['/inbox', t('nav.inbox')] : ['/outbox', t('nav.outbox')];
  return (
    <div>
      <p class="breadcrumbs no-print"><a href={href(back[0])}>{back[1]}</a></p>
      <PageHeading>{t('referral.title', { category: categoryName(r.category) })}</PageHeading>
      {query.sent ? <div class="notice notice-success" role="status"><p>{r.status === 'draft' ? t('referral.saved_draft') : t('referral.sent_notice')}</p></div> : null}
      <div class="summary-line">
        <StateChip state={r.status} overdue={r.overdue} />
        <span>{receiver ? t('referral.from_org', { org: orgName(r.from_organization_id) }) : t('referral.to_org', { org: orgName(r.to_organization_id) })}</span>
        <span>{t('referral.urgency_line', { urgency: label('urgency', r.urgency) })}</span>
        {r.respond_by ? <span>{t('referral.respond_by_line', { date: fmtDateTime(r.respond_by) })}</span> : null}
        {r.outcome_by ? <span>{t('referral.outcome_by_line', { date: fmtDateTime(r.outcome_by) })}</span> : null}
      </div>
      {r.legal_basis === 'vital_interest' ? <div class="notice notice-warning"><p>{t('refer.basis_vital_short')}{r.justification ? `: ${r.justification}` : ''}</p></div> : null}
      <div class="two-col">
        <div>
          {r.reason ? <section aria-labelledby="reason-title"><h2 id="reason-title">{t('refer.reason')}</h2><p>{r.reason}</p></section> : null}
          {receiver || r.shared ? (
            <section aria-labelledby="shared-title">
              <h2 id="shared-title">{receiver ? t('referral.shared_with_you') : t('referral.shared_by_you')}</h2>
              <SharedSnapshot shared={r.shared} />
            </section>
          ) : (
            <section aria-labelledby="shared-title">
              <h2 id="shared-title">{t('referral.shared_by_you')}</h2>
              <p>{(r.shared_fields || []).map((f) => label('shared', f)).join(', ')}</p>
            </section>
          )}
          {receiver ? <ReceiverActions r={r} reload={res.reload} /> : <SenderActions r={r} reload={res.reload} />}
          {!receiver && (r.status === 'rejected' || r.status === 'failed') ? <Alternatives r={r} /> : null}
          <Messages id={r.id} />
        </div>
        <aside aria-labelledby="timeline-title">
          <h2 id="timeline-title">{t('referral.timeline')}</h2>
          <Timeline r={r} />
        </aside>
      </div>
    </div>
  );
}
