import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';
// A department has a manager and an employee a department: MikroORM relations point both ways.
// The entity is only read inside `() =>` when the ORM starts, so the cycle is harmless at load time.
// oxlint-disable-next-line import/no-cycle
import { Employee } from './employee.ts';

export const Department = defineEntity({
  name: 'Department',
  tableName: 'departments',
  properties: {
    id: idColumn(),
    name: p.string().length(100),
    code: p.string().length(20).unique(),
    description: p.text().nullable(),
    manager: () => p.manyToOne(Employee).nullable().deleteRule('set null'),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});
export type Department = InferEntity<typeof Department>;
