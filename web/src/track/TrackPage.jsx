// The person's own view of a referral: code and PIN from the slip, then the category, the state,
// where to go, and what happened in the person's words. Nothing personal is shown or asked for.
import { useState, useRef, useEffect } from 'preact/hooks';
import loaders from 'virtual:track-messages';
import { LANGUAGES, formatLocale } from '../i18n/languages.js';
import { scheduleLines } from '../schedule.js';
import { fill } from './pick_messages.js';
import { lookUp, sendFeedback, failureKey, meaningKey } from './track_api.js';

export const OUTCOMES = ['got_service', 'turned_away', 'could_not_reach', 'other'];

export async function loadMessages(code) {
  return (await (loaders[code] || loaders.es)()).default;
}

function translator(messages) {
  return (key, values) => (key in messages ? fill(messages[key], values) : key);
}

/** Focuses an element when it appears, so a screen reader announces the new step. */
function useFocus(dep) {
  const ref = useRef(null);
  useEffect(() => { if (dep && ref.current) ref.current.focus(); }, [dep]);
  return ref;
}

function LookUpForm({ t, initialCode, onFound }) {
  const [code, setCode] = useState(initialCode);
  const [pin, setPin] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const errorRef = useFocus(error);
  const submit = async (e) => {
    e.preventDefault();
    if (!code.trim() || !pin.trim()) { setError('track.required'); return; }
    setBusy(true);
    try {
      const found = await lookUp(code, pin);
      setError('');
      onFound({ code, pin, found });
    } catch (err) {
      setError(failureKey(err.status));
    } finally { setBusy(false); }
  };
  return (
    <form onSubmit={submit} novalidate class="track-form">
      {error ? <div class="notice notice-error" role="alert" tabIndex={-1} ref={errorRef}><p data-testid="track-error">{t(error)}</p></div> : null}
      <div class="field">
        <label for="track-code">{t('track.code')}</label>
        <p class="hint" id="track-code-hint">{t('track.code_hint')}</p>
        <input id="track-code" name="code" value={code} onInput={(e) => setCode(e.currentTarget.value)} autoComplete="off"
          autoCapitalize="characters" spellcheck={false} aria-describedby="track-code-hint" required />
      </div>
      <div class="field">
        <label for="track-pin">{t('track.pin')}</label>
        <p class="hint" id="track-pin-hint">{t('track.pin_hint')}</p>
        <input id="track-pin" name="pin" type="password" inputMode="numeric" value={pin} onInput={(e) => setPin(e.currentTarget.value)}
          autoComplete="off" aria-describedby="track-pin-hint" required />
      </div>
      <button type="submit" class="button" disabled={busy}>{t('track.submit')}</button>
    </form>
  );
}

function Hours({ service, lang }) {
  const lines = scheduleLines(service.schedule, lang);
  if (lines.length) return <ul class="plain">{lines.map((l) => <li key={l.days}>{l.days} {l.hours}</li>)}</ul>;
  return <>{service.hours}</>;
}

function WhereToGo({ t, service, lang }) {
  const rows = [
    ['track.service', service.name],
    ['track.organization', service.organization],
    ['track.address', service.address],
    ['track.phone', service.phone],
    ['track.hours', (service.schedule && service.schedule.length) || service.hours ? <Hours service={service} lang={lang} /> : null],
    ['track.how_to_apply', service.how_to_apply],
  ].filter(([, v]) => v);
  if (!rows.length) return null;
  return (
    <section aria-labelledby="track-where">
      <h2 id="track-where">{t('track.where')}</h2>
      <dl class="details">{rows.map(([k, v]) => <div key={k}><dt>{t(k)}</dt><dd>{v}</dd></div>)}</dl>
    </section>
  );
}

