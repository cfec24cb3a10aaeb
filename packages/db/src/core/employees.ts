import type { EntityManager } from '@mikro-orm/postgresql';
import { appError, notFound } from '@workmate/domain/errors';
import type { PageResult } from '@workmate/domain/schemas/common';
import type { EmployeeCreateInput, EmployeeListInput, EmployeeUpdateInput } from '@workmate/domain/schemas/core';
import { hasPermission } from '@workmate/domain/permissions';
import type { z } from 'zod';
import { revokeAllApiTokens } from '../auth/api-tokens.ts';
import { hashPassword } from '../auth/password.ts';
import { assertPasswordNotCommon } from '../auth/password-policy.ts';
import { endAllSessions } from '../auth/sessions.ts';
import { Department } from '../entities/department.ts';
import { Employee } from '../entities/employee.ts';
import { Role } from '../entities/role.ts';
import type { Actor } from '../shared/actor.ts';
import { dateOnly, personRef } from '../shared/format.ts';
import { checkVersion, likePattern, sentFields } from '../shared/versioning.ts';

export interface EmployeeDto {
  id: string;
  employeeCode: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  gender: string | null;
  birthDate: string | null;
  nationality: string | null;
  bio: string | null;
  addressStreet: string | null;
  addressZip: string | null;
  addressCity: string | null;
  addressCountry: string | null;
  department: { id: string; name: string } | null;
  role: { id: string; name: string } | null;
  reportsTo: { id: string; name: string } | null;
  employmentType: string;
  hireDate: string | null;
  terminationDate: string | null;
  status: string;
  timezone: string;
  language: string;
  notificationsEnabled: boolean;
  defaultHourlyRate: string | null;
  canSignIn: boolean;
  lastLoginAt: string | null;
  deletedAt: string | null;
  createdAt: string;
  version: number;
}


export function toEmployeeDto(e: Employee): EmployeeDto {
  const dep = e.department;
  const role = e.role;
  const boss = e.reportsTo;
  return {
    id: e.id,
    employeeCode: e.employeeCode,
    firstName: e.firstName,
    lastName: e.lastName,
    email: e.email,
    phone: e.phone ?? null,
    gender: e.gender ?? null,
    birthDate: dateOnly(e.birthDate),
    nationality: e.nationality ?? null,
    bio: e.bio ?? null,
    addressStreet: e.addressStreet ?? null,
    addressZip: e.addressZip ?? null,
    addressCity: e.addressCity ?? null,
    addressCountry: e.addressCountry ?? null,
    department: dep ? { id: dep.id, name: dep.name } : null,
    role: role ? { id: role.id, name: role.name } : null,
    reportsTo: personRef(boss),
    employmentType: e.employmentType,
    hireDate: dateOnly(e.hireDate),
    terminationDate: dateOnly(e.terminationDate),
    status: e.status,
    timezone: e.timezone,
    language: e.language,
    notificationsEnabled: e.notificationsEnabled,
    defaultHourlyRate: e.defaultHourlyRate ?? null,
    canSignIn: e.passwordHash !== null && e.passwordHash !== undefined && e.status !== 'inactive' && !e.deletedAt,
    lastLoginAt: e.lastLoginAt?.toISOString() ?? null,
    deletedAt: e.deletedAt?.toISOString() ?? null,
    createdAt: e.createdAt.toISOString(),
    version: e.version,
  };
}

const POPULATE = ['department', 'role', 'reportsTo'] as const;


/** Private data of a person: shown to themselves and to those who manage employees, null to colleagues. */
export const PERSONAL_FIELDS = ['gender', 'birthDate', 'nationality', 'phone', 'addressStreet', 'addressZip', 'addressCity', 'addressCountry'] as const;

/**
 * core.employees.manage opens colleagues' personal data; core.admin does too, as whoever edits
 * an employee must see what they are changing.
 */
export const seesPersonalData = (viewer: Actor, employeeId: string) =>
  viewer.id === employeeId || hasPermission(viewer.permissions, 'core.employees.manage') || hasPermission(viewer.permissions, 'core.admin');

/** The record as this viewer may see it. */
export function employeeFor(viewer: Actor, e: Employee): EmployeeDto {
  const dto = toEmployeeDto(e);
  if (seesPersonalData(viewer, e.id)) return dto;
  for (const field of PERSONAL_FIELDS) dto[field] = null;
  return dto;
}

