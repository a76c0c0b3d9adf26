// Stale listings (PRODUCT.md: a listing not verified for 6 months is flagged): an org admin's own
// organisation's, a coordinator's whole network's, each verifiable from the list once someone has
// checked it is still right (POST /services/{id}/verify).
import { useSignal } from '@preact/signals';
import { t, fmtDate } from '../../i18n/index.js';
import { post } from '../../api.js';
import { me, hasRole } from '../../session.js';
import { categoryName, orgName } from '../../directory.js';
import { PageHeading, Loading, ErrorBox } from '../../components/ui.jsx';
import { useCursorList, MoreButton } from '../../components/paged.jsx';

/** Marks a listing verified now; the server says who may (the owner's org admin, a coordinator). */
export const verifyService = (s) => post(`/api/v1/services/${encodeURIComponent(s.id)}/verify`, {});

export function StaleListings() {
  // A coordinator reviews the network; an org admin only its own organisation's listings.
  const org = hasRole('coordinator') ? '' : (me.value && me.value.organization_id) || '';
  const list = useCursorList('/api/v1/services', { stale: 'true', organization: org }, [org]);
  const error = useSignal(null);
  const done = useSignal('');
  const verify = (s) => async () => {
    try { await verifyService(s); error.value = null; done.value = t('stale.verified', { name: s.name }); list.reload(); } catch (e) { error.value = e; }
  };
  return (
    <div>
      <PageHeading>{t('stale.title')}</PageHeading>
      <p class="lead">{t('stale.lead')}</p>
      <div role="status" aria-live="polite">{done.value ? <p class="notice notice-success">{done.value}</p> : null}</div>
      <ErrorBox error={error.value || list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (list.data.length ? (
        <table class="table">
          <thead><tr><th scope="col">{t('services.name')}</th><th scope="col">{t('org.name')}</th><th scope="col">{t('need.category')}</th><th scope="col">{t('service.last_verified')}</th><th scope="col"><span class="visually-hidden">{t('common.actions')}</span></th></tr></thead>
          <tbody>
            {list.data.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.name}</th>
                <td>{orgName(s.organization_id)}</td>
                <td>{categoryName(s.category)}</td>
                <td>{s.last_verified_at ? fmtDate(s.last_verified_at) : t('stale.never')}</td>
                <td class="actions"><button type="button" class="button button-small button-secondary" onClick={verify(s)}>{t('services.verify_now')}<span class="visually-hidden"> {s.name}</span></button></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p>{t('stale.none')}</p>) : null}
      <MoreButton list={list} />
    </div>
  );
}
