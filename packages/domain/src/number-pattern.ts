/**
 * Document numbers come from a pattern such as `KIT-CUS-{NNNNNN}` or `RE-{YYYY}-{NNNN}`:
 * `{YYYY}`/`{YY}` insert the year, a run of N the zero-padded counter. A pattern that uses the
 * year restarts its counter every year; one without it counts forever.
 */
const TOKEN = /\{(YYYY|YY|N+)\}/g;

export function validateNumberPattern(pattern: string): string | null {
  if (pattern.length === 0 || pattern.length > 60) return 'must be 1 to 60 characters';
  const counters = [...pattern.matchAll(TOKEN)].filter((m) => m[1]?.startsWith('N'));
  if (counters.length !== 1) return 'must contain exactly one counter such as {NNNN}';
  const rest = pattern.replace(TOKEN, '');
  if (/[{}]/.test(rest)) return 'contains an unknown placeholder (use {YYYY}, {YY} or {NNNN})';
  if (!/^[A-Za-z0-9\-_/.]*$/.test(rest)) return 'may only contain letters, digits and - _ / .';
  return null;
}

export function patternUsesYear(pattern: string): boolean {
  return pattern.includes('{YYYY}') || pattern.includes('{YY}');
}

export function formatNumber(pattern: string, counter: number, year: number): string {
  return pattern.replace(TOKEN, (_all, token: string) => {
    if (token === 'YYYY') return String(year);
    if (token === 'YY') return String(year % 100).padStart(2, '0');
    return String(counter).padStart(token.length, '0');
  });
}
