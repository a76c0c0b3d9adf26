// Staff accounts: org admins manage their organisation's, system admins everyone's.
import { useSignal } from '@preact/signals';
import { t, fmtDateTime } from '../../i18n/index.js';
import { get, post, patch, items, qs } from '../../api.js';
import { mapErrors } from '../../errors.js';
import { me, hasRole } from '../../session.js';
import { organizations, orgName } from '../../directory.js';
import { useCursorList, MoreButton } from '../../components/paged.jsx';
import { PageHeading, useAsync, Loading, ErrorBox, ErrorSummary, Input, Select, Checkboxes, label, ROLES } from '../../components/ui.jsx';
import { grantableRoles, mayActOn } from './user_rules.js';
import { languageOptions } from '../../account_mail.jsx';

function UserRow({ u, roleChoices, actionable, reload }) {
  const editing = useSignal(false);
  const name = useSignal(u.display_name || '');
  const roles = useSignal(u.roles || []);
  const email = useSignal(u.email || '');
  const language = useSignal(u.language || 'es');
  const error = useSignal(null);
  const save = async (body) => {
    try { await patch(`/api/v1/users/${encodeURIComponent(u.id)}`, body, { ifMatch: u.version }); error.value = null; editing.value = false; reload(); } catch (e) { error.value = e; }
  };
  return (
    <>
      <tr>
        <th scope="row">{u.display_name}<br /><span class="muted">{u.username}</span>{u.email ? <><br /><span class="muted">{u.email}</span></> : null}</th>
        <td>{(u.roles || []).map((r) => label('role', r)).join(', ')}</td>
        <td>{orgName(u.organization_id)}</td>
        <td>{u.active === false ? t('users.inactive') : t('users.active')}</td>
        <td>{u.last_login_at ? fmtDateTime(u.last_login_at) : ''}</td>
        {/* No buttons where the server would refuse them: oneself, and for an org_admin the holders of network roles. */}
        <td class={actionable ? 'actions' : undefined}>{actionable ? (<>
          <button type="button" class="button button-small button-secondary" aria-expanded={editing.value} onClick={() => { editing.value = !editing.value; }}>{t('common.edit')}<span class="visually-hidden"> {u.username}</span></button>
          <button type="button" class="button button-small button-secondary" onClick={() => save({ active: u.active === false })}>{u.active === false ? t('users.activate') : t('users.deactivate')}<span class="visually-hidden"> {u.username}</span></button>
        </>) : null}</td>
      </tr>
      {editing.value || error.value ? (
        <tr><td colSpan={6}>
          <ErrorBox error={error.value} />
          {editing.value ? (
            <form class="form subform" novalidate onSubmit={(e) => { e.preventDefault(); save({ display_name: name.value, roles: roles.value, email: email.value.trim() || null, language: language.value }); }}>
              <Input id={`u-${u.id}-name`} field="display_name" label={t('users.display_name')} value={name.value} onValue={(v) => { name.value = v; }} />
              <Input id={`u-${u.id}-email`} field="email" type="email" label={t('account.email')} value={email.value} onValue={(v) => { email.value = v; }} />
              <Select id={`u-${u.id}-language`} field="language" label={t('account.language')} value={language.value} onValue={(v) => { language.value = v; }} options={languageOptions()} />
              <Checkboxes field={`roles-${u.id}`} legend={t('users.roles')} options={roleChoices.map((r) => [r, label('role', r)])} values={roles.value} onValues={(v) => { roles.value = v; }} inline />
              <button type="submit" class="button">{t('common.save')}</button>
            </form>
          ) : null}
        </td></tr>
      ) : null}
    </>
  );
}

