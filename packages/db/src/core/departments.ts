import type { EntityManager } from '@mikro-orm/postgresql';
import { appError, notFound } from '@workmate/domain/errors';
import type { z } from 'zod';
import type { DepartmentCreateInput, DepartmentUpdateInput } from '@workmate/domain/schemas/core';
import { Department } from '../entities/department.ts';
import { Employee } from '../entities/employee.ts';
import { personRef } from '../shared/format.ts';
import { checkVersion, sentFields } from '../shared/versioning.ts';

export interface DepartmentDto {
  id: string;
  name: string;
  code: string;
  description: string | null;
  manager: { id: string; name: string } | null;
  employeeCount: number;
  version: number;
}

async function toDto(em: EntityManager, d: Department): Promise<DepartmentDto> {
  const employeeCount = await em.count(Employee, { department: d.id, deletedAt: null });
  const manager = d.manager ? await em.findOne(Employee, { id: d.manager.id }) : null;
  return {
    id: d.id,
    name: d.name,
    code: d.code,
    description: d.description ?? null,
    manager: personRef(manager),
    employeeCount,
    version: d.version,
  };
}

async function managerRef(em: EntityManager, managerId: string | null | undefined) {
  if (managerId === undefined) return undefined;
  if (managerId === null) return null;
  const manager = await em.findOne(Employee, { id: managerId, deletedAt: null });
  if (!manager) throw appError('BAD_REQUEST', 'department.managerNotEmployee', {}, { field: 'managerId' });
  return manager;
}

export async function listDepartments(em: EntityManager): Promise<DepartmentDto[]> {
  const all = await em.find(Department, {}, { orderBy: { name: 'asc' } });
  return Promise.all(all.map((d) => toDto(em, d)));
}

export async function getDepartment(em: EntityManager, id: string): Promise<DepartmentDto> {
  const d = await em.findOne(Department, { id });
  if (!d) throw notFound('Department', id);
  return toDto(em, d);
}

export async function createDepartment(em: EntityManager, input: z.output<typeof DepartmentCreateInput>): Promise<DepartmentDto> {
  const { managerId, ...fields } = input;
  const d = em.create(Department, { ...fields, manager: (await managerRef(em, managerId)) ?? null });
  await em.flush();
  return toDto(em, d);
}

export async function updateDepartment(em: EntityManager, input: z.output<typeof DepartmentUpdateInput>): Promise<DepartmentDto> {
  const { id, version, managerId, ...changes } = input;
  const d = await em.findOne(Department, { id });
  if (!d) throw notFound('Department', id);
  checkVersion(d, version, 'department');
  const manager = await managerRef(em, managerId);
  em.assign(d, { ...sentFields(changes), ...(manager === undefined ? {} : { manager }) });
  await em.flush();
  return toDto(em, d);
}

/** Only an empty department can be deleted, so nobody silently loses their department. */
export async function deleteDepartment(em: EntityManager, id: string): Promise<void> {
  const d = await em.findOne(Department, { id });
  if (!d) throw notFound('Department', id);
  const members = await em.count(Employee, { department: id, deletedAt: null });
  if (members > 0) throw appError('CONFLICT', 'department.hasMembers', { count: members }, { field: 'id' });
  em.remove(d);
  await em.flush();
}
