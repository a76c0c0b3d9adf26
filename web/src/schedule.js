// A service's opening hours ({weekday 1..7 (ISO, 1 = Monday), opens "HH:MM", closes "HH:MM"})
// as lines a person reads: days with the same hours run together ("Mon–Fri 08:00–16:00").
// Times are the service's local time, as the server keeps them; they are shown as they are.
import { formatLocale } from './i18n/languages.js';

const MONDAY = Date.UTC(2024, 0, 1); // 1 January 2024 was a Monday

/** The short name of ISO weekday `n` (1 = Monday) in `code`. */
export function weekdayName(n, code, width = 'short') {
  const day = new Date(MONDAY + (n - 1) * 86400000);
  return new Intl.DateTimeFormat(formatLocale(code), { weekday: width, timeZone: 'UTC' }).format(day);
}

/** "HH:MM" in the locale's way of writing a time of day (e.g. 8:00 AM in English). */
export function timeOfDay(hhmm, code) {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm || '');
  if (!m) return hhmm || '';
  const at = new Date(Date.UTC(2024, 0, 1, Number(m[1]), Number(m[2])));
  return new Intl.DateTimeFormat(formatLocale(code), { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(at);
}

/** [{days: "Mon–Fri", hours: "8:00 AM–4:00 PM"}] in `code`; an empty schedule gives []. */
export function scheduleLines(schedule, code) {
  const byDay = new Map();
  for (const s of schedule || []) {
    if (!(s.weekday >= 1 && s.weekday <= 7)) continue;
    if (!byDay.has(s.weekday)) byDay.set(s.weekday, []);
    byDay.get(s.weekday).push(s);
  }
  const hoursOf = (day) => (byDay.get(day) || [])
    .slice().sort((a, b) => String(a.opens).localeCompare(String(b.opens)))
    .map((s) => `${timeOfDay(s.opens, code)}–${timeOfDay(s.closes, code)}`).join(', ');
  const lines = [];
  let run = null;
  for (let day = 1; day <= 8; day += 1) {
    const hours = day <= 7 ? hoursOf(day) : '';
    if (run && hours === run.hours && hours) { run.last = day; continue; }
    if (run) {
      const days = run.first === run.last ? weekdayName(run.first, code)
        : `${weekdayName(run.first, code)}${run.last - run.first === 1 ? ', ' : '–'}${weekdayName(run.last, code)}`;
      lines.push({ days, hours: run.hours });
    }
    run = hours ? { first: day, last: day, hours } : null;
  }
  return lines;
}
