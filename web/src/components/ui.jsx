// Shared building blocks: form fields with labels and errors, error summary, chips, async loading.
import { signal } from '@preact/signals';
import { useEffect, useRef, useState, useCallback } from 'preact/hooks';
import { t, fmtDateTime } from '../i18n/index.js';
import { fieldId } from '../errors.js';

/** The current page's title; the shell puts it (and the inbox count) in document.title. */
export const pageTitle = signal('');

/** The page heading: sets the title and takes focus after navigation so screen readers announce it. */
export function PageHeading({ children, title }) {
  const ref = useRef(null);
  const text = title || (typeof children === 'string' ? children : '');
  useEffect(() => { pageTitle.value = text; }, [text]);
  useEffect(() => { if (ref.current && document.activeElement === document.body) ref.current.focus(); }, []);
  return <h1 ref={ref} tabIndex={-1}>{children}</h1>;
}

/** Runs an async loader when deps change; returns {data, error, loading, reload}. */
export function useAsync(loader, deps) {
  const [state, setState] = useState({ data: undefined, error: null, loading: true });
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    Promise.resolve()
      .then(loader)
      .then((data) => { if (live) setState({ data, error: null, loading: false }); })
      .catch((error) => { if (live) setState({ data: undefined, error, loading: false }); });
    return () => { live = false; };
  }, [...deps, n]);
  const reload = useCallback(() => setN((x) => x + 1), []);
  return { ...state, reload };
}

export function Loading() {
  return <p class="loading" role="status">{t('common.loading')}</p>;
}

/** A failed request, with the server's request id so support can find it in the log. */
export function ErrorBox({ error }) {
  if (!error) return null;
  const title = error.status === 0 ? t('error.network') : error.status === 403 ? t('error.forbidden')
    : error.status === 404 ? t('error.not_found') : error.status === 412 ? t('error.stale') : (error.title || t('error.generic'));
  return (
    <div class="notice notice-error" role="alert">
      <p><strong>{title}</strong>{error.detail ? ` ${error.detail}` : ''}</p>
      {error.requestId ? <p class="muted">{t('error.request_id', { id: error.requestId })}</p> : null}
    </div>
  );
}

/**
 * GOV.UK-style error summary: heading plus one link per error, each moving focus to its field.
 * Takes focus when it appears so keyboard and screen-reader users land on it.
 */
export function ErrorSummary({ summary, labels = {} }) {
  const ref = useRef(null);
  useEffect(() => { if (summary && summary.length && ref.current) ref.current.focus(); }, [summary]);
  if (!summary || summary.length === 0) return null;
  const go = (id) => (ev) => {
    ev.preventDefault();
    const el = document.getElementById(id);
    if (el) { el.scrollIntoView({ block: 'center' }); el.focus(); }
  };
  return (
    <div class="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('error.summary_title')}</h2>
      <ul>
        {summary.map((e, i) => {
          const label = labels[e.target] || '';
          const text = label ? `${label}: ${e.message}` : e.message;
          return <li key={i}>{e.id ? <a href={`#${e.id}`} onClick={go(e.id)}>{text}</a> : text}</li>;
        })}
      </ul>
    </div>
  );
}

export function describedBy(id, hint, error) {
  const ids = [];
  if (hint) ids.push(`${id}-hint`);
  if (error) ids.push(`${id}-error`);
  return ids.length ? ids.join(' ') : undefined;
}

export function FieldShell({ id, label, hint, error, children, wide }) {
  return (
    <div class={`field${error ? ' field-error' : ''}${wide ? ' field-wide' : ''}`}>
      <label for={id}>{label}</label>
      {hint ? <p class="hint" id={`${id}-hint`}>{hint}</p> : null}
      {error ? <p class="error-message" id={`${id}-error`}>{error}</p> : null}
      {children}
    </div>
  );
}

/** A labelled input bound to `value`/`onValue`; `field` is the API's field name (gives id and error). */
export function Input({ field, id, label, hint, error, value, onValue, type = 'text', wide, ...rest }) {
  const fid = id || fieldId(field);
  return (
    <FieldShell id={fid} label={label} hint={hint} error={error} wide={wide}>
      <input id={fid} name={field} type={type} value={value ?? ''} aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(fid, hint, error)} onInput={(e) => onValue(e.currentTarget.value)} {...rest} />
    </FieldShell>
  );
}

export function TextArea({ field, id, label, hint, error, value, onValue, rows = 3, ...rest }) {
  const fid = id || fieldId(field);
  return (
    <FieldShell id={fid} label={label} hint={hint} error={error} wide>
      <textarea id={fid} name={field} rows={rows} value={value ?? ''} aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(fid, hint, error)} onInput={(e) => onValue(e.currentTarget.value)} {...rest} />
    </FieldShell>
  );
}

/**
 * options: [[value, label], ...], or groups {group: label, options: [[value, label], ...]};
 * `empty` adds a first blank choice with that label.
 */
export function Select({ field, id, label, hint, error, value, onValue, options, empty, ...rest }) {
  const fid = id || fieldId(field);
  return (
    <FieldShell id={fid} label={label} hint={hint} error={error}>
      <select id={fid} name={field} value={value ?? ''} aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(fid, hint, error)} onChange={(e) => onValue(e.currentTarget.value)} {...rest}>
        {empty !== undefined ? <option value="">{empty}</option> : null}
        <OptionList options={options} />
      </select>
    </FieldShell>
  );
}

