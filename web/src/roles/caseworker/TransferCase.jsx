// "Transfer the case": hand it to an organisation the person's consent names for transfer, with
// a reason, after a confirmation that says the organisation loses the case.
import { useSignal } from '@preact/signals';
import { t } from '../../i18n/index.js';
import { post } from '../../api.js';
import { navigate } from '../../router.js';
import { mapErrors } from '../../errors.js';
import { orgName } from '../../directory.js';
import { ErrorSummary, ErrorBox, Radios, TextArea } from '../../components/ui.jsx';
import { transferTargets } from './model.js';

export function TransferCase({ kase, reload }) {
  const to = useSignal('');
  const reason = useSignal('');
  const confirming = useSignal(false);
  const problem = useSignal(null);
  const busy = useSignal(false);
  const targets = transferTargets(kase);
  // The close form on the same page owns the id of "reason": this one's is transfer_reason.
  const renamed = problem.value && { ...problem.value, errors: (problem.value.errors || []).map((e) => (e.field === 'reason' ? { ...e, field: 'transfer_reason' } : e)) };
  const errs = renamed ? mapErrors(renamed, ['to_organization_id', 'transfer_reason', 'consent']) : { summary: [], byField: {} };
  const ask = (e) => {
    e.preventDefault();
    problem.value = null;
    const local = [];
    if (!to.value) local.push({ field: 'to_organization_id', message: t('transfer.choose_error') });
    if (!reason.value.trim()) local.push({ field: 'transfer_reason', message: t('transfer.reason_error') });
    if (local.length) { problem.value = { status: 422, errors: local }; return; }
    confirming.value = true;
  };
  const send = async () => {
    busy.value = true;
    try {
      await post(`/api/v1/cases/${encodeURIComponent(kase.id)}/transfer`, { to_organization_id: to.value, reason: reason.value.trim() }, { ifMatch: kase.version });
      navigate('/cases', { transferred: '1' });
    } catch (err) {
      problem.value = err; confirming.value = false;
      if (err.status === 412) reload();
    } finally { busy.value = false; }
  };
  return (
    <details class="transfer-case">
      <summary>{t('transfer.title')}</summary>
      {!targets.length ? <p>{t('transfer.no_consent')}</p> : (
        <form onSubmit={ask} novalidate class="form">
          <ErrorSummary summary={errs.summary} labels={{ to_organization_id: t('transfer.to'), transfer_reason: t('transfer.reason'), consent: t('consent.title') }} />
          <Radios field="to_organization_id" legend={t('transfer.to')} hint={t('transfer.to_hint')} options={targets.map((o) => [o, orgName(o)])} value={to.value} onValue={(v) => { to.value = v; confirming.value = false; }} error={errs.byField.to_organization_id} />
          <TextArea field="transfer_reason" label={t('transfer.reason')} value={reason.value} onValue={(v) => { reason.value = v; confirming.value = false; }} error={errs.byField.transfer_reason} rows={2} />
          {confirming.value ? (
            <div class="notice notice-warning" role="alert">
              <p>{t('transfer.confirm', { organization: orgName(to.value) })}</p>
              <button type="button" class="button button-warning" disabled={busy.value} onClick={send}>{t('transfer.confirm_button')}</button>
              {' '}<button type="button" class="button button-secondary" onClick={() => { confirming.value = false; }}>{t('common.cancel')}</button>
            </div>
          ) : <button type="submit" class="button button-secondary">{t('transfer.submit')}</button>}
          <ErrorBox error={problem.value && problem.value.status !== 422 ? problem.value : null} />
        </form>
      )}
    </details>
  );
}
