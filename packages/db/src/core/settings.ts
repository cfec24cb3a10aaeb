import { existsSync } from 'node:fs';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { JOBS } from '@workmate/domain/jobs';
import { appError } from '@workmate/domain/errors';
import type { SettingsUpdateInput } from '@workmate/domain/schemas/core';
import { CompanySettings } from '../entities/company-settings.ts';
import { enqueue } from '../outbox/outbox.ts';

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
  if (input.pdfTemplatePath && !existsSync(input.pdfTemplatePath)) {
    throw appError('BAD_REQUEST', 'settings.noSuchFile', {}, { field: 'pdfTemplatePath' });
  }
  return em.transactional(async (tx) => {
    await loadSettings(tx);
    // Locked for the change, so two admins saving at once queue instead of failing on the version.
    const settings = await tx.findOneOrFail(CompanySettings, { id: 1 }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    const { version, ...changes } = input;
    if (version !== undefined && version !== settings.version) {
      throw appError('CONFLICT', 'settings.staleVersion', {}, { field: 'version' });
    }
    const taxChanged = changes.smallBusiness !== undefined && changes.smallBusiness !== settings.smallBusiness;
    tx.assign(settings, Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)));
    if ((settings.defaultSkontoPercent == null) !== (settings.defaultSkontoDays == null)) {
      throw appError('BAD_REQUEST', settings.defaultSkontoPercent == null ? 'field.skontoPercentMissing' : 'field.skontoDaysMissing', {}, { field: settings.defaultSkontoPercent == null ? 'defaultSkontoPercent' : 'defaultSkontoDays' });
    }
    // Drafts follow the tax case: the worker recalculates every draft after this commits.
    if (taxChanged) enqueue(tx, JOBS.recalculateTotals, {});
    await tx.flush();
    return toDto(settings);
  });
}
