import type { EntityManager } from '@mikro-orm/postgresql';
import { appError, notFound } from '@workmate/domain/errors';
import type { PageResult } from '@workmate/domain/schemas/common';
import type { ProjectCreateInput, ProjectListInput, ProjectUpdateInput } from '@workmate/domain/schemas/projects';
import { loadSettings } from '../core/settings.ts';
import { Customer } from '../entities/customer.ts';
import { Department } from '../entities/department.ts';
import { Employee } from '../entities/employee.ts';
import { Project } from '../entities/project.ts';
import { postSystemMessage } from '../chat/system.ts';
import { dateOnly, personRef } from '../shared/format.ts';
import { nextNumber } from '../shared/numbering.ts';
import { resolveRef } from '../shared/relations.ts';
import { checkVersion, likePattern, sentFields } from '../shared/versioning.ts';
import { BERLIN_TODAY_SQL, entryAmountSql } from '../shared/time-entry-sql.ts';
import type { ProjectDto, ProjectListItemDto } from './dto.ts';

const POPULATE = ['customer', 'department', 'projectManager'] as const;

export function toProjectDto(p: Project): ProjectDto {
  const c = p.customer;
  const d = p.department;
  const m = p.projectManager;
  return {
    id: p.id,
    projectNumber: p.projectNumber,
    title: p.title,
    customer: { id: c.id, name: c.name, customerNumber: c.customerNumber },
    department: d ? { id: d.id, name: d.name } : null,
    projectManager: personRef(m),
    status: p.status,
    priority: p.priority,
    startDate: dateOnly(p.startDate),
    endDate: dateOnly(p.endDate),
    deadline: dateOnly(p.deadline),
    budget: p.budget ?? null,
    hourlyRate: p.hourlyRate ?? null,
    billableByDefault: p.billableByDefault,
    description: p.description ?? null,
    notes: p.notes ?? null,
    deletedAt: p.deletedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    version: p.version,
  };
}

const SORT_COLUMN = {
  title: 'title',
  projectNumber: 'projectNumber',
  status: 'status',
  priority: 'priority',
  deadline: 'deadline',
  startDate: 'startDate',
  createdAt: 'createdAt',
} as const;

const OVERDUE_SQL = `(p.deadline < ${BERLIN_TODAY_SQL} and p.status not in ('completed', 'cancelled'))`;

