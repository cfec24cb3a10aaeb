import type { MessageKey } from '../i18n/i18n.tsx';

export interface NavItem {
  href: string;
  label: MessageKey;
  permission: string;
  testId: string;
}

export interface NavGroup {
  label: MessageKey;
  items: NavItem[];
}

export const NAV: NavGroup[] = [
  {
    label: 'nav.crm',
    items: [
      { href: '/crm', label: 'nav.dashboard', permission: 'crm.read', testId: 'nav-crm-dashboard' },
      { href: '/crm/customers', label: 'nav.customers', permission: 'crm.read', testId: 'nav-customers' },
      { href: '/crm/contacts', label: 'nav.contacts', permission: 'crm.read', testId: 'nav-contacts' },
    ],
  },
  {
    label: 'nav.admin',
    items: [
      { href: '/admin/employees', label: 'nav.employees', permission: 'core.read', testId: 'nav-employees' },
      { href: '/admin/departments', label: 'nav.departments', permission: 'core.read', testId: 'nav-departments' },
      { href: '/admin/roles', label: 'nav.roles', permission: 'core.read', testId: 'nav-roles' },
      { href: '/admin/settings', label: 'nav.settings', permission: 'core.admin', testId: 'nav-settings' },
      { href: '/admin/audit', label: 'nav.audit', permission: 'audit.read', testId: 'nav-audit' },
    ],
  },
];

export function isActive(href: string, location: string): boolean {
  if (href === '/crm') return location === '/crm';
  return location === href || location.startsWith(`${href}/`);
}
