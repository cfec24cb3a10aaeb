import { useCallback, useState } from 'react';
import type { z } from 'zod';
import { problemOf, type FieldErrors } from '../lib/field-errors.ts';

export type FormValues = Record<string, string | boolean>;

/** Field errors keyed by the first path segment, as the server sends them. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : '_';
    // By its code where it has one (a limit with its number: "must be at most 200 characters").
    (out[key] ??= []).push(problemOf(issue));
  }
  return out;
}

/** A DTO as form values: null and undefined become '', everything else a string or boolean. */
export function toFormValues<K extends string>(source: Partial<Record<K, unknown>> | null | undefined, keys: readonly K[]): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const key of keys) {
    const value = source?.[key];
    out[key] = value === null || value === undefined ? '' : String(value);
  }
  return out;
}

/** The keys whose form value differs from what was loaded. */
export function changedKeys<T extends FormValues>(values: T, initial: T): Array<keyof T & string> {
  return (Object.keys(values) as Array<keyof T & string>).filter((k) => values[k] !== initial[k]);
}

export function pick<T extends object>(source: T, keys: readonly string[]): Partial<T> {
  const out: Partial<T> = {};
  for (const key of keys) if (key in source) (out as Record<string, unknown>)[key] = (source as Record<string, unknown>)[key];
  return out;
}

export function useForm<T extends FormValues>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});

  const set = useCallback(<K extends keyof T>(name: K, value: T[K]) => {
    setValues((prev) => ({ ...prev, [name]: value }));
    setErrors((prev) => {
      if (!(name in prev)) return prev;
      const next = { ...prev };
      delete next[name as string];
      return next;
    });
  }, []);

  const reset = useCallback((next: T) => {
    setValues(next);
    setErrors({});
  }, []);

  /** Props for a text-like field bound to `name`. */
  const text = (name: keyof T & string) => ({
    name,
    value: String(values[name] ?? ''),
    onChange: (v: string) => set(name, v as T[typeof name]),
    error: errors[name],
  });

  const check = (name: keyof T & string) => ({
    name,
    checked: Boolean(values[name]),
    onChange: (v: boolean) => set(name, v as T[typeof name]),
    error: errors[name],
  });

  return { values, set, reset, errors, setErrors, text, check };
}
