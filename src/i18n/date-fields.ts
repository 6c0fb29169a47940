// The words and order of a date of birth, from Intl, so every locale gets its own month
// names, field names and field order without new catalog entries.

export type DateField = 'day' | 'month' | 'year';

/** The order a locale writes a date in: ['month', 'day', 'year'] for en-US. */
export function dateFieldOrder(locale: string): DateField[] {
  const parts = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).formatToParts(Date.UTC(2000, 0, 2));
  const order = parts.map((part) => part.type).filter((type): type is DateField => type === 'day' || type === 'month' || type === 'year');
  return order.length === 3 ? order : ['day', 'month', 'year'];
}

/** "Day", "Month", "Year" in the locale, capitalised for a label. */
export function dateFieldName(field: DateField, locale: string): string {
  const name = new Intl.DisplayNames(locale, { type: 'dateTimeField' }).of(field) ?? field;
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}

/** The twelve month names, January first. */
export function monthNames(locale: string): string[] {
  const format = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, month) => format.format(Date.UTC(2000, month, 1)));
}

/** `YYYY-MM-DD` when the day exists and is not in the future; undefined otherwise. */
export function birthDate(year: number, month: number, day: number, today = new Date()): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  if (date.getTime() > today.getTime()) return undefined;
  return date.toISOString().slice(0, 10);
}
