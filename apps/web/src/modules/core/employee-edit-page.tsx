import { useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'wouter';
import { useT } from '../../i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Loading, PageHeader } from '../../ui/page.tsx';
import { useCan } from '../../lib/session.ts';
import { EmployeeForm } from './employee-form.tsx';
import { EmployeeOidcLinks } from './employee-oidc-links.tsx';

/** `/admin/employees/new` (id null) or `/admin/employees/:id`. */
export function EmployeeEditPage({ id }: { id: string | null }) {
  const t = useT();
  const trpc = useTRPC();
  const can = useCan();
  const [, navigate] = useLocation();
  const employee = useQuery({ ...trpc.core.employees.get.queryOptions({ id: id ?? '' }), enabled: id !== null });
  // The OIDC card only where OIDC is on (the sign-in page's facts say so).
  const instance = useQuery(trpc.auth.instance.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const back = (
    <p className="breadcrumb">
      <Link href="/admin/employees">‹ {t('employee.listTitle')}</Link>
    </p>
  );

  if (id === null) {
    return (
      <>
        {back}
        <PageHeader title={t('employee.new')} />
        <EmployeeForm readOnly={false} onSaved={() => navigate('/admin/employees')} />
      </>
    );
  }
  if (employee.isPending) return <Loading />;
  if (!employee.data) {
    return (
      <>
        {back}
        <ErrorAlert error={employee.error} onRetry={() => void employee.refetch()} />
      </>
    );
  }
  const e = employee.data;
  return (
    <>
      {back}
      <PageHeader title={`${e.firstName} ${e.lastName}`}>
        <span className="mono muted">{e.employeeCode}</span>
        {e.deletedAt ? <Badge tone="danger">{t('employee.deactivated')}</Badge> : null}
      </PageHeader>
      <EmployeeForm key={e.version} employee={e} readOnly={!can('core.admin')} onSaved={() => navigate('/admin/employees')} />
      {instance.data?.oidc && can('core.admin') ? <EmployeeOidcLinks employeeId={e.id} /> : null}
    </>
  );
}