/** A select's options: [value, label] pairs, or groups {group, options}. */
export function OptionList({ options }) {
  return options.map((o) => (Array.isArray(o)
    ? <option key={o[0]} value={o[0]}>{o[1]}</option>
    : <optgroup key={o.group} label={o.group}>{o.options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}</optgroup>));
}

/** A fieldset of checkboxes; `values` is the chosen list. The first box carries the field's id. */
export function Checkboxes({ field, legend, hint, error, options, values, onValues, inline }) {
  const fid = fieldId(field);
  const toggle = (v) => (e) => onValues(e.currentTarget.checked ? [...values, v] : values.filter((x) => x !== v));
  return (
    <fieldset class={`field${error ? ' field-error' : ''}`} aria-describedby={describedBy(fid, hint, error)}>
      <legend>{legend}</legend>
      {hint ? <p class="hint" id={`${fid}-hint`}>{hint}</p> : null}
      {error ? <p class="error-message" id={`${fid}-error`}>{error}</p> : null}
      <div class={inline ? 'choices choices-inline' : 'choices'}>
        {options.map(([v, l], i) => {
          const id = i === 0 ? fid : `${fid}-${i}`;
          return (
            <div class="choice" key={v}>
              <input type="checkbox" id={id} name={field} value={v} checked={values.includes(v)} onChange={toggle(v)} />
              <label for={id}>{l}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

export function Radios({ field, legend, hint, error, options, value, onValue, inline }) {
  const fid = fieldId(field);
  return (
    <fieldset class={`field${error ? ' field-error' : ''}`} aria-describedby={describedBy(fid, hint, error)}>
      <legend>{legend}</legend>
      {hint ? <p class="hint" id={`${fid}-hint`}>{hint}</p> : null}
      {error ? <p class="error-message" id={`${fid}-error`}>{error}</p> : null}
      <div class={inline ? 'choices choices-inline' : 'choices'}>
        {options.map(([v, l], i) => {
          const id = i === 0 ? fid : `${fid}-${i}`;
          return (
            <div class="choice" key={v}>
              <input type="radio" id={id} name={field} value={v} checked={value === v} onChange={() => onValue(v)} />
              <label for={id}>{l}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** A referral state as a coloured chip (colour is never the only cue: the text says it). */
export function StateChip({ state, overdue, reason }) {
  return (
    <span class="chips">
      <span class={`chip chip-${state}`}>{t(`state.${state}`)}</span>
      {overdue ? <span class="chip chip-overdue">{t('referral.overdue')}</span> : null}
      {state === 'rejected' && reason === 'no_response' ? <span class="chip chip-overdue">{t('referral.expired')}</span> : null}
    </span>
  );
}

/** The deadline cell of a box: when the outcome (not the answer) is awaited, it says so. */
export function DueCell({ due, outcome }) {
  if (!due) return <td>{'\u2014'}</td>;
  return <td>{outcome ? t('referral.outcome_by_line', { date: fmtDateTime(due) }) : fmtDateTime(due)}</td>;
}

/** Label for a code from a catalog group, falling back to the code itself. */
export function label(group, code) {
  if (code === undefined || code === null || code === '') return '';
  const key = `${group}.${code}`;
  const s = t(key);
  return s === key ? String(code) : s;
}

export function options(group, codes) { return codes.map((c) => [c, label(group, c)]); }

export const URGENCIES = ['emergency', 'high', 'normal'];
export const SEXES = ['female', 'male', 'other', 'unknown'];
export const MIGRATORY = ['regular', 'irregular', 'asylum_seeker', 'refugee', 'in_transit', 'returnee', 'stateless', 'unknown'];
export const SPECIFIC_NEEDS = ['disability', 'unaccompanied_child', 'separated_child', 'pregnancy', 'survivor_of_violence',
  'survivor_of_trafficking', 'elderly', 'chronic_illness'];
export const STATES = ['draft', 'requested', 'received', 'accepted', 'rejected', 'cancelled', 'in-progress', 'on-hold', 'completed', 'failed'];
export const REJECT_REASONS = ['no_capacity', 'not_eligible', 'outside_area', 'duplicate', 'unreachable', 'declined_by_person', 'other'];
export const OUTCOMES = ['service_provided', 'partly_provided', 'not_provided'];
export const SHARED_FIELDS = ['given_name', 'family_name', 'birth_date', 'sex', 'nationality', 'languages', 'phone', 'needs', 'specific_needs'];
export const ROLES = ['caseworker', 'partner', 'coordinator', 'org_admin', 'system_admin', 'auditor'];
export const ORG_KINDS = ['municipal_office', 'help_desk', 'national_agency', 'civil_society', 'international_organization',
  'migrant_association', 'faith_based', 'academia', 'private'];
export const CATEGORY_CODES = ['shelter', 'documentation', 'employment', 'health', 'mental_health', 'food', 'legal_aid',
  'education', 'language', 'financial_services', 'protection', 'housing'];
