// Referrals sent by my organisation: state chips, overdue first, filters; refreshed by live events.
import { t, fmtDateTime } from '../../i18n/index.js';
import { href, navigate } from '../../router.js';
import { liveTick } from '../../live.js';
import { categoryName, orgName } from '../../directory.js';
import { PageHeading, Loading, ErrorBox, StateChip, DueCell, label, STATES } from '../../components/ui.jsx';
import { useCursorList, MoreButton } from '../../components/paged.jsx';
import { sortOutbox, dueOf, outcomeDue } from './model.js';

export function Outbox({ query }) {
  const status = query.status || '';
  const overdue = query.overdue === 'true';
  const tick = liveTick.value;
  const res = useCursorList('/api/v1/referrals', { box: 'outbox', status, overdue: overdue ? 'true' : '' }, [status, overdue], { refresh: tick });
  const rows = sortOutbox(res.data || []);
  const go = (q) => navigate('/outbox', { status, overdue: overdue ? 'true' : '', ...q }, { replace: true });
  return (
    <div>
      <PageHeading>{t('outbox.title')}</PageHeading>
      <div class="toolbar">
        <div class="field">
          <label for="outbox-status">{t('common.status')}</label>
          <select id="outbox-status" value={status} onChange={(e) => go({ status: e.currentTarget.value })}>
            <option value="">{t('common.all')}</option>
            {STATES.map((s) => <option key={s} value={s}>{t(`state.${s}`)}</option>)}
          </select>
        </div>
        <div class="choice">
          <input type="checkbox" id="outbox-overdue" checked={overdue} onChange={(e) => go({ overdue: e.currentTarget.checked ? 'true' : '' })} />
          <label for="outbox-overdue">{t('outbox.only_overdue')}</label>
        </div>
      </div>
      {res.loading && !res.data ? <Loading /> : null}
      <ErrorBox error={res.error} />
      {res.data ? (rows.length ? (
        <table class="table">
          <caption class="visually-hidden">{t('outbox.title')}</caption>
          <thead><tr><th scope="col">{t('referral.referral')}</th><th scope="col">{t('referral.to')}</th><th scope="col">{t('need.urgency')}</th><th scope="col">{t('common.status')}</th><th scope="col">{t('referral.respond_by')}</th><th scope="col">{t('common.updated')}</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} class={r.overdue ? 'row-overdue' : undefined}>
                <th scope="row"><a href={href(`/referrals/${r.id}`)}>{categoryName(r.category)}</a></th>
                <td>{orgName(r.to_organization_id)}</td>
                <td>{label('urgency', r.urgency)}</td>
                <td><StateChip state={r.status} overdue={r.overdue} reason={r.reason_code} /></td>
                <DueCell due={dueOf(r)} outcome={outcomeDue(r)} />
                <td>{fmtDateTime(r.updated_at || r.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p>{t('outbox.none')}</p>) : null}
      <MoreButton list={res} />
    </div>
  );
}
