import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '@workmate/domain/errors';
import { hasPermission } from '@workmate/domain/permissions';
import { defaultDashboardConfig, type DashboardConfig, type DashboardCreateInput, type DashboardUpdateInput } from '@workmate/domain/schemas/dashboards';
import { Dashboard } from '../entities/dashboard.ts';
import { Employee } from '../entities/employee.ts';
import { checkVersion, sentFields } from '../shared/versioning.ts';
import type { Actor } from '../shared/actor.ts';

export interface DashboardDto {
  id: string;
  name: string;
  config: DashboardConfig;
  isDefault: boolean;
  updatedAt: string;
  version: number;
}

const toDto = (d: Dashboard): DashboardDto => ({ id: d.id, name: d.name, config: d.config, isDefault: d.isDefault, updatedAt: d.updatedAt.toISOString(), version: d.version });

async function findOwn(em: EntityManager, actor: Actor, id: string): Promise<Dashboard> {
  const d = await em.findOne(Dashboard, { id, owner: actor.id });
  if (!d) throw notFound('Dashboard', id);
  return d;
}

/** One's dashboards; the first visit creates the default one for one's role. */
export async function listDashboards(em: EntityManager, actor: Actor): Promise<DashboardDto[]> {
  let rows = await em.find(Dashboard, { owner: actor.id }, { orderBy: { isDefault: 'desc', createdAt: 'asc' } });
  if (rows.length === 0) {
    await em.transactional(async (tx) => {
      // Two first visits at once: the partial unique index lets one default exist; the other waits and finds it.
      await tx.execute(`select pg_advisory_xact_lock(hashtextextended('dashboards:' || ?, 0))`, [actor.id]);
      if ((await tx.count(Dashboard, { owner: actor.id })) > 0) return;
      tx.create(Dashboard, {
        owner: tx.getReference(Employee, actor.id),
        name: 'Übersicht',
        config: defaultDashboardConfig((p) => hasPermission(actor.permissions, p)),
        isDefault: true,
      });
      await tx.flush();
    });
    rows = await em.find(Dashboard, { owner: actor.id }, { orderBy: { isDefault: 'desc', createdAt: 'asc' }, refresh: true });
  }
  return rows.map(toDto);
}

export async function getDashboard(em: EntityManager, actor: Actor, id: string): Promise<DashboardDto> {
  return toDto(await findOwn(em, actor, id));
}

async function clearDefault(em: EntityManager, actor: Actor, except: string | null) {
  await em.nativeUpdate(Dashboard, { owner: actor.id, isDefault: true, ...(except ? { id: { $ne: except } } : {}) }, { isDefault: false });
}

export async function createDashboard(em: EntityManager, actor: Actor, input: DashboardCreateInput): Promise<DashboardDto> {
  const id = await em.transactional(async (tx) => {
    if (input.isDefault) await clearDefault(tx, actor, null);
    const d = tx.create(Dashboard, { ...input, owner: tx.getReference(Employee, actor.id) });
    await tx.flush();
    return d.id;
  });
  return getDashboard(em, actor, id);
}

export async function updateDashboard(em: EntityManager, actor: Actor, input: DashboardUpdateInput): Promise<DashboardDto> {
  await em.transactional(async (tx) => {
    const d = await findOwn(tx, actor, input.id);
    checkVersion(d, input.version, 'dashboard');
    const { id: _id, version: _v, ...rest } = input;
    const fields = sentFields(rest);
    if (fields.isDefault) await clearDefault(tx, actor, d.id);
    tx.assign(d, fields);
    await tx.flush();
  });
  return getDashboard(em, actor, input.id);
}

export async function deleteDashboard(em: EntityManager, actor: Actor, id: string): Promise<void> {
  await em.transactional(async (tx) => {
    const d = await findOwn(tx, actor, id);
    tx.remove(d);
    await tx.flush();
    // Someone with dashboards left always has a default one.
    if (d.isDefault) {
      const next = await tx.findOne(Dashboard, { owner: actor.id }, { orderBy: { createdAt: 'asc' } });
      if (next) {
        next.isDefault = true;
        await tx.flush();
      }
    }
  });
}
