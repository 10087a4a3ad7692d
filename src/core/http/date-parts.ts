/**
 * GOV.UK date inputs post a date as three fields (`startsOn-day`,
 * `startsOn-month`, `startsOn-year`); every form schema reads one
 * `startsOn` as YYYY-MM-DD. This joins them before the schema sees the form.
 * A month may be typed as a number or a name ("3", "Mar", "March"). Parts that
 * do not make a date are joined as typed ("31/2/2026"), so the schema's
 * "Enter a real date" shows, and the parts themselves stay in the form to be
 * shown again as they were typed.
 */
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function monthNumber(typed: string): string | undefined {
  if (/^\d{1,2}$/.test(typed)) return typed.padStart(2, '0');
  const index = MONTHS.indexOf(typed.toLowerCase().slice(0, 3));
  return index >= 0 && /^[a-z]+$/i.test(typed) ? String(index + 1).padStart(2, '0') : undefined;
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

export function joinDateParts(body: Record<string, unknown>): Record<string, unknown> {
  const joined: Record<string, unknown> = { ...body };
  for (const key of Object.keys(body)) {
    const match = /^(.+)-day$/.exec(key);
    if (!match || !(`${match[1]}-month` in body) || !(`${match[1]}-year` in body)) continue;
    const name = match[1];
    const [day, month, year] = ['day', 'month', 'year'].map((part) => text(body[`${name}-${part}`]));
    if (!day && !month && !year) {
      joined[name] = '';
      continue;
    }
    const monthDigits = monthNumber(month);
    joined[name] = /^\d{1,2}$/.test(day) && monthDigits && /^\d{4}$/.test(year) ? `${year}-${monthDigits}-${day.padStart(2, '0')}` : `${day}/${month}/${year}`;
  }
  return joined;
}