/** Resolves the id fields of an input to records, refusing ids that do not exist. */
async function relations(em: EntityManager, input: { departmentId?: string | null; roleId?: string | null; reportsToId?: string | null }) {
  const out: Record<string, unknown> = {};
  if (input.departmentId !== undefined) {
    out.department = input.departmentId === null ? null : await em.findOne(Department, { id: input.departmentId });
    if (out.department === null && input.departmentId !== null) throw appError('BAD_REQUEST', 'department.unknown', {}, { field: 'departmentId' });
  }
  if (input.roleId !== undefined) {
    out.role = input.roleId === null ? null : await em.findOne(Role, { id: input.roleId });
    if (out.role === null && input.roleId !== null) throw appError('BAD_REQUEST', 'role.unknown', {}, { field: 'roleId' });
  }
  if (input.reportsToId !== undefined) {
    out.reportsTo = input.reportsToId === null ? null : await em.findOne(Employee, { id: input.reportsToId, deletedAt: null });
    if (out.reportsTo === null && input.reportsToId !== null) throw appError('BAD_REQUEST', 'supervisor.unknown', {}, { field: 'reportsToId' });
  }
  return out;
}

export async function listEmployees(em: EntityManager, input: z.output<typeof EmployeeListInput>, viewer: Actor): Promise<PageResult<EmployeeDto>> {
  const where: Record<string, unknown> = input.includeDeleted ? {} : { deletedAt: null };
  if (input.status) where.status = input.status;
  if (input.departmentId) where.department = input.departmentId;
  if (input.roleId) where.role = input.roleId;
  if (input.search) {
    const like = likePattern(input.search);
    where.$or = [{ firstName: { $ilike: like } }, { lastName: { $ilike: like } }, { email: { $ilike: like } }, { employeeCode: { $ilike: like } }];
  }
  const [items, total] = await em.findAndCount(Employee, where, {
    populate: POPULATE,
    orderBy: { [input.sort]: input.direction, id: 'asc' },
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  });
  return { items: items.map((e) => employeeFor(viewer, e)), total, page: input.page, pageSize: input.pageSize };
}

/** Without a viewer the whole record (for the admin procedures that just changed it). */
export async function getEmployee(em: EntityManager, id: string, viewer?: Actor): Promise<EmployeeDto> {
  const e = await em.findOne(Employee, { id }, { populate: POPULATE });
  if (!e) throw notFound('Employee', id);
  return viewer ? employeeFor(viewer, e) : toEmployeeDto(e);
}

export async function createEmployee(em: EntityManager, input: EmployeeCreateInput): Promise<EmployeeDto> {
  const { password, departmentId, roleId, reportsToId, ...fields } = input;
  if (password) assertPasswordNotCommon(password);
  const rel = await relations(em, { departmentId: departmentId ?? null, roleId: roleId ?? null, reportsToId: reportsToId ?? null });
  const e = em.create(Employee, { ...fields, ...rel, passwordHash: password ? await hashPassword(password) : null });
  await em.flush();
  return getEmployee(em, (e as Employee).id);
}

export async function updateEmployee(em: EntityManager, input: EmployeeUpdateInput, actorId: string): Promise<EmployeeDto> {
  const { id, version, password, departmentId, roleId, reportsToId, ...changes } = input;
  if (password) assertPasswordNotCommon(password);
  const e = await em.findOne(Employee, { id, deletedAt: null }, { populate: POPULATE });
  if (!e) throw notFound('Employee', id);
  checkVersion(e, version, 'employee');
  if (id === actorId && changes.status === 'inactive') throw appError('BAD_REQUEST', 'employee.cannotDisableSelf', {}, { field: 'status' });
  if (reportsToId === id) throw appError('BAD_REQUEST', 'employee.reportsToSelf', {}, { field: 'reportsToId' });
  em.assign(e, { ...sentFields(changes), ...(await relations(em, { departmentId, roleId, reportsToId })) });
  if (password) e.passwordHash = await hashPassword(password);
  await em.flush();
  // A disabled account or a password set by an admin ends every open session at once, and
  // revokes the API tokens for good: re-enabling the account brings none of them back.
  if (e.status === 'inactive' || password) {
    await endAllSessions(em, e.id);
    await revokeAllApiTokens(em, e.id);
  }
  return toEmployeeDto(e);
}

/** Soft delete: the employee disappears from lists and cannot sign in; an admin can restore. */
export async function deleteEmployee(em: EntityManager, id: string, actorId: string): Promise<void> {
  if (id === actorId) throw appError('BAD_REQUEST', 'employee.cannotDeleteSelf', {}, { field: 'id' });
  const e = await em.findOne(Employee, { id, deletedAt: null });
  if (!e) throw notFound('Employee', id);
  e.deletedAt = new Date();
  await em.flush();
  await endAllSessions(em, id);
  // Revoked rather than hidden: a restored employee starts without tokens.
  await revokeAllApiTokens(em, id);
}

export async function restoreEmployee(em: EntityManager, id: string): Promise<EmployeeDto> {
  const e = await em.findOne(Employee, { id, deletedAt: { $ne: null } }, { populate: POPULATE });
  if (!e) throw notFound('Deleted employee', id);
  e.deletedAt = null;
  await em.flush();
  return toEmployeeDto(e);
}
