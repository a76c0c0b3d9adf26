// The system admin's view of the e-mail queue: what is waiting, sent or given up, and why a
// delivery failed. Ids, events and states only: no subject, body or address.
import { useSignal } from '@preact/signals';
import { t, fmtDateTime } from '../../i18n/index.js';
import { useCursorList, MoreButton } from '../../components/paged.jsx';
import { PageHeading, Loading, ErrorBox, Select } from '../../components/ui.jsx';
import { notificationLabel } from '../../account_mail.jsx';

const STATES = ['queued', 'sent', 'failed'];

export function Mail() {
  const state = useSignal('');
  const list = useCursorList('/api/v1/admin/mail', state.value ? { state: state.value } : {}, [state.value]);
  const rows = list.items;
  return (
    <div>
      <PageHeading>{t('mail.title')}</PageHeading>
      <p class="hint">{t('mail.hint')}</p>
      <Select field="state" label={t('mail.state')} value={state.value} onValue={(v) => { state.value = v; }}
        options={STATES.map((s) => [s, t(`mail_state.${s}`)])} empty={t('common.all')} />
      {list.loading && !list.data ? <Loading /> : null}
      <ErrorBox error={list.error} />
      {list.data ? (rows.length ? (
        <table class="table">
          <caption class="visually-hidden">{t('mail.title')}</caption>
          <thead><tr>
            <th scope="col">{t('mail.created')}</th><th scope="col">{t('mail.event')}</th><th scope="col">{t('mail.recipient')}</th>
            <th scope="col">{t('mail.state')}</th><th scope="col">{t('mail.attempts')}</th><th scope="col">{t('mail.last_error')}</th><th scope="col">{t('mail.sent')}</th>
          </tr></thead>
          <tbody>{rows.map((m) => (
            <tr key={m.id}>
              <th scope="row">{fmtDateTime(m.created_at)}</th>
              <td>{notificationLabel(m.event)}</td>
              <td class="mono">{m.user_id}</td>
              <td>{t(`mail_state.${m.state}`)}</td>
              <td>{m.attempts}</td>
              <td>{m.last_error || ''}</td>
              <td>{m.sent_at ? fmtDateTime(m.sent_at) : ''}</td>
            </tr>
          ))}</tbody>
        </table>
      ) : <p>{t('mail.empty')}</p>) : null}
      <MoreButton list={list} />
    </div>
  );
}
