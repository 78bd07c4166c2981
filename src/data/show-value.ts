// Quoting a value read from a file in a message, never a crash: a hostile file may nest arrays
// 10,000 deep, and JSON.stringify then throws a RangeError (found by fuzzing, in the GeoJSON
// reader's "found type …").

/** A value as JSON, or a few words when it is too deeply nested to write. */
export function jsonText(value: unknown): string {
  // NaN and Infinity as themselves (JSON would write null), as storage can hold them.
  if (typeof value === 'number') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Array.isArray(value) ? 'arrays nested too deeply to show' : typeof value === 'object' ? 'an object nested too deeply to show' : String(value);
  }
}

/** At most this much of a bad value is quoted in a message. */
const SHOWN_CHARACTERS = 60;

/** A value as a message quotes it: short (enough to recognise it, not a whole list of coordinates), and never a crash. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = jsonText(value);
  return text.length > SHOWN_CHARACTERS ? `${text.slice(0, SHOWN_CHARACTERS)}…` : text;
}
