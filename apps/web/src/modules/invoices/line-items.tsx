import { TAX_RATES } from '@workmate/domain/enums';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import type { FieldErrors } from '../../lib/errors.ts';
import type { LineCheck, LineValues } from './invoice-values.ts';

interface Props {
  lines: LineValues[];
  onChange: (next: LineValues[]) => void;
  onAdd: () => void;
  checks: LineCheck[];
  nets: Array<string | null>;
  errors: Record<string, FieldErrors>;
}

type Field = 'description' | 'quantity' | 'unit' | 'unitPrice' | 'taxRate';

/** The line items of a draft as an editable table; on phones each line is a small card. */
export function LineItems({ lines, onChange, onAdd, checks, nets, errors }: Props) {
  const { t, tv, formatMoney } = useI18n();
  const update = (index: number, field: Field, value: string) => onChange(lines.map((l, i) => (i === index ? { ...l, [field]: value } : l)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...lines];
    const [line] = next.splice(index, 1);
    if (line) next.splice(index + by, 0, line);
    onChange(next);
  };
  const remove = (index: number) => onChange(lines.filter((_, i) => i !== index));

  return (
    <>
      {lines.length ? (
        <div className="table-wrap">
          <table className="table table-top line-table" data-testid="line-table">
            <thead>
              <tr>
                <th>{t('invoice.linePosition')}</th>
                <th>{t('invoice.lineDescription')}</th>
                <th>{t('invoice.lineQuantity')}</th>
                <th>{t('invoice.lineUnit')}</th>
                <th>{t('invoice.lineUnitPrice')}</th>
                <th>{t('invoice.lineTaxRate')}</th>
                <th className="num">{t('invoice.lineNet')}</th>
                <th>
                  <span className="sr-only">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l, i) => {
                const check = checks[i];
                const errs = errors[l.key] ?? {};
                // What the server said wins; else what the live check found in a non-empty field.
                const problem = (field: Field) => errs[field] ?? (field === 'quantity' && check?.quantityProblem ? [check.quantityProblem] : field === 'unitPrice' && check?.unitPriceProblem ? [check.unitPriceProblem] : undefined);
                // The messages sit under the description (the wide column); the other cells are only marked.
                const fieldLabels: Record<Field, string> = {
                  description: t('invoice.lineDescription'),
                  quantity: t('invoice.lineQuantity'),
                  unit: t('invoice.lineUnit'),
                  unitPrice: t('invoice.lineUnitPrice'),
                  taxRate: t('invoice.lineTaxRate'),
                };
                const messages = (Object.keys(fieldLabels) as Field[]).flatMap((f) => {
                  const p = problem(f);
                  return p ? [`${fieldLabels[f]}: ${p.map(tv).join(' ')}`] : [];
                });
                const cell = (field: Field, input: ReactNode, extra?: ReactNode) => (
                  <td className={`line-${field}${problem(field) ? ' field-invalid' : ''}`} data-label={fieldLabels[field]}>
                    {input}
                    {extra}
                  </td>
                );
                const net = nets[i];
                const label = (name: string) => `${t('invoice.linePosition')} ${i + 1}: ${name}`;
                return (
                  <tr key={l.key} data-testid="line-row">
                    <td className="line-pos mono">{i + 1}</td>
                    {cell(
                      'description',
                      <textarea rows={2} value={l.description} onChange={(e) => update(i, 'description', e.target.value)} aria-label={label(t('invoice.lineDescription'))} data-testid="line-description" />,
                      <>
                        {l.timeEntryCount ? <span className="muted small block">{t('invoice.lineTimeEntries', { count: l.timeEntryCount })}</span> : null}
                        {messages.length ? (
                          <small className="field-error" role="alert" data-testid="line-error">
                            {messages.join(' · ')}
                          </small>
                        ) : null}
                      </>,
                    )}
                    {cell(
                      'quantity',
                      <input value={l.quantity} inputMode="decimal" aria-invalid={problem('quantity') ? true : undefined} onChange={(e) => update(i, 'quantity', e.target.value)} aria-label={label(t('invoice.lineQuantity'))} data-testid="line-quantity" />,
                    )}
                    {cell('unit', <input value={l.unit} onChange={(e) => update(i, 'unit', e.target.value)} aria-label={label(t('invoice.lineUnit'))} data-testid="line-unit" />)}
                    {cell(
                      'unitPrice',
                      <input value={l.unitPrice} inputMode="decimal" aria-invalid={problem('unitPrice') ? true : undefined} onChange={(e) => update(i, 'unitPrice', e.target.value)} aria-label={label(t('invoice.lineUnitPrice'))} data-testid="line-unit-price" />,
                    )}
                    {cell(
                      'taxRate',
                      <select value={l.taxRate} onChange={(e) => update(i, 'taxRate', e.target.value)} aria-label={label(t('invoice.lineTaxRate'))} data-testid="line-tax-rate">
                        {TAX_RATES.map((r) => (
                          <option key={r} value={String(r)}>
                            {`${r} %`}
                          </option>
                        ))}
                      </select>,
                    )}
                    <td className="num nowrap line-net-cell" data-label={t('invoice.lineNet')}>
                      <span data-testid="line-net" data-amount={net ?? ''}>
                        {net === null || net === undefined ? '—' : formatMoney(net)}
                      </span>
                    </td>
                    <td className="cell-actions line-actions">
                      <button type="button" className="btn btn-small btn-ghost" disabled={i === 0} onClick={() => move(i, -1)} aria-label={label(t('invoice.lineUp'))} title={t('invoice.lineUp')} data-testid="line-up">
                        ↑
                      </button>
                      <button type="button" className="btn btn-small btn-ghost" disabled={i === lines.length - 1} onClick={() => move(i, 1)} aria-label={label(t('invoice.lineDown'))} title={t('invoice.lineDown')} data-testid="line-down">
                        ↓
                      </button>
                      <button type="button" className="btn btn-small btn-ghost btn-danger" onClick={() => remove(i)} aria-label={label(t('invoice.lineRemove'))} title={t('invoice.lineRemove')} data-testid="line-remove">
                        ×
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty">{t('invoice.noLines')}</p>
      )}
      <div className="line-add">
        <button type="button" className="btn" onClick={onAdd} data-testid="line-add">
          + {t('invoice.lineAdd')}
        </button>
      </div>
    </>
  );
}
