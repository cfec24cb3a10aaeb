import { p } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/** Columns every record has: a UUID key and UTC timestamps. */
export const idColumn = () => p.uuid().primary().onCreate(() => randomUUID());
export const createdAtColumn = () => p.datetime().columnType('timestamptz').onCreate(() => new Date());
export const updatedAtColumn = () =>
  p.datetime().columnType('timestamptz').onCreate(() => new Date()).onUpdate(() => new Date());
