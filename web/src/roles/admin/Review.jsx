// The organisation admin's review of emergency referrals sent without consent (legal basis
// "vital interest"): each one's justification, what was shared with whom, and "Mark reviewed".
import { useSignal } from '@preact/signals';
import { t, fmtDateTime } from '../../i18n/index.js';
import { post } from '../../api.js';
import { categoryName, orgName } from '../../directory.js';
import { PageHeading, Loading, ErrorBox, StateChip, label } from '../../components/ui.jsx';
import { useCursorList, MoreButton } from '../../components/paged.jsx';

export function Review() {
  const list = useCursorList('/api/v1/referrals', { box: 'review' }, []);
  const error = useSignal(null);
  const done = useSignal('');
  const busy = useSignal('');
  const markReviewed = (r) => async () => {
    busy.value = r.id; error.value = null;
    try {
      await post(`/api/v1/referrals/${encodeURIComponent(r.id)}/review`, {});
      done.value = t('review.done', { category: categoryName(r.category), to: orgName(r.to_organization_id) });
      list.reload();
    } catch (e) { error.value = e; } finally { busy.value = ''; }
  };
  const rows = list.items;
  return (
    <div>
      <PageHeading>{t('review.title')}</PageHeading>
      <p class="hint">{t('review.hint')}</p>
      <div role="status" aria-live="polite">{done.value ? <div class="notice notice-success"><p>{done.value}</p></div> : null}</div>
      <ErrorBox error={error.value} />
      {list.loading && !list.data ? <Loading /> : null}
      <ErrorBox error={list.error} />
      {list.data ? (rows.length ? (
        <ul class="card-list">
          {rows.map((r) => (
            <li key={r.id} class="card service">
              <h2>{t('review.item', { category: categoryName(r.category), to: orgName(r.to_organization_id) })}</h2>
              <dl class="details">
                <div><dt>{t('review.sent')}</dt><dd>{fmtDateTime(r.requested_at || r.created_at)}</dd></div>
                <div><dt>{t('need.urgency')}</dt><dd>{label('urgency', r.urgency)}</dd></div>
                <div><dt>{t('common.status')}</dt><dd><StateChip state={r.status} overdue={r.overdue} /></dd></div>
                <div><dt>{t('review.justification')}</dt><dd>{r.justification || '–'}</dd></div>
                <div><dt>{t('refer.reason')}</dt><dd>{r.reason}</dd></div>
                <div><dt>{t('refer.shared_fields')}</dt><dd>{(r.shared_fields || []).map((f) => t(`shared.${f}`)).join(', ') || '–'}</dd></div>
              </dl>
              <button type="button" class="button" onClick={markReviewed(r)} disabled={busy.value === r.id}>
                {t('review.mark')}<span class="visually-hidden"> {t('review.item', { category: categoryName(r.category), to: orgName(r.to_organization_id) })}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : <p>{t('review.none')}</p>) : null}
      <MoreButton list={list} />
    </div>
  );
}
