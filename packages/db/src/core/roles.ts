import type { EntityManager } from '@mikro-orm/postgresql';
import { appError, notFound } from '@workmate/domain/errors';
import type { z } from 'zod';
import type { RoleCreateInput, RoleUpdateInput } from '@workmate/domain/schemas/core';
import { Employee } from '../entities/employee.ts';
import { Role } from '../entities/role.ts';
import { checkVersion, sentFields } from '../shared/versioning.ts';

export interface RoleDto {
  id: string;
  name: string;
  description: string | null;
  permissions: string[];
  isSystem: boolean;
  employeeCount: number;
  version: number;
}

async function toDto(em: EntityManager, role: Role): Promise<RoleDto> {
  const employeeCount = await em.count(Employee, { role: role.id, deletedAt: null });
  return { id: role.id, name: role.name, description: role.description ?? null, permissions: [...role.permissions], isSystem: role.isSystem, employeeCount, version: role.version };
}

export async function listRoles(em: EntityManager): Promise<RoleDto[]> {
  const roles = await em.find(Role, {}, { orderBy: { name: 'asc' } });
  return Promise.all(roles.map((r) => toDto(em, r)));
}

export async function getRole(em: EntityManager, id: string): Promise<RoleDto> {
  const role = await em.findOne(Role, { id });
  if (!role) throw notFound('Role', id);
  return toDto(em, role);
}

export async function createRole(em: EntityManager, input: z.output<typeof RoleCreateInput>): Promise<RoleDto> {
  const role = em.create(Role, { ...input, isSystem: false });
  await em.flush();
  return toDto(em, role);
}

export async function updateRole(em: EntityManager, input: z.output<typeof RoleUpdateInput>): Promise<RoleDto> {
  const { id, version, ...changes } = input;
  const role = await em.findOne(Role, { id });
  if (!role) throw notFound('Role', id);
  checkVersion(role, version, 'role');
  em.assign(role, sentFields(changes));
  await em.flush();
  return toDto(em, role);
}

/** A role can go only when nobody holds it, and the seeded roles stay. */
export async function deleteRole(em: EntityManager, id: string): Promise<void> {
  const role = await em.findOne(Role, { id });
  if (!role) throw notFound('Role', id);
  if (role.isSystem) throw appError('CONFLICT', 'role.builtIn', {}, { field: 'id' });
  const holders = await em.count(Employee, { role: id });
  if (holders > 0) throw appError('CONFLICT', 'role.hasHolders', { count: holders }, { field: 'id' });
  em.remove(role);
  await em.flush();
}