/** Filtered, sorted page; each row carries tracked time, billable value and budget use (one grouped query for the page). */
export async function listProjects(em: EntityManager, input: ProjectListInput): Promise<PageResult<ProjectListItemDto>> {
  const qb = em.createQueryBuilder(Project, 'p').where({ deletedAt: input.deleted ? { $ne: null } : null });
  if (input.status?.length) qb.andWhere({ status: { $in: input.status } });
  if (input.priority) qb.andWhere({ priority: input.priority });
  if (input.customerId) qb.andWhere({ customer: input.customerId });
  if (input.departmentId) qb.andWhere({ department: input.departmentId });
  if (input.projectManagerId) qb.andWhere({ projectManager: input.projectManagerId });
  if (input.overdue !== undefined) qb.andWhere(input.overdue ? OVERDUE_SQL : `not coalesce(${OVERDUE_SQL}, false)`);
  if (input.search) qb.andWhere(`lower(p.project_number || ' ' || p.title) like ?`, [likePattern(input.search)]);
  qb.orderBy({ [SORT_COLUMN[input.sort]]: input.direction, id: 'asc' })
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  const [rows, total] = await qb.getResultAndCount();
  await em.populate(rows, POPULATE);
  const figures = rows.length ? await projectFigures(em, rows.map((r) => r.id)) : new Map<string, Figures>();
  return {
    items: rows.map((p) => ({ ...toProjectDto(p), ...(figures.get(p.id) ?? emptyFigures) })),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}

interface Figures {
  totalMinutes: number;
  billableAmount: string;
  budgetUtilisation: string | null;
  overdue: boolean;
}
const emptyFigures: Figures = { totalMinutes: 0, billableAmount: '0.00', budgetUtilisation: null, overdue: false };

async function projectFigures(em: EntityManager, ids: string[]): Promise<Map<string, Figures>> {
  const settings = await loadSettings(em);
  const rows = await em.execute<Array<{ id: string; total_minutes: string; billable_amount: string; budget_utilisation: string | null; overdue: boolean }>>(
    `select p.id,
            coalesce(t.total_minutes, 0) as total_minutes,
            coalesce(t.billable_amount, 0)::numeric(14,2)::text as billable_amount,
            case when p.budget > 0 then round(coalesce(t.billable_amount, 0) * 100 / p.budget, 1)::text end as budget_utilisation,
            coalesce(${OVERDUE_SQL}, false) as overdue
       from projects p
       left join (
         select e.project_id, sum(e.duration_minutes) as total_minutes, sum(${entryAmountSql(settings.timeRoundingMinutes)}) as billable_amount
           from time_entries e
           left join projects p on p.id = e.project_id
           join employees emp on emp.id = e.employee_id
          where e.project_id in (?) and e.end_time is not null
          group by e.project_id
       ) t on t.project_id = p.id
      where p.id in (?)`,
    [ids, ids],
  );
  return new Map(
    rows.map((r) => [r.id, { totalMinutes: Number(r.total_minutes), billableAmount: r.billable_amount, budgetUtilisation: r.budget_utilisation, overdue: r.overdue }]),
  );
}

export async function findProject(em: EntityManager, id: string, options: { includeDeleted?: boolean } = {}): Promise<Project> {
  const p = await em.findOne(Project, options.includeDeleted ? { id } : { id, deletedAt: null }, { populate: POPULATE });
  if (!p) throw notFound('Project', id);
  return p;
}

export async function getProject(em: EntityManager, id: string, options: { includeDeleted?: boolean } = {}): Promise<ProjectDto> {
  return toProjectDto(await findProject(em, id, options));
}

/** The relations that were sent (customer, then department and manager), ready to assign. */
async function projectRelations(em: EntityManager, input: { customerId?: string; departmentId?: string | null; projectManagerId?: string | null }) {
  const out: { customer?: Customer; department?: Department | null; projectManager?: Employee | null } = {};
  const customer = await resolveRef(em, Customer, input.customerId, 'customerId', 'customer', { deletedAt: null });
  if (customer) out.customer = customer;
  const department = await resolveRef(em, Department, input.departmentId, 'departmentId', 'department');
  if (department !== undefined) out.department = department;
  const manager = await resolveRef(em, Employee, input.projectManagerId, 'projectManagerId', 'project manager', { deletedAt: null });
  if (manager !== undefined) out.projectManager = manager;
  return out;
}

/** The number comes from the settings pattern and a counter row locked in this transaction. */
export async function createProject(em: EntityManager, input: ProjectCreateInput): Promise<ProjectDto> {
  const { customerId, departmentId, projectManagerId, ...fields } = input;
  return em.transactional(async (tx) => {
    // The customer is required: resolved on its own (first, as before), so its type says it is there.
    const customer = await resolveRef(tx, Customer, customerId, 'customerId', 'customer', { deletedAt: null });
    const rel = await projectRelations(tx, { departmentId: departmentId ?? null, projectManagerId: projectManagerId ?? null });
    const settings = await loadSettings(tx);
    const projectNumber = await nextNumber(tx, 'project', settings.projectNumberPattern);
    const p = tx.create(Project, { ...fields, ...rel, customer, projectNumber });
    await tx.flush();
    await postSystemMessage(tx, p.id, { code: 'project.created', params: { number: projectNumber, title: p.title } });
    return getProject(tx, p.id);
  });
}

export async function updateProject(em: EntityManager, input: ProjectUpdateInput): Promise<ProjectDto> {
  const { id, version, customerId, departmentId, projectManagerId, ...changes } = input;
  await em.transactional(async (tx) => {
    const p = await findProject(tx, id);
    checkVersion(p, version, 'project');
    const fields = sentFields(changes);
    const start = fields.startDate !== undefined ? fields.startDate : dateOnly(p.startDate);
    const end = fields.endDate !== undefined ? fields.endDate : dateOnly(p.endDate);
    if (start && end && end < start) throw appError('BAD_REQUEST', 'field.notBeforeStartDate', {}, { field: 'endDate' });
    const statusBefore = p.status;
    tx.assign(p, { ...fields, ...(await projectRelations(tx, { customerId, departmentId, projectManagerId })) });
    await tx.flush();
    // The project chat hears about status changes.
    if (p.status !== statusBefore) await postSystemMessage(tx, p.id, { code: 'project.status', params: { before: statusBefore, after: p.status } });
  });
  return getProject(em, id);
}

export async function deleteProject(em: EntityManager, id: string): Promise<void> {
  const p = await findProject(em, id);
  p.deletedAt = new Date();
  await em.flush();
}

export async function restoreProject(em: EntityManager, id: string): Promise<ProjectDto> {
  const p = await em.findOne(Project, { id, deletedAt: { $ne: null } });
  if (!p) throw notFound('Deleted project', id);
  p.deletedAt = null;
  await em.flush();
  return getProject(em, id);
}
