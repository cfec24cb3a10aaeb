import { divRound, formatDecimalComma, fromCents } from '@workmate/domain/money';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { de, type MessageKey, type Messages } from './de.ts';
import { en } from './en.ts';
import type { ErrorIssue } from '@workmate/domain/error-codes';
import type { FieldProblem } from '../lib/field-errors.ts';
import { errorText, problemText } from './error-text.ts';

export type Lang = 'de' | 'en';
export type { MessageKey };
export type TFunction = (key: MessageKey, params?: Record<string, string | number>) => string;

const STORAGE_KEY = 'workmate.lang';
const dictionaries: Record<Lang, Messages> = { de, en };

function readStoredLang(): Lang | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored === 'de' || stored === 'en' ? stored : null;
  } catch {
    return null;
  }
}

export function hasStoredLang(): boolean {
  return readStoredLang() !== null;
}

export function interpolate(text: string, params?: Record<string, string | number>): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (all, name: string) => (name in params ? String(params[name]) : all));
}

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: TFunction;
  /** A message key built at runtime (enum labels); falls back to the raw value. */
  tOr: (key: string, fallback: string) => string;
  /** A field problem or refusal in the reader's language: by its error code; a text without one as it came. */
  tv: (problem: FieldProblem) => string;
  /** An error code with its parameters in the reader's language. */
  te: (issue: ErrorIssue, fallback?: string) => string;
  formatDateTime: (iso: string | null | undefined) => string;
  formatDate: (iso: string | null | undefined) => string;
  formatNumber: (n: number) => string;
  /** Time of day in Berlin, "14:30". */
  formatTime: (iso: string | null | undefined) => string;
  /** A decimal-string amount ("1234.5") as "1.234,50 €" / "€1,234.50" — formatted from the string, never via a float. */
  formatMoney: (amount: string | null | undefined) => string;
  /** Minutes as decimal hours with two places: "7,50" / "7.50". */
  formatHours: (minutes: number) => string;
  /** A decimal-string percentage ("87.5") as "87,5 %" / "87.5%". */
  formatPercent: (value: string | number | null | undefined) => string;
}

/** "1.234,50" (German) → "1,234.50" (English). */
const toEnglishDecimal = (german: string) => german.replace(/[.,]/g, (c) => (c === '.' ? ',' : '.'));

/** Texts and formats of one language, without React (the web app's pure helpers and their tests use it too). */
export function formattersFor(lang: Lang): Omit<I18nValue, 'setLang'> {
  const dict = dictionaries[lang];
  const locale = lang === 'de' ? 'de-DE' : 'en-GB';
  const dateTime = new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'short' });
  const dateOnly = new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Berlin', dateStyle: 'medium' });
  // Calendar dates (YYYY-MM-DD) have no time zone: format them as UTC so they never shift a day.
  const calendar = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'medium' });
  const number = new Intl.NumberFormat(locale);
  const time = new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const decimal = (german: string) => (lang === 'de' ? german : toEnglishDecimal(german));
  const t: TFunction = (key, params) => interpolate(dict[key] ?? key, params);
  return {
    lang,
    t,
    tOr: (key, fallback) => (key in dict ? dict[key as MessageKey] : fallback),
    tv: (problem) => problemText(lang, problem),
    te: (issue, fallback) => errorText(lang, issue, fallback),
    formatDateTime: (iso) => (iso ? dateTime.format(new Date(iso)) : '—'),
    formatDate: (iso) => {
      if (!iso) return '—';
      if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return calendar.format(new Date(`${iso}T00:00:00Z`));
      return dateOnly.format(new Date(iso));
    },
    formatNumber: (n) => number.format(n),
    formatTime: (iso) => (iso ? time.format(new Date(iso)) : '—'),
    formatMoney: (amount) => {
      if (amount === null || amount === undefined || amount === '') return '—';
      const text = decimal(formatDecimalComma(amount, { grouping: true }));
      return lang === 'de' ? `${text} €` : text.startsWith('-') ? `-€${text.slice(1)}` : `€${text}`;
    },
    formatHours: (minutes) => decimal(formatDecimalComma(fromCents(divRound(BigInt(Math.round(minutes)) * 100n, 60n)), { grouping: true })),
    formatPercent: (value) => {
      if (value === null || value === undefined || value === '') return '—';
      const text = String(value);
      return lang === 'de' ? `${text.replace('.', ',')} %` : `${text}%`;
    },
  };
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => readStoredLang() ?? 'de');

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* private mode: keep it for this tab only */
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const value = useMemo<I18nValue>(() => ({ ...formattersFor(lang), setLang }), [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n() must be used inside <I18nProvider>');
  return value;
}

export function useT(): TFunction {
  return useI18n().t;
}
