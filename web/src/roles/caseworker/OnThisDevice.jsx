// What this caseworker recorded on the device: each item's state in words, what needs their
// attention (a refusal or a possible duplicate, never overwritten) and what will be erased soon.
import { t, fmtDate, fmtDateTime } from '../../i18n/index.js';
import { href } from '../../router.js';
import { PageHeading } from '../../components/ui.jsx';
import { deviceCount } from '../../offline/device_count.js';
import { deviceItems, details, waiting, expiring, erased, online, available, sync, resolve, clearSent } from '../../offline/outbox.js';

const iso = (ms) => new Date(ms).toISOString();

function Attention({ item, d }) {
  const dups = (d && d.duplicates) || [];
  const p = d && d.problem;
  return (
    <div class="item-attention">
      {dups.length ? (
        <>
          <p>{t('device.duplicate')}</p>
          <ul>{dups.map((w) => <li key={w.case_id}><a href={href(`/cases/${w.case_id}`)}>{t('case.open_existing', { id: w.case_id })}</a></li>)}</ul>
          {item.server_id ? <p><a href={href(`/cases/${item.server_id}`)}>{t('case.open_new')}</a></p> : null}
          <button type="button" class="button button-small" onClick={() => resolve(item.id, 'keep')}>{t('device.not_duplicate')}</button>
        </>
      ) : (
        <>
          <p>{t('device.refused', { status: p ? p.status : '' })}{p && (p.detail || p.title) ? `: ${p.detail || p.title}` : ''}</p>
          {p && p.errors && p.errors.length ? <ul>{p.errors.map((e, i) => <li key={i}>{e.field ? `${e.field}: ` : ''}{e.message}</li>)}</ul> : null}
          <button type="button" class="button button-small" onClick={() => resolve(item.id, 'retry')}>{t('device.retry')}</button>
        </>
      )}
      <button type="button" class="button button-secondary button-small" onClick={() => resolve(item.id, 'discard')}>{t('device.discard')}</button>
    </div>
  );
}

export function OnThisDevice() {
  const list = deviceItems.value;
  const d = details.value;
  const soon = new Map(expiring.value.map((w) => [w.item.id, w.erase_at]));
  return (
    <div>
      <PageHeading>{t('device.title')}</PageHeading>
      {!available ? <div class="notice notice-error" role="alert"><p>{t('device.unavailable')}</p></div> : null}
      <p class="lead">{t('device.lead')}</p>
      {erased.value ? <div class="notice notice-error" role="alert"><p>{t('device.erased', { count: erased.value })}</p></div> : null}
      {expiring.value.length ? <div class="notice notice-warning" role="alert"><p>{t('device.expiring', { count: expiring.value.length })}</p></div> : null}
      <p>{deviceCount(waiting.value)}</p>
      {list.length ? (
        <ol class="device-items">
          {list.map((item) => {
            const info = d.get(item.id);
            return (
              <li key={item.id} class={`device-item state-${item.state}`}>
                <span class="item-kind">{t(`device.kind_${item.kind}`)}</span>
                {info && info.label ? <span class="item-label">{info.label}</span> : null}
                <strong class="item-state">{t(`device.state_${item.state}`)}</strong>
                <span class="item-when">{t('device.recorded_at', { when: fmtDateTime(iso(item.created_at)) })}</span>
                {item.state === 'sent' && item.kind === 'case' && item.server_id ? <a href={href(`/cases/${item.server_id}`)}>{t('device.open_case')}</a> : null}
                {item.after && item.state === 'kept' ? <span class="hint">{t('device.waits_for_case')}</span> : null}
                {soon.has(item.id) ? <span class="item-expiry">{t('device.erased_on', { date: fmtDate(iso(soon.get(item.id))) })}</span> : null}
                {item.state === 'attention' ? <Attention item={item} d={info} /> : null}
              </li>
            );
          })}
        </ol>
      ) : null}
      <div class="actions">
        <button type="button" class="button" disabled={!online.value || !waiting.value} onClick={() => sync()}>{t('device.send_now')}</button>
        {list.some((i) => i.state === 'sent') ? <button type="button" class="button button-secondary" onClick={() => clearSent()}>{t('device.clear_sent')}</button> : null}
      </div>
    </div>
  );
}