export function Users() {
  const sys = hasRole('system_admin');
  const roleChoices = grantableRoles(me.value, ROLES);
  const res = useCursorList('/api/v1/users', {}, []);
  const orgs = useAsync(() => organizations(), []);
  const form = useSignal({ username: '', display_name: '', password: '', roles: ['caseworker'], organization_id: '', email: '', language: '' });
  const problem = useSignal(null);
  const done = useSignal('');
  const set = (k) => (v) => { form.value = { ...form.value, [k]: v }; };
  const submit = async (e) => {
    e.preventDefault();
    const body = { username: form.value.username.trim(), display_name: form.value.display_name.trim(), password: form.value.password, roles: form.value.roles };
    const org = sys ? form.value.organization_id : me.value.organization_id;
    if (org) body.organization_id = org;
    if (form.value.email.trim()) body.email = form.value.email.trim();
    if (form.value.language) body.language = form.value.language;
    try {
      await post('/api/v1/users', body);
      done.value = body.username;
      problem.value = null;
      form.value = { username: '', display_name: '', password: '', roles: ['caseworker'], organization_id: form.value.organization_id, email: '', language: form.value.language };
      res.reload();
    } catch (err) { problem.value = err; done.value = ''; }
  };
  const errs = problem.value ? mapErrors(problem.value, ['username', 'display_name', 'password', 'roles', 'organization_id', 'email', 'language']) : { summary: [], byField: {} };
  const e = errs.byField;
  return (
    <div>
      <PageHeading>{t('users.title')}</PageHeading>
      {res.loading && !res.data ? <Loading /> : null}
      <ErrorBox error={res.error} />
      {res.data ? (
        <table class="table">
          <thead><tr><th scope="col">{t('users.name')}</th><th scope="col">{t('users.roles')}</th><th scope="col">{t('users.organization')}</th><th scope="col">{t('common.status')}</th><th scope="col">{t('users.last_login')}</th><th scope="col"><span class="visually-hidden">{t('common.actions')}</span></th></tr></thead>
          <tbody>{res.data.map((u) => <UserRow key={u.id} u={u} roleChoices={roleChoices} actionable={mayActOn(me.value, u)} reload={res.reload} />)}</tbody>
        </table>
      ) : null}
      <MoreButton list={res} />
      <section aria-labelledby="new-user-title">
        <h2 id="new-user-title">{t('users.new')}</h2>
        {done.value ? <div class="notice notice-success" role="status"><p>{t('users.created', { username: done.value })}</p></div> : null}
        <ErrorSummary summary={errs.summary} labels={{ username: t('users.username'), display_name: t('users.display_name'), password: t('users.password'), roles: t('users.roles'), organization_id: t('users.organization'), email: t('account.email'), language: t('account.language') }} />
        <form class="form" novalidate onSubmit={submit}>
          <div class="row">
            <Input field="username" label={t('users.username')} value={form.value.username} onValue={set('username')} error={e.username} autoComplete="off" autoCapitalize="none" />
            <Input field="display_name" label={t('users.display_name')} value={form.value.display_name} onValue={set('display_name')} error={e.display_name} autoComplete="off" />
          </div>
          <div class="row">
            <Input field="email" type="email" label={t('account.email')} value={form.value.email} onValue={set('email')} error={e.email} autoComplete="off" />
            <Select field="language" label={t('account.language')} hint={t('account.language_hint')} value={form.value.language} onValue={set('language')} options={languageOptions()} empty={t('account.language_default')} error={e.language} />
          </div>
          <Input field="password" type="password" label={t('users.password')} hint={t('users.password_hint')} value={form.value.password} onValue={set('password')} error={e.password} autoComplete="new-password" />
          <Checkboxes field="roles" legend={t('users.roles')} options={roleChoices.map((r) => [r, label('role', r)])} values={form.value.roles} onValues={set('roles')} error={e.roles} inline />
          {sys ? <Select field="organization_id" label={t('users.organization')} hint={t('users.organization_hint')} value={form.value.organization_id} onValue={set('organization_id')} options={(orgs.data || []).map((o) => [o.id, o.name])} empty={t('common.none')} error={e.organization_id} /> : null}
          <button type="submit" class="button">{t('users.create')}</button>
        </form>
      </section>
    </div>
  );
}
