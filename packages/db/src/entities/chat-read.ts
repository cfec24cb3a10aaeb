import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Employee } from './employee.ts';
import { Project } from './project.ts';

/** How far a person has read a project's chat (the last message sequence seen). */
export const ChatRead = defineEntity({
  name: 'ChatRead',
  tableName: 'chat_reads',
  properties: {
    project: () => p.manyToOne(Project).primary().deleteRule('cascade'),
    employee: () => p.manyToOne(Employee).primary().deleteRule('cascade'),
    lastSeq: p.bigint('number'),
  },
  primaryKeys: ['project', 'employee'],
});
export type ChatRead = InferEntity<typeof ChatRead>;
