import { z } from 'zod';
import { Id, plainString } from './common.ts';

export const LoginInput = z.object({
  email: z.email({ error: 'must be a valid email address' }).max(254).transform((v) => v.toLowerCase()),
  password: plainString().min(1, { error: 'is required' }).max(200),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const Password = plainString()
  .min(10, { error: 'must be at least 10 characters' })
  .max(200, { error: 'must be at most 200 characters' });

export const ChangePasswordInput = z.object({
  currentPassword: plainString().min(1, { error: 'is required' }).max(200),
  newPassword: Password,
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

export const ApiTokenCreateInput = z.object({
  name: plainString().trim().min(1, { error: 'is required' }).max(100),
  /** Days until the token stops working; none means until revoked. */
  expiresInDays: z.int().min(1).max(3650).nullish(),
  /** The current password: required for a token without expiry (a stolen session alone must not mint one). */
  password: plainString().max(200).optional(),
});
export type ApiTokenCreateInput = z.infer<typeof ApiTokenCreateInput>;

export const ApiTokenRevokeInput = z.object({ id: Id });

export interface SessionUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  language: string;
  roleName: string | null;
  permissions: string[];
}
