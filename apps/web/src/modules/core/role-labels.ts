import { SYSTEM_ROLES } from '@workmate/domain/permissions';

type TOr = (key: string, fallback: string) => string;

/** The built-in roles are stored with their English names; people read them in their language. Own roles keep their name. */
export function roleName(name: string, tOr: TOr): string {
  return name in SYSTEM_ROLES ? tOr(`systemRole.${name}`, name) : name;
}

export function roleDescription(name: string, stored: string | null | undefined, tOr: TOr): string | null {
  return name in SYSTEM_ROLES ? tOr(`systemRoleDescription.${name}`, stored ?? '') : (stored ?? null);
}

/** What a permission (or a pattern such as `invoices.*`) allows, in words. Unknown strings stay as they are. */
export function permissionText(permission: string, tOr: TOr): string {
  const own = tOr(`permission.${permission}`, '');
  if (own) return own;
  const area = /^([a-zA-Z]+)\.\*$/.exec(permission)?.[1];
  if (area) {
    const label = tOr(`permissionArea.${area}`, '');
    if (label) return tOr('permission.any', '{area}').replace('{area}', label);
  }
  return permission;
}
