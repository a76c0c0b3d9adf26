// The user's own account: profile and e-mail notifications, change password, enrol two-factor (TOTP). Shown first when the server requires it.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { t } from './i18n/index.js';
import { post } from './api.js';
import { blocker, loadMe } from './session.js';
import { mapErrors } from './errors.js';
import { PageHeading, Input, ErrorSummary } from './components/ui.jsx';
import { qrMatrix, qrPath } from './components/qr.js';
import { ProfileForm, NotificationsForm } from './account_mail.jsx';

function PasswordForm() {
  const current = useSignal('');
  const next = useSignal('');
  const problem = useSignal(null);
  const done = useSignal(false);
  const submit = async (e) => {
    e.preventDefault();
    try {
      await post('/api/v1/me/password', { current_password: current.value, new_password: next.value });
      current.value = ''; next.value = ''; problem.value = null; done.value = true;
      if (blocker.value === 'password') { blocker.value = ''; await loadMe(); }
    } catch (err) { problem.value = err; done.value = false; }
  };
  const errs = problem.value ? mapErrors(problem.value, ['current_password', 'new_password']) : { summary: [], byField: {} };
  return (
    <section aria-labelledby="pw-title">
      <h2 id="pw-title">{t('account.password_title')}</h2>
      {done.value ? <div class="notice notice-success" role="status"><p>{t('account.password_done')}</p></div> : null}
      <ErrorSummary summary={errs.summary} labels={{ current_password: t('account.current_password'), new_password: t('account.new_password') }} />
      <form class="form" novalidate onSubmit={submit}>
        <Input field="current_password" type="password" label={t('account.current_password')} value={current.value} onValue={(v) => { current.value = v; }} error={errs.byField.current_password} autoComplete="current-password" />
        <Input field="new_password" type="password" label={t('account.new_password')} hint={t('users.password_hint')} value={next.value} onValue={(v) => { next.value = v; }} error={errs.byField.new_password} autoComplete="new-password" />
        <button type="submit" class="button">{t('account.password_submit')}</button>
      </form>
    </section>
  );
}

function TotpForm() {
  const secret = useSignal(null);
  const code = useSignal('');
  const codes = useSignal(null);
  const problem = useSignal(null);
  const start = async () => {
    try { secret.value = await post('/api/v1/me/totp', {}); problem.value = null; } catch (err) { problem.value = err; }
  };
  const confirm = async (e) => {
    e.preventDefault();
    try { const r = await post('/api/v1/me/totp/confirm', { code: code.value.trim() }); codes.value = r.recovery_codes || []; problem.value = null; } catch (err) { problem.value = err; }
  };
  const errs = problem.value ? mapErrors(problem.value, ['code']) : { summary: [], byField: {} };
  return (
    <section aria-labelledby="totp-title">
      <h2 id="totp-title">{t('account.totp_title')}</h2>
      <p>{t('account.totp_lead')}</p>
      <ErrorSummary summary={errs.summary} labels={{ code: t('account.totp_code') }} />
      {codes.value ? (
        <div class="notice notice-success" role="status">
          <p><strong>{t('account.totp_done')}</strong></p>
          <p>{t('account.recovery_codes')}</p>
          <ul class="mono">{codes.value.map((c) => <li key={c}>{c}</li>)}</ul>
          <button type="button" class="button" onClick={() => { blocker.value = ''; loadMe(); }}>{t('account.continue')}</button>
        </div>
      ) : secret.value ? (
        <form class="form" novalidate onSubmit={confirm}>
          <p>{t('account.totp_secret')}</p>
          <QrCode text={secret.value.otpauth_uri} />
          <p class="mono secret">{String(secret.value.secret || '').replace(/(.{4})/g, '$1 ').trim()}</p>
          <p class="hint mono">{secret.value.otpauth_uri}</p>
          <Input field="code" label={t('account.totp_code')} value={code.value} onValue={(v) => { code.value = v; }} error={errs.byField.code} inputMode="numeric" autoComplete="one-time-code" />
          <button type="submit" class="button">{t('account.totp_confirm')}</button>
        </form>
      ) : <button type="button" class="button" onClick={start}>{t('account.totp_start')}</button>}
    </section>
  );
}

/** The provisioning URI as a QR code to scan; the secret and URI stay shown as text beside it. */
function QrCode({ text }) {
  const matrix = useSignal(null);
  useEffect(() => {
    let live = true;
    qrMatrix(text).then((m) => { if (live) matrix.value = m; }).catch(() => { /* the text remains */ });
    return () => { live = false; };
  }, [text]);
  if (!matrix.value) return null;
  const n = matrix.value.length;
  return (
    <svg class="qr" role="img" aria-label={t('account.totp_qr')} viewBox={`0 0 ${n} ${n}`} width="200" height="200" shape-rendering="crispEdges">
      <rect width={n} height={n} fill="#fff" />
      <path d={qrPath(matrix.value)} fill="#000" />
    </svg>
  );
}

export function Account() {
  const b = blocker.value;
  return (
    <div>
      <PageHeading>{t('account.title')}</PageHeading>
      {b ? <div class="notice notice-warning" role="alert"><p>{b === 'totp' ? t('account.totp_required') : t('account.password_required')}</p></div> : null}
      {!b ? <ProfileForm /> : null}
      {!b ? <NotificationsForm /> : null}
      {b !== 'totp' ? <PasswordForm /> : null}
      {b !== 'password' ? <TotpForm /> : null}
    </div>
  );
}
