// The account page's profile (name, e-mail, language of mails) and e-mail notification choices.
import { useSignal } from '@preact/signals';
import { t, LANGUAGES } from './i18n/index.js';
import { get, patch, put } from './api.js';
import { me, loadMe } from './session.js';
import { mapErrors } from './errors.js';
import { useAsync, Loading, ErrorBox, ErrorSummary, Input, Select } from './components/ui.jsx';

export const NOTIFICATION_KEYS = ['referral.created', 'referral.updated', 'referral.message', 'referral.overdue', 'digest'];
const MODES = ['immediate', 'daily', 'off'];
export const languageOptions = () => LANGUAGES.map((l) => [l.code, l.name]);
export const notificationLabel = (key) => t(`notify.${key.replace('.', '_')}`);

export function ProfileForm() {
  const u = me.value || {};
  const name = useSignal(u.display_name || '');
  const email = useSignal(u.email || '');
  const language = useSignal(u.language || 'es');
  const problem = useSignal(null);
  const done = useSignal(false);
  const submit = async (e) => {
    e.preventDefault();
    try {
      await patch('/api/v1/me', { display_name: name.value.trim(), email: email.value.trim() || null, language: language.value });
      problem.value = null; done.value = true;
      await loadMe();
    } catch (err) { problem.value = err; done.value = false; }
  };
  const errs = problem.value ? mapErrors(problem.value, ['display_name', 'email', 'language']) : { summary: [], byField: {} };
  return (
    <section aria-labelledby="profile-title">
      <h2 id="profile-title">{t('account.profile_title')}</h2>
      <div role="status" aria-live="polite">{done.value ? <div class="notice notice-success"><p>{t('common.saved')}</p></div> : null}</div>
      <ErrorSummary summary={errs.summary} labels={{ display_name: t('users.display_name'), email: t('account.email'), language: t('account.language') }} />
      <form class="form" novalidate onSubmit={submit}>
        <Input field="display_name" label={t('users.display_name')} value={name.value} onValue={(v) => { name.value = v; }} error={errs.byField.display_name} autoComplete="name" />
        <Input field="email" type="email" label={t('account.email')} hint={t('account.email_hint')} value={email.value} onValue={(v) => { email.value = v; }} error={errs.byField.email} autoComplete="email" />
        <Select field="language" label={t('account.language')} hint={t('account.language_hint')} value={language.value} onValue={(v) => { language.value = v; }} options={languageOptions()} error={errs.byField.language} />
        <button type="submit" class="button">{t('common.save')}</button>
      </form>
    </section>
  );
}

export function NotificationsForm() {
  const prefs = useAsync(() => get('/api/v1/me/notifications'), []);
  const chosen = useSignal(null);
  const problem = useSignal(null);
  const done = useSignal(false);
  const current = chosen.value || (prefs.data && prefs.data.email) || null;
  const submit = async (e) => {
    e.preventDefault();
    try {
      const reply = await put('/api/v1/me/notifications', { email: current });
      chosen.value = reply.email; problem.value = null; done.value = true;
    } catch (err) { problem.value = err; done.value = false; }
  };
  return (
    <section aria-labelledby="notify-title">
      <h2 id="notify-title">{t('account.notifications_title')}</h2>
      <p class="hint">{t('account.notifications_lead')}</p>
      {prefs.loading ? <Loading /> : null}
      <ErrorBox error={prefs.error || problem.value} />
      <div role="status" aria-live="polite">{done.value ? <div class="notice notice-success"><p>{t('common.saved')}</p></div> : null}</div>
      {current ? (
        <form class="form" novalidate onSubmit={submit}>
          {NOTIFICATION_KEYS.map((key) => (
            <Select key={key} id={`notify-${key.replace('.', '-')}`} field={key} label={notificationLabel(key)}
              value={current[key]} onValue={(v) => { chosen.value = { ...current, [key]: v }; done.value = false; }}
              options={(key === 'digest' ? ['daily', 'off'] : MODES).map((m) => [m, t(`notify_mode.${m}`)])} />
          ))}
          <button type="submit" class="button">{t('common.save')}</button>
        </form>
      ) : null}
    </section>
  );
}
