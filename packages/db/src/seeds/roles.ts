import type { EntityManager } from '@mikro-orm/postgresql';
import { SYSTEM_ROLES, type SystemRoleName } from '@workmate/domain/permissions';
import { Role } from '../entities/role.ts';

/** Creates the built-in roles that are missing; existing ones (maybe edited by an admin) stay. */
export async function seedSystemRoles(em: EntityManager): Promise<Record<SystemRoleName, Role>> {
  const out = {} as Record<SystemRoleName, Role>;
  for (const [name, def] of Object.entries(SYSTEM_ROLES) as Array<[SystemRoleName, (typeof SYSTEM_ROLES)[SystemRoleName]]>) {
    out[name] = (await em.findOne(Role, { name })) ?? em.create(Role, { name, description: def.description, permissions: [...def.permissions], isSystem: true });
  }
  await em.flush();
  return out;
}
