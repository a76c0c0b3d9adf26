// Documents printed for the person (the referral slip, the access report) are in the person's
// language, not the caseworker's: the first of the person's languages the UI speaks, or one
// chosen on the page.
import { useSignal } from '@preact/signals';
import { t, lang, LANGUAGES, translatorFor } from '../i18n/index.js';
import { useAsync } from './ui.jsx';

/** The first of a person's language codes that the UI has a catalogue for, or null. */
export function personLanguage(languages) {
  return (languages || []).find((l) => LANGUAGES.some((x) => x.code === l)) || null;
}

/** {code, st, loading, selected, choose}: `st` translates into the document's language. */
export function useDocumentLanguage(preferred) {
  const chosen = useSignal('');
  const selected = chosen.value || preferred || lang.value;
  const tr = useAsync(() => translatorFor(selected), [selected, lang.value]);
  return {
    code: tr.data ? tr.data.code : lang.value,
    st: tr.data ? tr.data.t : t,
    loading: tr.loading && !tr.data,
    selected,
    choose: (code) => { chosen.value = code; },
  };
}

/** The document's language picker (not printed). */
export function DocumentLanguagePicker({ id, label, doc }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={doc.selected} onChange={(e) => doc.choose(e.currentTarget.value)}>
        {LANGUAGES.map((l) => <option key={l.code} value={l.code} lang={l.code}>{l.name}</option>)}
      </select>
    </div>
  );
}

/** A code's label in the document's language, e.g. docLabel(st, 'consent', 'verbal'). */
export function docLabel(st, group, code) {
  if (code === undefined || code === null || code === '') return '';
  const key = `${group}.${code}`;
  const s = st(key);
  return s === key ? String(code) : s;
}