function Feedback({ t, code, pin }) {
  const [outcome, setOutcome] = useState('');
  const [rating, setRating] = useState('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState('');
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const errorRef = useFocus(error);
  const doneRef = useFocus(sent);
  const submit = async (e) => {
    e.preventDefault();
    if (!outcome) { setError('track.choose_outcome'); return; }
    setBusy(true);
    try {
      await sendFeedback(code, pin, { outcome, ...(rating ? { rating: Number(rating) } : {}), ...(comment.trim() ? { comment: comment.trim() } : {}) });
      setError('');
      setSent(true);
    } catch (err) {
      setError(err.status === 429 || err.status === 0 ? failureKey(err.status) : 'track.feedback_failed');
    } finally { setBusy(false); }
  };
  if (sent) return <div class="notice notice-success" role="status" tabIndex={-1} ref={doneRef}><p>{t('track.thanks')}</p></div>;
  return (
    <section aria-labelledby="track-feedback">
      <h2 id="track-feedback">{t('track.feedback_title')}</h2>
      <p class="hint">{t('track.feedback_lead')}</p>
      <form onSubmit={submit} novalidate>
        {error ? <div class="notice notice-error" role="alert" tabIndex={-1} ref={errorRef}><p>{t(error)}</p></div> : null}
        <fieldset class="field">
          <legend>{t('track.outcome')}</legend>
          <div class="choices">
            {OUTCOMES.map((o) => (
              <div class="choice" key={o}>
                <input type="radio" id={`track-outcome-${o}`} name="outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} />
                <label for={`track-outcome-${o}`}>{t(`track.outcome_${o}`)}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <fieldset class="field">
          <legend>{t('track.rating')}</legend>
          <p class="hint">{t('track.rating_hint')}</p>
          <div class="choices choices-inline">
            {['1', '2', '3', '4', '5'].map((n) => (
              <div class="choice" key={n}>
                <input type="radio" id={`track-rating-${n}`} name="rating" value={n} checked={rating === n} onChange={() => setRating(n)} />
                <label for={`track-rating-${n}`}>{n}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <div class="field field-wide">
          <label for="track-comment">{t('track.comment')}</label>
          <p class="hint" id="track-comment-hint">{t('track.comment_hint')}</p>
          <textarea id="track-comment" name="comment" rows={3} maxLength={1000} value={comment} aria-describedby="track-comment-hint"
            onInput={(e) => setComment(e.currentTarget.value)} />
        </div>
        <button type="submit" class="button" disabled={busy}>{t('track.send')}</button>
      </form>
    </section>
  );
}

function Referral({ t, lang, seen, onAgain }) {
  const { found } = seen;
  const headRef = useFocus(seen);
  const date = found.updated_at ? new Intl.DateTimeFormat(formatLocale(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(found.updated_at)) : '';
  const category = t(`category.${found.category}`);
  return (
    <div>
      <h2 ref={headRef} tabIndex={-1} data-testid="track-category">{category === `category.${found.category}` ? found.category : category}</h2>
      <dl class="details">
        <div><dt>{t('track.status')}</dt><dd><strong data-testid="track-status">{t(`state.${found.status}`)}</strong>. {t(meaningKey(found.status))}</dd></div>
        {date ? <div><dt>{t('track.updated')}</dt><dd>{date}</dd></div> : null}
      </dl>
      {found.service ? <WhereToGo t={t} service={found.service} lang={lang} /> : null}
      <Feedback t={t} code={seen.code} pin={seen.pin} />
      <p><button type="button" class="button button-secondary" onClick={onAgain}>{t('track.another')}</button></p>
    </div>
  );
}

export function TrackApp({ initialLang, initialMessages, initialCode }) {
  const [lang, setLang] = useState(initialLang);
  const [messages, setMessages] = useState(initialMessages);
  const [seen, setSeen] = useState(null);
  const t = translator(messages);
  useEffect(() => { document.documentElement.lang = lang; document.title = `${t('track.title')} – Enlace`; }, [lang, messages]);
  const choose = async (code) => {
    // With no network the page stays in the language it has.
    try { setMessages(await loadMessages(code)); } catch { return; }
    setLang(code);
    try { localStorage.setItem('enlace.lang', code); } catch { /* private mode */ }
  };
  return (
    <>
      <a class="skip-link" href="#main">{t('track.skip')}</a>
      <header class="site-header">
        <div class="header-inner">
          <span class="brand">Enlace</span>
          <div class="lang-switch">
            <label for="lang-select">{t('track.language')}</label>
            <select id="lang-select" value={lang} onChange={(e) => choose(e.currentTarget.value)}>
              {LANGUAGES.map((l) => <option key={l.code} value={l.code} lang={l.code}>{l.name}</option>)}
            </select>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} class="track">
        <h1>{t('track.title')}</h1>
        {seen ? <Referral t={t} lang={lang} seen={seen} onAgain={() => setSeen(null)} />
          : <><p class="lead">{t('track.lead')}</p><LookUpForm t={t} initialCode={initialCode} onFound={setSeen} /></>}
        <p class="muted">{t('track.nothing_personal')}</p>
      </main>
    </>
  );
}
