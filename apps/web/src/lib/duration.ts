/** Durations as people type and read them: "1:30", "1,5" or "90m" in, "1:30" out. */

const pad2 = (n: number) => String(n).padStart(2, '0');

/** 95 → "1:35". */
export function formatMinutes(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const abs = Math.abs(Math.round(minutes));
  return `${sign}${Math.floor(abs / 60)}:${pad2(abs % 60)}`;
}

/** Elapsed milliseconds as "1:02:03"; never negative (the browser's clock may run behind the server's). */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  return `${h}:${pad2(m)}:${pad2(total % 60)}`;
}

/**
 * "1:30", "1,5", "1.5", "2", "90m" or "2h" → whole minutes; "" → 0; null when it is not a
 * duration. Decimal hours are rounded to the nearest minute.
 */
export function parseDuration(text: string): number | null {
  const value = text.trim().toLowerCase().replace(/\s+/g, '');
  if (value === '') return 0;
  let m = /^(\d{1,2}):([0-5]\d)$/.exec(value);
  if (m) return Number(m[1]) * 60 + Number(m[2]);
  m = /^(\d+)(?:m|min)$/.exec(value);
  if (m) return Number(m[1]);
  m = /^(\d{1,2})(?:[.,](\d{1,2}))?h?$/.exec(value);
  if (m) {
    const hundredths = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
    return Math.round((hundredths * 60) / 100);
  }
  return null;
}
