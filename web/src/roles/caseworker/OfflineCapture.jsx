// Registering with no network: the consent and a referral draft go with the person, all kept
// on the device (sealed) and sent in order, with their Idempotency-Key, when the network returns.
import { t } from '../../i18n/index.js';
import { Select, TextArea, Checkboxes, Radios } from '../../components/ui.jsx';
import { categoryName } from '../../directory.js';
import { fullName } from './model.js';

export const emptyExtras = () => ({ method: '', categories: [], organizations: [], to_organization_id: '', category: '', reason: '' });

/** The consent and referral draft fields shown in the registration form while offline. */
export function OfflineExtras({ extras, setExtras, cats, orgs }) {
  const set = (k) => (v) => setExtras({ ...extras, [k]: v });
  return (
    <>
      <fieldset class="group">
        <legend>{t('consent.record')}</legend>
        <Radios field="consent_method" legend={t('consent.method')} options={[['verbal', t('consent.verbal')], ['written', t('consent.written')]]} value={extras.method} onValue={set('method')} inline />
        <Checkboxes field="consent_categories" legend={t('consent.categories')} hint={t('consent.categories_hint')} options={cats.map((c) => [c.code, categoryName(c.code)])} values={extras.categories} onValues={set('categories')} inline />
        <Checkboxes field="consent_organizations" legend={t('consent.organizations')} hint={t('consent.organizations_hint')} options={orgs.map((o) => [o.id, o.name])} values={extras.organizations} onValues={set('organizations')} inline />
      </fieldset>
      <fieldset class="group">
        <legend>{t('device.draft_title')}</legend>
        <p class="hint">{t('device.draft_hint')}</p>
        <Select field="draft_organization" label={t('device.draft_organization')} value={extras.to_organization_id} onValue={set('to_organization_id')} options={orgs.map((o) => [o.id, o.name])} empty={t('common.choose')} />
        <Select field="draft_category" label={t('need.category')} value={extras.category} onValue={set('category')} options={cats.map((c) => [c.code, categoryName(c.code)])} empty={t('common.choose')} />
        <TextArea field="draft_reason" label={t('refer.reason')} value={extras.reason} onValue={set('reason')} rows={2} />
      </fieldset>
    </>
  );
}

/** Keeps the person, then their consent and referral draft (which wait for the case's id). */
export async function recordOffline(caseBody, extras) {
  // Loaded after the shell's first paint (app.jsx starts the queue at sign-in): already here.
  const [{ record }, { PARENT }] = await Promise.all([import('../../offline/outbox.js'), import('../../offline/queue.js')]);
  const who = fullName(caseBody) || t('device.kind_case');
  const caseId = await record({ kind: 'case', request: { path: '/api/v1/cases', body: caseBody }, label: who });
  if (extras.method) {
    await record({
      kind: 'consent', after: caseId, label: who,
      request: { path: `/api/v1/cases/${PARENT}/consents`, body: { method: extras.method, categories: extras.categories, organizations: extras.organizations } },
    });
  }
  if (extras.to_organization_id && extras.category) {
    const need = (caseBody.needs || []).find((n) => n.category === extras.category);
    await record({
      kind: 'referral', after: caseId, label: who,
      request: {
        path: '/api/v1/referrals',
        body: {
          case_id: PARENT, to_organization_id: extras.to_organization_id, category: extras.category,
          urgency: need ? need.urgency : 'normal', reason: extras.reason,
          shared_fields: ['given_name', 'family_name', 'languages', 'needs'], status: 'draft', legal_basis: 'consent',
        },
      },
    });
  }
}
