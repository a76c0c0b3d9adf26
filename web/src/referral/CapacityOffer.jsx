// After accepting a referral to a service with places counted: offer to take one place off, to
// those who may edit the listing (its organisation's org_admin, as the server's
// may_manage_services_of), so the next caseworker sees the service fill up.
import { useSignal } from '@preact/signals';
import { t } from '../i18n/index.js';
import { get, patch } from '../api.js';
import { me } from '../session.js';
import { useAsync, ErrorBox } from '../components/ui.jsx';
import { placesFree } from '../components/service_facts.jsx';

const enc = encodeURIComponent;

/** Whether `user` may change the listing of a service owned by `organizationId`. */
export function mayEditService(user, organizationId) {
  return !!user && !!organizationId && user.organization_id === organizationId && (user.roles || []).includes('org_admin');
}

export function CapacityOffer({ serviceId }) {
  const res = useAsync(() => get(`/api/v1/services/${enc(serviceId)}`), [serviceId]);
  const done = useSignal('');
  const error = useSignal(null);
  const busy = useSignal(false);
  const s = res.data;
  if (done.value) return <div class="notice notice-success" role="status"><p>{done.value}</p></div>;
  if (!s || !mayEditService(me.value, s.organization_id)) return null;
  const n = placesFree(s);
  if (n === null || n < 1) return null;
  const lower = async () => {
    busy.value = true;
    try {
      const saved = await patch(`/api/v1/services/${enc(s.id)}`, { capacity_available: n - 1 }, { ifMatch: s.version });
      done.value = t('capacity.lowered', { name: s.name, count: saved.capacity_available });
    } catch (e) { error.value = e; if (e.status === 412) res.reload(); } finally { busy.value = false; }
  };
  return (
    <div class="notice" role="status">
      <p>{t('capacity.offer', { name: s.name, count: n })}</p>
      <ErrorBox error={error.value} />
      <button type="button" class="button button-small" disabled={busy.value} onClick={lower}>{t('capacity.lower', { count: n - 1 })}</button>
      {' '}<button type="button" class="button button-small button-secondary" onClick={() => { done.value = t('capacity.kept'); }}>{t('capacity.keep')}</button>
    </div>
  );
}
