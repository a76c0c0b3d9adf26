// My organisation's service listings: status, capacity, accepting, last verified (stale after 6 months).
import { useSignal } from '@preact/signals';
import { t, fmtDate, fmtNumber } from '../../i18n/index.js';
import { patch } from '../../api.js';
import { href } from '../../router.js';
import { me } from '../../session.js';
import { categoryName } from '../../directory.js';
import { PageHeading, Loading, ErrorBox, label } from '../../components/ui.jsx';
import { useCursorList, MoreButton } from '../../components/paged.jsx';
import { verifyService } from '../shared/StaleListings.jsx';

const STALE_MS = 183 * 24 * 3600 * 1000;

export function Services() {
  const org = me.value && me.value.organization_id;
  const res = useCursorList('/api/v1/services', { organization: org }, [org]);
  const error = useSignal(null);
  const run = (action) => async () => {
    try { await action(); error.value = null; res.reload(); } catch (e) { error.value = e; if (e.status === 412) res.reload(); }
  };
  const quick = (s, body) => run(() => patch(`/api/v1/services/${encodeURIComponent(s.id)}`, body, { ifMatch: s.version }));
  return (
    <div>
      <PageHeading>{t('services.title')}</PageHeading>
      <p><a class="button" href={href('/admin/services/new')}>{t('services.new')}</a></p>
      <ErrorBox error={error.value} />
      {res.loading && !res.data ? <Loading /> : null}
      <ErrorBox error={res.error} />
      {res.data ? (res.data.length ? (
        <table class="table">
          <thead><tr><th scope="col">{t('services.name')}</th><th scope="col">{t('need.category')}</th><th scope="col">{t('common.status')}</th><th scope="col">{t('service.accepting')}</th><th scope="col">{t('service.capacity')}</th><th scope="col">{t('service.last_verified')}</th><th scope="col"><span class="visually-hidden">{t('common.actions')}</span></th></tr></thead>
          <tbody>
            {res.data.map((s) => {
              const stale = !s.last_verified_at || Date.now() - new Date(s.last_verified_at).getTime() > STALE_MS;
              return (
                <tr key={s.id}>
                  <th scope="row"><a href={href(`/admin/services/${s.id}`)}>{s.name}</a></th>
                  <td>{categoryName(s.category)}</td>
                  <td>{label('service_status', s.status)}</td>
                  <td>{s.accepting ? t('common.yes') : t('common.no')}</td>
                  <td>{s.capacity_available !== undefined && s.capacity_available !== null ? fmtNumber(s.capacity_available) : '–'}</td>
                  <td>{s.last_verified_at ? fmtDate(s.last_verified_at) : '–'}{stale ? <strong class="warn-text"> · {t('service.stale')}</strong> : null}</td>
                  <td class="actions">
                    <button type="button" class="button button-small button-secondary" onClick={quick(s, { accepting: !s.accepting })}>{s.accepting ? t('services.stop_accepting') : t('services.start_accepting')}<span class="visually-hidden"> {s.name}</span></button>
                    <button type="button" class="button button-small button-secondary" onClick={run(() => verifyService(s))}>{t('services.verify_now')}<span class="visually-hidden"> {s.name}</span></button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : <p>{t('services.none')}</p>) : null}
      <MoreButton list={res} />
    </div>
  );
}
