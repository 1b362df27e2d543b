/** Which fields of an edit form changed (pure, so it can be unit-tested). */
import dayjs from 'dayjs';

type FormValue = string | number | boolean | null | undefined | dayjs.Dayjs;

/** A form value in the API's terms: cleared or blank is null, a date is YYYY-MM-DD, text is trimmed. */
function asSent(value: FormValue): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (dayjs.isDayjs(value)) return value.format('YYYY-MM-DD');
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  return value;
}

/**
 * The fields of the form (those `before` has) whose value differs from before, as they are sent. Only
 * these go to the server: a field left as it was needs no right over anything it names.
 */
export function changedFields<T extends object>(before: T, after: Partial<T>): Record<string, string | number | boolean | null> {
  const changed: Record<string, string | number | boolean | null> = {};
  for (const field of Object.keys(before) as Array<keyof T & string>) {
    const old = asSent(before[field] as FormValue);
    const next = asSent(after[field] as FormValue);
    if (old !== next) changed[field] = next;
  }
  return changed;
}
