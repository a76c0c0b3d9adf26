import { describe, it, expect } from 'vitest';
import { scheduleLines, weekdayName } from '../src/schedule.js';

const weekdays = (opens, closes, days) => days.map((weekday) => ({ weekday, opens, closes }));

describe('opening hours', () => {
  it('runs days with the same hours together', () => {
    expect(scheduleLines([...weekdays('08:00', '16:00', [1, 2, 3, 4, 5]), { weekday: 6, opens: '09:00', closes: '12:00' }], 'en'))
      .toEqual([{ days: 'Mon–Fri', hours: '8:00 AM–4:00 PM' }, { days: 'Sat', hours: '9:00 AM–12:00 PM' }]);
  });

  it('keeps a split day together and names two neighbouring days with a comma', () => {
    const s = [...weekdays('08:00', '12:00', [1, 2]), ...weekdays('14:00', '17:00', [2, 1])];
    expect(scheduleLines(s, 'es')).toEqual([{ days: `${weekdayName(1, 'es')}, ${weekdayName(2, 'es')}`, hours: '8:00–12:00, 14:00–17:00' }]);
  });

  it('breaks runs at closed days and ignores impossible weekdays', () => {
    const lines = scheduleLines([...weekdays('10:00', '14:00', [1, 3]), { weekday: 9, opens: '10:00', closes: '14:00' }], 'en');
    expect(lines.map((l) => l.days)).toEqual(['Mon', 'Wed']);
    expect(scheduleLines([], 'en')).toEqual([]);
    expect(scheduleLines(undefined, 'en')).toEqual([]);
  });

  it('writes a night shift that runs past midnight as it is', () => {
    expect(scheduleLines([{ weekday: 5, opens: '20:00', closes: '06:00' }], 'es')).toEqual([{ days: weekdayName(5, 'es'), hours: '20:00–6:00' }]);
  });
});
