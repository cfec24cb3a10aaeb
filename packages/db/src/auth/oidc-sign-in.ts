import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { appError } from '@workmate/domain/errors';
import { Employee } from '../entities/employee.ts';
import { OidcLink } from '../entities/oidc-link.ts';
import { runAs } from '../shared/actor.ts';
import { canSignIn } from './principal.ts';
import { openSession, type ClientInfo, type SessionPolicy } from './sessions.ts';

/** What the OpenID provider vouched for, taken from the validated ID token (and userinfo). */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
}

/**
 * Signs in the employee an OpenID provider vouched for. The link (issuer, subject) decides; on
 * the first sign-in there is none, and the verified email finds an existing active employee, who
 * is then linked. Nobody is ever created here: an unknown email is refused and leaves no trace.
 */
export async function signInWithOidc(em: EntityManager, identity: OidcIdentity, client: ClientInfo, policy: SessionPolicy, options: { requireVerifiedEmail: boolean }) {
  const link = await em.findOne(OidcLink, { issuer: identity.issuer, subject: identity.subject }, { populate: ['employee'] });
  if (link) {
    if (!canSignIn(link.employee)) throw appError('UNAUTHORIZED', 'auth.accountDisabled', {});
    return { ...(await openSession(em, link.employee, client, policy, 'oidc')), linked: false };
  }

  if (!identity.email) throw appError('UNAUTHORIZED', 'auth.oidcEmailMissing', {});
  if (options.requireVerifiedEmail && !identity.emailVerified) throw appError('UNAUTHORIZED', 'auth.oidcEmailNotVerified', {});
  // Emails are stored in lower case (the sign-in form and the employee schema lower them).
  const employee = await em.findOne(Employee, { email: identity.email.trim().toLowerCase() });
  if (!employee) throw appError('UNAUTHORIZED', 'auth.oidcNoAccount', {});
  if (!canSignIn(employee)) throw appError('UNAUTHORIZED', 'auth.accountDisabled', {});
  const other = await em.count(OidcLink, { employee, issuer: identity.issuer });
  if (other > 0) throw appError('UNAUTHORIZED', 'auth.oidcLinkedElsewhere', {});

  try {
    // The employee links themselves: the audit row names them as its author.
    await runAs({ id: employee.id, label: employee.email }, async () => {
      em.create(OidcLink, { employee, issuer: identity.issuer, subject: identity.subject });
      await em.flush();
    });
  } catch (error) {
    // Two first sign-ins at once: one link wins, the other is told to try again (and then finds it).
    if (error instanceof UniqueConstraintViolationException) throw appError('UNAUTHORIZED', 'auth.oidcFailed', {});
    throw error;
  }
  return { ...(await openSession(em, employee, client, policy, 'oidc')), linked: true };
}
