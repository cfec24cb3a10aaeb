import {
  CheckConstraintViolationException,
  ForeignKeyConstraintViolationException,
  NotNullConstraintViolationException,
  OptimisticLockError,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import type { PlainErrorCode } from '@workmate/domain/error-codes';
import { AppError, appError } from '@workmate/domain/errors';

/** What each named constraint means to a person, and which form field it belongs to. */
const CONSTRAINTS: Record<string, { field: string; code: PlainErrorCode }> = {
  customers_customer_number_unique: { field: 'customerNumber', code: 'customer.numberTaken' },
  employees_email_unique: { field: 'email', code: 'employee.emailTaken' },
  employees_employee_code_unique: { field: 'employeeCode', code: 'employee.codeTaken' },
  employees_termination_after_hire: { field: 'terminationDate', code: 'employee.terminationBeforeHire' },
  departments_code_unique: { field: 'code', code: 'department.codeTaken' },
  roles_name_unique: { field: 'name', code: 'role.nameTaken' },
  contacts_one_primary_per_customer: { field: 'isPrimary', code: 'contact.secondPrimary' },
  supplier_contacts_one_primary: { field: 'isPrimary', code: 'supplierContact.secondPrimary' },
  projects_project_number_unique: { field: 'projectNumber', code: 'project.numberTaken' },
  projects_end_after_start: { field: 'endDate', code: 'project.endBeforeStart' },
  time_entries_no_overlap: { field: 'startTime', code: 'time.overlapsAnother' },
  time_entries_one_running_timer: { field: 'projectId', code: 'time.timerAlreadyRunning' },
  time_entries_at_most_24h: { field: 'endTime', code: 'time.entryTooLong' },
  invoice_deductions_deposit_unique: { field: 'depositIds', code: 'final.depositAlreadyDeducted' },
  journal_period_locked: { field: 'entryDate', code: 'bookkeeping.postingPeriodClosed' },
  journal_year_closed: { field: 'entryDate', code: 'bookkeeping.postingPeriodClosed' },
  journal_immutable: { field: 'id', code: 'bookkeeping.journalImmutable' },
  journal_entry_balanced: { field: 'lines', code: 'bookkeeping.entryUnbalanced' },
  journal_entries_source_unique: { field: 'id', code: 'bookkeeping.alreadyPosted' },
};

function constraintOf(error: unknown): string | undefined {
  const raw = error as { constraint?: string; cause?: { constraint?: string } };
  return raw.constraint ?? raw.cause?.constraint;
}

/** Turns database refusals into errors a person understands; anything else passes through. */
export function translateDbError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof OptimisticLockError) {
    return appError('CONFLICT', 'record.staleVersion', { what: 'record' }, { field: 'version', cause: error });
  }
  if (
    error instanceof UniqueConstraintViolationException ||
    error instanceof CheckConstraintViolationException ||
    error instanceof ForeignKeyConstraintViolationException ||
    error instanceof NotNullConstraintViolationException
  ) {
    const known = CONSTRAINTS[constraintOf(error) ?? ''];
    if (known) return appError('CONFLICT', known.code, {}, { field: known.field, cause: error });
    if (error instanceof ForeignKeyConstraintViolationException) {
      return appError('CONFLICT', 'record.stillReferenced', {}, { cause: error });
    }
    return appError('CONFLICT', 'record.conflictsWithData', {}, { cause: error });
  }
  if (!error || typeof error !== 'object') return error;
  const known = CONSTRAINTS[constraintOf(error) ?? ''];
  if (known && (error as { code?: string; cause?: { code?: string } }).cause?.code === '23P01') return appError('CONFLICT', known.code, {}, { field: known.field, cause: error });
  if (known && (error as { code?: string }).code === '23P01') return appError('CONFLICT', known.code, {}, { field: known.field, cause: error });
  return error;
}

export async function withDbErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw translateDbError(error);
  }
}
