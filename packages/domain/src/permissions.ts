/**
 * Permission strings are dotted names (`crm.write`). A role grants a list of patterns where a
 * `*` segment matches any one segment and a trailing `*` matches the rest: `*` is everything,
 * `crm.*` is all of CRM, `*.read` is reading everywhere (the auditor).
 */
export const PERMISSIONS = [
  'crm.read',
  'crm.write',
  'crm.delete',
  'crm.restore',
  'core.read',
  'core.admin',
  'audit.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_PATTERN = /^(\*|[a-zA-Z][a-zA-Z0-9]*)(\.(\*|[a-zA-Z][a-zA-Z0-9]*))*$/;

function matches(pattern: string, permission: string): boolean {
  const want = permission.split('.');
  const have = pattern.split('.');
  for (let i = 0; i < have.length; i++) {
    const segment = have[i];
    // A trailing `*` covers every remaining segment.
    if (segment === '*' && i === have.length - 1) return want.length >= i + 1;
    if (i >= want.length) return false;
    if (segment !== '*' && segment !== want[i]) return false;
  }
  return have.length === want.length;
}

export function hasPermission(granted: readonly string[], permission: string): boolean {
  return granted.some((pattern) => matches(pattern, permission));
}

/** The roles every installation starts with. */
export const SYSTEM_ROLES = {
  Admin: { description: 'Full access, including administration', permissions: ['*'] },
  Manager: {
    description: 'Runs customers and teams; no system administration',
    permissions: ['crm.read', 'crm.write', 'crm.delete', 'core.read'],
  },
  Employee: { description: 'Daily work with customers', permissions: ['crm.read', 'crm.write', 'core.read'] },
  Accountant: { description: 'Finance; reads customers and the audit trail', permissions: ['crm.read', 'core.read', 'audit.read'] },
  Auditor: { description: 'Read-only everywhere', permissions: ['*.read'] },
} as const satisfies Record<string, { description: string; permissions: readonly string[] }>;
export type SystemRoleName = keyof typeof SYSTEM_ROLES;
