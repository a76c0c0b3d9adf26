// Nationality and languages chosen by their names in the user's language, with the ISO codes the
// API takes underneath. Native selects: a keyboard user types "Ven" to reach Venezuela, screen
// readers announce them as they are, and they work on every phone.
import { t } from '../i18n/index.js';
import { countryName, languageName, namedOptions } from '../names.js';
import { fieldId } from '../errors.js';
import { COUNTRY_CODES, LANGUAGE_CODES } from '../iso_codes.js';
import { Select, OptionList, describedBy } from './ui.jsx';

/** Frequent codes first (the network's usual ones), then all of them. */
function grouped(codes, frequent, nameOf) {
  const all = namedOptions(codes, nameOf);
  if (!frequent || !frequent.length) return all;
  return [
    { group: t('picker.frequent'), options: frequent.map((c) => [c, nameOf(c)]) },
    { group: t('picker.all'), options: all },
  ];
}

/** One nationality (ISO 3166-1 alpha-2 code). */
export function NationalityPicker({ field, label, hint, error, value, onValue, frequent }) {
  return <Select field={field} label={label} hint={hint} error={error} value={value} onValue={onValue}
    options={grouped(COUNTRY_CODES, frequent, (c) => countryName(c))} empty={t('common.choose')} />;
}

const asList = (value) => String(value || '').split(/[\s,;]+/).map((x) => x.trim().toLowerCase()).filter(Boolean);

/**
 * Several languages. `value` is the comma-separated codes the forms keep ("es, en"); each chosen
 * language shows as a named chip with a button to remove it.
 */
export function LanguagesPicker({ field, label, hint, error, value, onValue, frequent }) {
  const fid = fieldId(field);
  const chosen = asList(value);
  const add = (code) => { if (code && !chosen.includes(code)) onValue([...chosen, code].join(', ')); };
  const remove = (code) => onValue(chosen.filter((c) => c !== code).join(', '));
  const choices = LANGUAGE_CODES.filter((c) => !chosen.includes(c));
  const opts = grouped(choices, (frequent || []).filter((c) => choices.includes(c)), (c) => languageName(c));
  return (
    <fieldset class={`field languages-picker${error ? ' field-error' : ''}`} aria-describedby={describedBy(fid, hint, error)}>
      <legend>{label}</legend>
      {hint ? <p class="hint" id={`${fid}-hint`}>{hint}</p> : null}
      {error ? <p class="error-message" id={`${fid}-error`}>{error}</p> : null}
      {chosen.length ? (
        <ul class="chips" aria-label={t('picker.chosen', { field: label })}>
          {chosen.map((c) => (
            <li key={c} class="chip">
              <span lang={c}>{languageName(c)}</span>
              <button type="button" class="chip-remove" onClick={() => remove(c)} aria-label={t('picker.remove', { name: languageName(c) })}>×</button>
            </li>
          ))}
        </ul>
      ) : <p class="muted">{t('picker.none_chosen')}</p>}
      <label for={fid} class="visually-hidden">{t('picker.add_language')}</label>
      <select id={fid} name={field} value="" aria-invalid={error ? 'true' : undefined} onChange={(e) => { add(e.currentTarget.value); e.currentTarget.value = ''; }}>
        <option value="">{t('picker.add_language')}</option>
        <OptionList options={opts} />
      </select>
    </fieldset>
  );
}
