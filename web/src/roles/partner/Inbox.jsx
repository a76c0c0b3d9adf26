// Referrals addressed to my organisation, live over SSE; overdue and new first.
import { t, fmtDateTime } from '../../i18n/index.js';
import { href, navigate } from '../../router.js';
import { liveTick, connected } from '../../live.js';
import { categoryName, orgName } from '../../directory.js';
import { PageHeading, Loading, ErrorBox, StateChip, DueCell, label, STATES } from '../../components/ui.jsx';
import { useCursorList, MoreButton } from '../../components/paged.jsx';
import { dueOf, outcomeDue } from '../caseworker/model.js';

const ORDER = { requested: 0, received: 1, accepted: 2, 'in-progress': 3, 'on-hold': 4 };

export function sortInbox(list) {
  return [...list].sort((a, b) => (!!b.overdue - !!a.overdue)
    || ((ORDER[a.status] ?? 9) - (ORDER[b.status] ?? 9))
    || String(dueOf(a) || '9999').localeCompare(String(dueOf(b) || '9999')));
}

export function Inbox({ query }) {
  const status = query.status || '';
  const tick = liveTick.value;
  const res = useCursorList('/api/v1/referrals', { box: 'inbox', status }, [status], { refresh: tick });
  const rows = sortInbox(res.data || []);
  return (
    <div>
      <PageHeading>{t('inbox.title')}</PageHeading>
      <p class="muted live-status">{connected.value ? t('inbox.live_on') : t('inbox.live_off')}</p>
      <div class="toolbar">
        <div class="field">
          <label for="inbox-status">{t('common.status')}</label>
          <select id="inbox-status" value={status} onChange={(e) => navigate('/inbox', { status: e.currentTarget.value }, { replace: true })}>
            <option value="">{t('common.all')}</option>
            {STATES.filter((s) => s !== 'draft').map((s) => <option key={s} value={s}>{t(`state.${s}`)}</option>)}
          </select>
        </div>
      </div>
      {res.loading && !res.data ? <Loading /> : null}
      <ErrorBox error={res.error} />
      {res.data ? (rows.length ? (
        <table class="table" aria-describedby="inbox-count">
          <caption id="inbox-count" class="visually-hidden">{t('inbox.count', { count: rows.length })}</caption>
          <thead><tr><th scope="col">{t('referral.referral')}</th><th scope="col">{t('referral.from')}</th><th scope="col">{t('need.urgency')}</th><th scope="col">{t('common.status')}</th><th scope="col">{t('referral.respond_by')}</th><th scope="col">{t('common.received_at')}</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} class={r.status === 'requested' ? 'row-new' : r.overdue ? 'row-overdue' : undefined}>
                <th scope="row"><a href={href(`/referrals/${r.id}`)}>{categoryName(r.category)}{r.shared && (r.shared.given_name || r.shared.family_name) ? ` · ${[r.shared.given_name, r.shared.family_name].filter(Boolean).join(' ')}` : ''}</a>{r.status === 'requested' ? <span class="badge">{t('inbox.new')}</span> : null}</th>
                <td>{orgName(r.from_organization_id)}</td>
                <td>{label('urgency', r.urgency)}</td>
                <td><StateChip state={r.status} overdue={r.overdue} reason={r.reason_code} /></td>
                <DueCell due={dueOf(r)} outcome={outcomeDue(r)} />
                <td>{fmtDateTime(r.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p>{t('inbox.none')}</p>) : null}
      <MoreButton list={res} />
    </div>
  );
}
