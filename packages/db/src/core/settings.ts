import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '@workmate/domain/errors';
import type { SettingsUpdateInput } from '@workmate/domain/schemas/core';
import { CompanySettings } from '../entities/company-settings.ts';

export type SettingsDto = Omit<CompanySettings, 'updatedAt'> & { updatedAt: string };

const toDto = (s: CompanySettings): SettingsDto => ({ ...s, updatedAt: s.updatedAt.toISOString() });

/** The single settings row; created with defaults the first time it is needed. */
export async function loadSettings(em: EntityManager): Promise<CompanySettings> {
  const found = await em.findOne(CompanySettings, { id: 1 });
  if (found) return found;
  await em.execute(`insert into company_settings (id, company_name, updated_at) values (1, 'Meine Firma', now()) on conflict (id) do nothing`);
  return em.findOneOrFail(CompanySettings, { id: 1 });
}

export async function getSettings(em: EntityManager): Promise<SettingsDto> {
  return toDto(await loadSettings(em));
}

export async function updateSettings(em: EntityManager, input: SettingsUpdateInput): Promise<SettingsDto> {
  const settings = await loadSettings(em);
  const { version, ...changes } = input;
  if (version !== undefined && version !== settings.version) {
    throw new AppError('CONFLICT', 'Someone else saved the settings in the meantime. Reload and apply your change again.', { field: 'version' });
  }
  em.assign(settings, Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)));
  await em.flush();
  return toDto(settings);
}
