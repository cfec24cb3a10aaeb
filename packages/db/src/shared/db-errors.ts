import {
  CheckConstraintViolationException,
  ForeignKeyConstraintViolationException,
  NotNullConstraintViolationException,
  OptimisticLockError,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import { AppError } from '@workmate/domain/errors';

/** What each named constraint means to a person, and which form field it belongs to. */
const CONSTRAINTS: Record<string, { field: string; message: string }> = {
  customers_customer_number_unique: { field: 'customerNumber', message: 'This customer number is already taken' },
  employees_email_unique: { field: 'email', message: 'Another employee already uses this email address' },
  employees_employee_code_unique: { field: 'employeeCode', message: 'Another employee already has this employee code' },
  employees_termination_after_hire: { field: 'terminationDate', message: 'The termination date must not be before the hire date' },
  departments_code_unique: { field: 'code', message: 'Another department already has this code' },
  roles_name_unique: { field: 'name', message: 'A role with this name already exists' },
  contacts_one_primary_per_customer: { field: 'isPrimary', message: 'This customer already has a primary contact' },
  projects_project_number_unique: { field: 'projectNumber', message: 'This project number is already taken' },
  projects_end_after_start: { field: 'endDate', message: 'The end date must not be before the start date' },
  time_entries_no_overlap: { field: 'startTime', message: 'This time overlaps another entry of the same employee' },
  time_entries_one_running_timer: { field: 'projectId', message: 'A timer is already running; stop it before starting a new one' },
  time_entries_at_most_24h: { field: 'endTime', message: 'An entry may be at most 24 hours long' },
};

function constraintOf(error: unknown): string | undefined {
  const raw = error as { constraint?: string; cause?: { constraint?: string } };
  return raw.constraint ?? raw.cause?.constraint;
}

/** Turns database refusals into errors a person understands; anything else passes through. */
export function translateDbError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof OptimisticLockError) {
    return new AppError('CONFLICT', 'Someone else saved this record in the meantime. Reload it and apply your change again.', { field: 'version', cause: error });
  }
  if (
    error instanceof UniqueConstraintViolationException ||
    error instanceof CheckConstraintViolationException ||
    error instanceof ForeignKeyConstraintViolationException ||
    error instanceof NotNullConstraintViolationException
  ) {
    const known = CONSTRAINTS[constraintOf(error) ?? ''];
    if (known) return new AppError('CONFLICT', known.message, { field: known.field, cause: error });
    if (error instanceof ForeignKeyConstraintViolationException) {
      return new AppError('CONFLICT', 'This record is still referenced by other records', { cause: error });
    }
    return new AppError('CONFLICT', 'The change conflicts with existing data', { cause: error });
  }
  if (!error || typeof error !== 'object') return error;
  const known = CONSTRAINTS[constraintOf(error) ?? ''];
  if (known && (error as { code?: string; cause?: { code?: string } }).cause?.code === '23P01') return new AppError('CONFLICT', known.message, { field: known.field, cause: error });
  if (known && (error as { code?: string }).code === '23P01') return new AppError('CONFLICT', known.message, { field: known.field, cause: error });
  return error;
}

export async function withDbErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw translateDbError(error);
  }
}
