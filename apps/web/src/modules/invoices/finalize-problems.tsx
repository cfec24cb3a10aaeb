import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n.tsx';
import { errorCode, fieldErrorPaths, type FieldProblem } from '../../lib/errors.ts';
import { Alert } from '../../ui/alert.tsx';
import { useCan } from '../../lib/session.ts';
import type { Invoice } from './invoice-options.ts';

/**
 * What keeps a draft from being finalized, one line per problem, each with a link to where it is
 * fixed: the customer's record, the company settings, or the draft itself. Null when the error
 * is not such a list (then the caller shows it as usual).
 */
export function FinalizeProblems({ error, invoice }: { error: unknown; invoice: Invoice }) {
  const { t, tv } = useI18n();
  const can = useCan();
  const problems = errorCode(error) === 'BAD_REQUEST' ? Object.entries(fieldErrorPaths(error)) : [];
  if (!problems.length) return null;

  const fixLink = (path: string) => {
    if (path.startsWith('customer.')) return can('crm.read') ? { href: `/crm/customers/${invoice.customer.id}`, label: t('invoice.fixCustomer') } : null;
    if (path.startsWith('settings.')) return can('core.admin') ? { href: '/admin/settings', label: t('invoice.fixSettings') } : null;
    return can('invoices.write') ? { href: `/invoices/${invoice.id}/edit`, label: t('invoice.fixDraft') } : null;
  };
  const describe = (path: string, messages: FieldProblem[]) => {
    const text = messages.map(tv).join(' ');
    const line = /^lines\.(\d+)\.(\w+)$/.exec(path);
    if (line) {
      const field = line[2] === 'quantity' ? 'invoice.lineQuantity' : line[2] === 'unit' ? 'invoice.lineUnit' : 'invoice.lineDescription';
      // An e-invoice refusal of a unit is a whole sentence; a field rule ("is required") follows the field's name.
      return line[2] === 'unit' ? `${t('invoice.linePosition')} ${Number(line[1]) + 1} (${t(field)}): ${text}` : `${t('invoice.linePosition')} ${Number(line[1]) + 1}: ${t(field)} ${text}`;
    }
    return text;
  };

  return (
    <Alert kind="error" testId="finalize-problems">
      <div>
        <strong>{t('invoice.finalizeProblems')}</strong>
        <ul className="problem-list">
          {problems.map(([path, messages]) => {
            const fix = fixLink(path);
            return (
              <li key={path} data-testid="finalize-problem" data-field={path}>
                {describe(path, messages)}
                {fix ? (
                  <>
                    {' '}
                    <Link href={fix.href}>{fix.label}</Link>
                  </>
                ) : null}
              </li>
            );
          })}
        </ul>
      </div>
    </Alert>
  );
}
