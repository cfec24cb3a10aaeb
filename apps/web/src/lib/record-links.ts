/** Where a record linked by kind and id (reminders, documents, notifications) is shown. */
export function recordHref(entity: string | null | undefined, id: string | null | undefined): string | null {
  if (!entity || !id) return null;
  switch (entity) {
    case 'invoice':
      return `/invoices/${id}`;
    case 'project':
      return `/projects/${id}`;
    case 'customer':
      return `/crm/customers/${id}`;
    case 'expense':
      return `/finance/expenses/${id}`;
    case 'employee':
      return `/admin/employees/${id}`;
    case 'reminder':
      return '/reminders';
    default:
      return null;
  }
}
