import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { OPPORTUNITY_STAGES } from '@workmate/domain/sales';
import { createdAtColumn, idColumn, updatedAtColumn } from './common.ts';
import { Contact } from './contact.ts';
import { Customer } from './customer.ts';
import { Employee } from './employee.ts';
import { Invoice } from './invoice.ts';

/**
 * A sales opportunity (issue 18): a deal with a customer moving through the pipeline stages.
 * The database keeps won at 100 % and lost at 0 %, and a quote only on a won one.
 */
export const Opportunity = defineEntity({
  name: 'Opportunity',
  tableName: 'opportunities',
  properties: {
    id: idColumn(),
    customer: () => p.manyToOne(Customer),
    contact: () => p.manyToOne(Contact).nullable().deleteRule('set null'),
    title: p.string().length(200),
    stage: p.enum(OPPORTUNITY_STAGES),
    /** Net amount in euros, numeric(14,2), a decimal string. */
    amount: p.decimal('string').precision(14).scale(2),
    probability: p.smallint(),
    expectedCloseDate: p.date(),
    owner: () => p.manyToOne(Employee).nullable().deleteRule('set null'),
    /** The quote (draft) made of it once won. */
    quote: () => p.manyToOne(Invoice).nullable().deleteRule('set null'),
    notes: p.text().nullable(),
    stageChangedAt: p.datetime().columnType('timestamptz').onCreate(() => new Date()),
    createdBy: () => p.manyToOne(Employee).nullable().deleteRule('set null'),
    version: p.integer().version(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
});
export type Opportunity = InferEntity<typeof Opportunity>;
