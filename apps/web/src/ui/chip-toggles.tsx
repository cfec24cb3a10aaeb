import type { Option } from './form-fields.tsx';

/** A multiple choice as a row of toggle buttons (`aria-pressed`); nothing pressed means "all". */
export function ChipToggles({ label, options, selected, onChange, testId }: { label: string; options: Option[]; selected: string[]; onChange: (next: string[]) => void; testId?: string }) {
  const toggle = (value: string) => onChange(selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value]);
  return (
    <div className="chip-toggles" role="group" aria-label={label} data-testid={testId}>
      <span className="chip-toggles-label" aria-hidden="true">
        {label}:
      </span>
      {options.map((o) => (
        <button key={o.value} type="button" className="chip-toggle" aria-pressed={selected.includes(o.value)} onClick={() => toggle(o.value)} data-value={o.value}>
          {o.label}
        </button>
      ))}
    </div>
  );
}
