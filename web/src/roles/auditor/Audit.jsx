// Audit log: filters, cursor pagination, and verification of the hash chain.
import { useSignal } from '@preact/signals';
import { t, fmtDateTime, fmtNumber } from '../../i18n/index.js';
import { get, items, qs } from '../../api.js';
import { navigate } from '../../router.js';
import { orgName } from '../../directory.js';
import { PageHeading, useAsync, Loading, ErrorBox } from '../../components/ui.jsx';

const FILTERS = ['actor', 'organization', 'entity', 'action', 'from', 'to'];

export function Audit({ query }) {
  const filters = Object.fromEntries(FILTERS.map((k) => [k, query[k] || '']));
  const cursor = query.cursor || '';
  const form = useSignal(filters);
  const trail = useSignal([]);
  const res = useAsync(() => get(`/api/v1/audit${qs({ ...filters, cursor, limit: 50 })}`), [JSON.stringify(filters), cursor]);
  const verify = useSignal(null);
  const verifyError = useSignal(null);
  const busy = useSignal(false);
  const apply = (e) => { e.preventDefault(); trail.value = []; navigate('/audit', form.value, { replace: true }); };
  const next = () => { trail.value = [...trail.value, cursor]; navigate('/audit', { ...filters, cursor: res.data.next_cursor }, { replace: true }); };
  const prev = () => { const tr = [...trail.value]; const c = tr.pop(); trail.value = tr; navigate('/audit', { ...filters, cursor: c }, { replace: true }); };
  const doVerify = async () => {
    busy.value = true; verifyError.value = null;
    try { verify.value = await get('/api/v1/audit/verify'); } catch (e) { verifyError.value = e; } finally { busy.value = false; }
  };
  const rows = items(res.data);
  const v = verify.value;
  return (
    <div>
      <PageHeading>{t('audit.title')}</PageHeading>
      <section aria-labelledby="verify-title" class="panel">
        <h2 id="verify-title">{t('audit.verify_title')}</h2>
        <p class="hint">{t('audit.verify_hint')}</p>
        <button type="button" class="button" onClick={doVerify} disabled={busy.value}>{t('audit.verify')}</button>
        <div role="status" aria-live="polite">
          {v ? (v.ok ? <div class="notice notice-success"><p><strong>{t('audit.ok')}</strong> {t('audit.ok_detail', { events: fmtNumber(v.events) })}</p><p class="mono">{t('audit.head', { head: v.head })}</p></div>
            : <div class="notice notice-error"><p><strong>{t('audit.broken')}</strong> {t('audit.broken_detail', { id: v.broken_at })}</p>{v.problem ? <p>{v.problem}</p> : null}</div>) : null}
        </div>
        <ErrorBox error={verifyError.value} />
      </section>
      <form class="filters" onSubmit={apply} aria-label={t('audit.filters')}>
        {FILTERS.map((k) => (
          <div class="field" key={k}>
            <label for={`a-${k}`}>{t(`audit.f_${k}`)}</label>
            <input id={`a-${k}`} type={k === 'from' || k === 'to' ? 'date' : 'text'} value={form.value[k]} onInput={(e) => { form.value = { ...form.value, [k]: e.currentTarget.value }; }} />
          </div>
        ))}
        <div class="actions"><button type="submit" class="button">{t('gaps.apply')}</button></div>
      </form>
      {res.loading && !res.data ? <Loading /> : null}
      <ErrorBox error={res.error} />
      {res.data ? (rows.length ? (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t('audit.title')}>
          <table class="table">
            <thead><tr><th scope="col">{t('common.when')}</th><th scope="col">{t('audit.actor')}</th><th scope="col">{t('audit.organization')}</th><th scope="col">{t('audit.action')}</th><th scope="col">{t('audit.entity')}</th><th scope="col">{t('audit.outcome')}</th><th scope="col">{t('audit.from_where')}</th></tr></thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.seq}>
                  <td>{fmtDateTime(a.at)}</td>
                  <td>{a.actor}{a.role ? <span class="muted"> ({a.role})</span> : null}</td>
                  <td>{a.organization ? orgName(a.organization) : ''}</td>
                  <td><code>{a.action}</code></td>
                  <td>{[a.entity_type, a.entity_id].filter(Boolean).join(' ')}</td>
                  <td>{a.outcome}</td>
                  <td class="mono">{[a.address, a.request_id].filter(Boolean).join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : <p>{t('audit.none')}</p>) : null}
      <div class="actions pager">
        {trail.value.length ? <button type="button" class="button button-secondary" onClick={prev}>{t('common.previous')}</button> : null}
        {res.data && res.data.next_cursor ? <button type="button" class="button button-secondary" onClick={next}>{t('common.next')}</button> : null}
      </div>
    </div>
  );
}
