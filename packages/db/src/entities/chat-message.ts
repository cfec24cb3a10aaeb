import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { createdAtColumn, idColumn } from './common.ts';
import { Employee } from './employee.ts';
import { Project } from './project.ts';

/**
 * A message in a project's chat. `seq` orders the history (it never changes); `eventSeq` is
 * taken anew from the same sequence whenever the message is sent, edited or deleted, so a live
 * stream resumes after the last event a client saw and gets edits and deletions too.
 */
export const ChatMessage = defineEntity({
  name: 'ChatMessage',
  tableName: 'chat_messages',
  checks: [{ name: 'chat_messages_length', expression: 'length(content) <= 10000' }],
  properties: {
    id: idColumn(),
    seq: p.bigint('number').unique(),
    eventSeq: p.bigint('number').unique(),
    project: () => p.manyToOne(Project).deleteRule('cascade'),
    /** Empty for system messages. */
    author: () => p.manyToOne(Employee).nullable().deleteRule('set null'),
    kind: p.string().length(20).default('user'),
    content: p.text(),
    mentions: p.json<string[]>(),
    attachments: p.json<string[]>(),
    /** Makes a system message happen once (e.g. "budget 80 % used" per project). */
    systemKey: p.string().length(100).nullable().unique(),
    /**
     * What a system message says, as a code and its parameters ({ code: 'project.status', params:
     * { before: 'active', after: 'on_hold' } }): the web app words it in the reader's language.
     * `content` keeps a German text for everything else that reads messages.
     */
    systemData: p.json<{ code: string; params: Record<string, string> }>().nullable(),
    editedAt: p.datetime().columnType('timestamptz').nullable(),
    deletedAt: p.datetime().columnType('timestamptz').nullable(),
    createdAt: createdAtColumn(),
  },
  indexes: [
    { name: 'chat_messages_project_seq_index', properties: ['project', 'seq'] },
    { name: 'chat_messages_project_event_index', properties: ['project', 'eventSeq'] },
  ],
});
export type ChatMessage = InferEntity<typeof ChatMessage>;
