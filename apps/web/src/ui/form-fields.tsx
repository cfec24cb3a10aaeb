import { useId, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import type { FieldProblem } from '../lib/field-errors.ts';

interface FieldShellProps {
  id: string;
  label: string;
  error?: FieldProblem[] | undefined;
  hint?: string | undefined;
  required?: boolean | undefined;
  wide?: boolean | undefined;
  children: ReactNode;
}

function FieldShell({ id, label, error, hint, required, wide, children }: FieldShellProps) {
  const { tv, t } = useI18n();
  return (
    <div className={`field${wide ? ' field-wide' : ''}${error?.length ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="required" title={t('common.required')}> *</span> : null}
      </label>
      {children}
      {hint ? <small id={`${id}-hint`} className="hint">{hint}</small> : null}
      {error?.length ? (
        <small id={`${id}-error`} className="field-error" role="alert">
          {error.map(tv).join(' ')}
        </small>
      ) : null}
    </div>
  );
}

function describedBy(id: string, error?: FieldProblem[], hint?: string) {
  const ids = [hint ? `${id}-hint` : '', error?.length ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

interface BaseProps {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: FieldProblem[] | undefined;
  hint?: string | undefined;
  required?: boolean | undefined;
  disabled?: boolean | undefined;
  wide?: boolean | undefined;
}

export function TextField(props: BaseProps & { type?: string; autoComplete?: string; placeholder?: string; inputMode?: 'numeric' | 'decimal' | 'email' | 'tel' | 'url' | 'text'; testId?: string }) {
  const id = useId();
  const { name, label, value, onChange, error, hint, required, disabled, wide, type = 'text' } = props;
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} required={required} wide={wide}>
      <input
        id={id}
        name={name}
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required={required}
        disabled={disabled}
        autoComplete={props.autoComplete}
        placeholder={props.placeholder}
        inputMode={props.inputMode}
        data-testid={props.testId}
        aria-invalid={error?.length ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
      />
    </FieldShell>
  );
}

export function TextAreaField(props: BaseProps & { rows?: number; testId?: string }) {
  const id = useId();
  const { name, label, value, onChange, error, hint, required, disabled, rows = 4 } = props;
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} required={required} wide>
      <textarea
        id={id}
        name={name}
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required={required}
        disabled={disabled}
        data-testid={props.testId}
        aria-invalid={error?.length ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
      />
    </FieldShell>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(props: BaseProps & { options: Option[]; emptyLabel?: string; testId?: string }) {
  const id = useId();
  const { name, label, value, onChange, error, hint, required, disabled, wide, options, emptyLabel } = props;
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} required={required} wide={wide}>
      <select
        id={id}
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required={required}
        disabled={disabled}
        data-testid={props.testId}
        aria-invalid={error?.length ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
      >
        {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckboxField(props: { name: string; label: string; checked: boolean; onChange: (checked: boolean) => void; error?: FieldProblem[] | undefined; disabled?: boolean; testId?: string }) {
  const id = useId();
  const { tv } = useI18n();
  return (
    <div className={`field field-check${props.error?.length ? ' field-invalid' : ''}`}>
      <input id={id} type="checkbox" name={props.name} checked={props.checked} disabled={props.disabled} onChange={(e) => props.onChange(e.target.checked)} data-testid={props.testId} />
      <label htmlFor={id}>{props.label}</label>
      {props.error?.length ? <small className="field-error" role="alert">{props.error.map(tv).join(' ')}</small> : null}
    </div>
  );
}
