// The organisation admin's webhooks: connect the organisation's own systems. Add one (the
// signing secret is shown once, with a copy button), list them with their status, delete,
// and read each one's last deliveries.
import { useSignal } from '@preact/signals';
import { t, fmtDateTime } from '../../i18n/index.js';
import { api, get, post } from '../../api.js';
import { me } from '../../session.js';
import { PageHeading, Loading, ErrorBox, Input, Checkboxes, useAsync } from '../../components/ui.jsx';

const EVENTS = ['referral.created', 'referral.updated', 'referral.message', 'referral.overdue'];

function Deliveries({ base, hook }) {
  const res = useAsync(() => get(`${base}/${encodeURIComponent(hook.id)}/deliveries`), [hook.id]);
  if (res.loading && !res.data) return <Loading />;
  if (res.error) return <ErrorBox error={res.error} />;
  const rows = res.data.items || [];
  if (!rows.length) return <p>{t('webhooks.no_deliveries')}</p>;
  return (
    <table class="table">
      <caption class="visually-hidden">{t('webhooks.deliveries_of', { url: hook.url })}</caption>
      <thead><tr>
        <th scope="col">{t('webhooks.event')}</th><th scope="col">{t('common.status')}</th>
        <th scope="col">{t('webhooks.attempts')}</th><th scope="col">{t('webhooks.answer')}</th>
        <th scope="col">{t('webhooks.last_attempt')}</th>
      </tr></thead>
      <tbody>
        {rows.map((d) => (
          <tr key={d.id}>
            <th scope="row">{t(`webhooks.event.${d.type}`)}</th>
            <td>{t(`webhooks.state.${d.state}`)}</td>
            <td>{d.attempts}</td>
            <td>{d.status_code ?? d.error ?? '–'}</td>
            <td>{d.last_attempt_at ? fmtDateTime(d.last_attempt_at) : '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Webhooks() {
  const org = me.value && me.value.organization_id;
  const base = `/api/v1/organizations/${encodeURIComponent(org || '')}/webhooks`;
  const list = useAsync(() => get(base), [org]);
  const url = useSignal('');
  const events = useSignal([...EVENTS]);
  const error = useSignal(null);
  const secret = useSignal('');
  const copied = useSignal(false);
  const open = useSignal('');
  const busy = useSignal(false);
  const fieldError = (name) => {
    const e = error.value;
    const f = e && e.fields && e.fields.find((x) => x.field === name || x.field.startsWith(`${name}[`));
    return f ? f.message : '';
  };
  const create = async (e) => {
    e.preventDefault();
    busy.value = true; error.value = null; secret.value = ''; copied.value = false;
    try {
      const made = await post(base, { url: url.value.trim(), events: events.value });
      secret.value = made.secret;
      url.value = '';
      list.reload();
    } catch (err) { error.value = err; } finally { busy.value = false; }
  };
  const remove = (hook) => async () => {
    if (!window.confirm(t('webhooks.delete_confirm', { url: hook.url }))) return;
    try { await api(`${base}/${encodeURIComponent(hook.id)}`, { method: 'DELETE' }); list.reload(); } catch (err) { error.value = err; }
  };
  const copy = async () => {
    try { await navigator.clipboard.writeText(secret.value); copied.value = true; } catch { copied.value = false; }
  };
  const hooks = (list.data && list.data.items) || [];
  return (
    <div>
      <PageHeading>{t('webhooks.title')}</PageHeading>
      <p class="hint">{t('webhooks.hint')}</p>
      <div role="status" aria-live="polite">
        {secret.value ? (
          <div class="notice notice-success">
            <p>{t('webhooks.secret_once')}</p>
            <p><code data-testid="webhook-secret">{secret.value}</code>{' '}
              <button type="button" class="button button-small button-secondary" onClick={copy}>{copied.value ? t('webhooks.copied') : t('webhooks.copy')}</button></p>
          </div>
        ) : null}
      </div>
      <ErrorBox error={error.value} />
      <form onSubmit={create} noValidate>
        <h2>{t('webhooks.new')}</h2>
        <Input field="url" label={t('webhooks.url')} hint={t('webhooks.url_hint')} type="url" wide
          value={url.value} onValue={(v) => { url.value = v; }} error={fieldError('url')} />
        <Checkboxes field="events" legend={t('webhooks.events')} options={EVENTS.map((e) => [e, t(`webhooks.event.${e}`)])}
          values={events.value} onValues={(v) => { events.value = v; }} error={fieldError('events')} />
        <button type="submit" class="button" disabled={busy.value}>{t('webhooks.add')}</button>
      </form>
      <h2>{t('webhooks.list')}</h2>
      {list.loading && !list.data ? <Loading /> : null}
      <ErrorBox error={list.error} />
      {list.data ? (hooks.length ? (
        <ul class="card-list">
          {hooks.map((h) => (
            <li key={h.id} class="card">
              <h3><code>{h.url}</code></h3>
              <dl class="details">
                <div><dt>{t('common.status')}</dt><dd>{t(`webhooks.status.${h.status}`)}</dd></div>
                <div><dt>{t('webhooks.events')}</dt><dd>{h.events.map((e) => t(`webhooks.event.${e}`)).join(', ')}</dd></div>
                <div><dt>{t('webhooks.created')}</dt><dd>{fmtDateTime(h.created_at)}</dd></div>
              </dl>
              <button type="button" class="button button-small button-secondary" aria-expanded={open.value === h.id ? 'true' : 'false'}
                onClick={() => { open.value = open.value === h.id ? '' : h.id; }}>
                {t('webhooks.deliveries')}<span class="visually-hidden"> {h.url}</span>
              </button>{' '}
              <button type="button" class="button button-small button-warning" onClick={remove(h)}>
                {t('webhooks.delete')}<span class="visually-hidden"> {h.url}</span>
              </button>
              {open.value === h.id ? <Deliveries base={base} hook={h} /> : null}
            </li>
          ))}
        </ul>
      ) : <p>{t('webhooks.none')}</p>) : null}
    </div>
  );
}
