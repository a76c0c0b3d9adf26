// The person's part of the case form, shared by registration and editing.
import { t } from '../../i18n/index.js';
import { Input, Select, options, SEXES, MIGRATORY } from '../../components/ui.jsx';
import { NationalityPicker, LanguagesPicker } from '../../components/code_pickers.jsx';

// Offered first: the nationalities and languages the two founding networks see most.
const NATIONALITIES = ['VE', 'CO', 'EC', 'PE', 'HT', 'CU', 'NI', 'HN', 'SV', 'GT', 'BO', 'PH', 'SN', 'AF', 'SY', 'UA'];
const LANGUAGES_FIRST = ['es', 'en', 'fr', 'pt', 'ht', 'tl', 'qu', 'ar'];

/** The error summary's labels for the person's fields, by API field name. */
export function personLabels() {
  return {
    'person.given_name': t('person.given_name'), 'person.family_name': t('person.family_name'),
    'person.birth_date': t('person.birth_date'), 'person.estimated_age': t('person.estimated_age'), 'person.sex': t('person.sex'),
    'person.nationality': t('person.nationality'), 'person.languages': t('person.languages'),
    'person.migratory_status': t('person.migratory_status'), 'person.phone': t('person.phone'),
  };
}

/** `person` as the form keeps it, `setPerson(k)` a setter for field k, `e` errors by field. */
export function PersonFields({ person, setPerson, e }) {
  return (
    <>
      <div class="row">
        <Input field="person.given_name" label={t('person.given_name')} value={person.given_name} onValue={setPerson('given_name')} error={e['person.given_name']} autoComplete="off" />
        <Input field="person.family_name" label={t('person.family_name')} value={person.family_name} onValue={setPerson('family_name')} error={e['person.family_name']} autoComplete="off" />
      </div>
      <div class="row">
        <Input field="person.birth_date" type="date" label={t('person.birth_date')} hint={t('person.birth_date_hint')} value={person.birth_date} onValue={setPerson('birth_date')} error={e['person.birth_date']} />
        <Input field="person.estimated_age" type="number" min="0" max="120" inputMode="numeric" label={t('person.estimated_age')} hint={t('person.estimated_age_hint')} value={person.estimated_age} onValue={setPerson('estimated_age')} error={e['person.estimated_age']} />
      </div>
      <div class="row">
        <Select field="person.sex" label={t('person.sex')} value={person.sex} onValue={setPerson('sex')} options={options('sex', SEXES)} empty={t('common.choose')} error={e['person.sex']} />
        <NationalityPicker field="person.nationality" label={t('person.nationality')} hint={t('person.nationality_hint')} value={person.nationality} onValue={setPerson('nationality')} error={e['person.nationality']} frequent={NATIONALITIES} />
      </div>
      <div class="row">
        <LanguagesPicker field="person.languages" label={t('person.languages')} hint={t('person.languages_hint')} value={person.languages} onValue={setPerson('languages')} error={e['person.languages']} frequent={LANGUAGES_FIRST} />
        <Select field="person.migratory_status" label={t('person.migratory_status')} value={person.migratory_status} onValue={setPerson('migratory_status')} options={options('migratory', MIGRATORY)} empty={t('common.choose')} error={e['person.migratory_status']} />
        <Input field="person.phone" type="tel" label={t('person.phone')} value={person.phone} onValue={setPerson('phone')} error={e['person.phone']} autoComplete="off" />
      </div>
    </>
  );
}
