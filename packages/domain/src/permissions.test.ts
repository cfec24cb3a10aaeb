import { describe, expect, it } from 'vitest';
import { hasPermission, SYSTEM_ROLES } from './permissions.ts';

describe('hasPermission', () => {
  it('grants everything to *', () => {
    expect(hasPermission(['*'], 'crm.write')).toBe(true);
    expect(hasPermission(['*'], 'core.admin')).toBe(true);
  });
  it('grants a module to module.*, and nothing else', () => {
    expect(hasPermission(['crm.*'], 'crm.write')).toBe(true);
    expect(hasPermission(['crm.*'], 'crm.customers.restore')).toBe(true);
    expect(hasPermission(['crm.*'], 'core.read')).toBe(false);
    expect(hasPermission(['crm.*'], 'crm')).toBe(false);
  });
  it('matches exact names only', () => {
    expect(hasPermission(['crm.read'], 'crm.read')).toBe(true);
    expect(hasPermission(['crm.read'], 'crm.write')).toBe(false);
    expect(hasPermission(['crm.read'], 'crm.readx')).toBe(false);
    expect(hasPermission([], 'crm.read')).toBe(false);
  });
  it('lets *.read read everywhere but never write', () => {
    expect(hasPermission(['*.read'], 'crm.read')).toBe(true);
    expect(hasPermission(['*.read'], 'audit.read')).toBe(true);
    expect(hasPermission(['*.read'], 'crm.write')).toBe(false);
    expect(hasPermission(['*.read'], 'core.admin')).toBe(false);
  });
  it('gives the auditor role no write permission of any module', () => {
    for (const p of ['crm.write', 'crm.delete', 'crm.restore', 'core.admin']) expect(hasPermission(SYSTEM_ROLES.Auditor.permissions, p)).toBe(false);
  });
});
