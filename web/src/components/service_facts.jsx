// What a person needs to reach a service: where, when, how to apply, places free. Shared by the
// directory, the referral form and the slip (each in its own language through `st` and `code`).
import { t, lang, fmtDateTime } from '../i18n/index.js';
import { scheduleLines } from '../schedule.js';

/** Places free now: a number, or null when the service does not say. */
export function placesFree(s) {
  const v = s && (s.capacity_available ?? null);
  return typeof v === 'number' ? v : null;
}

/** The opening hours as a list, or the listing's free-text hours when it has no schedule. */
export function OpeningHours({ s, code = lang.value }) {
  const lines = scheduleLines(s.schedule, code);
  if (!lines.length) return s.hours ? <>{s.hours}</> : null;
  return <ul class="plain">{lines.map((l) => <li key={l.days}><span class="days">{l.days}</span> {l.hours}</li>)}</ul>;
}

/** "3 places free (updated ...)", "No places free" (flagged), or nothing when unknown. */
export function PlacesFree({ s, st = t }) {
  const n = placesFree(s);
  if (n === null) return null;
  const when = s.capacity_updated_at ? ` ${st('service.places_updated', { when: fmtDateTime(s.capacity_updated_at) })}` : '';
  return n > 0
    ? <>{st('service.places_free', { count: n })}{when}</>
    : <strong class="warn-text">{st('service.no_places')}{when}</strong>;
}

