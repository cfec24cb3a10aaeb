import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '@workmate/domain/errors';
import { OidcLink } from '../entities/oidc-link.ts';

/** An employee's identities at OpenID providers, for the admin's employee page. */
export async function listOidcLinks(em: EntityManager, employeeId: string) {
  const links = await em.find(OidcLink, { employee: employeeId }, { orderBy: { createdAt: 'asc' } });
  return links.map((l) => ({ id: l.id, issuer: l.issuer, subject: l.subject, createdAt: l.createdAt.toISOString() }));
}

/**
 * Unlinks an identity (the person's account at the provider was replaced, say). The next OIDC
 * sign-in links anew by the verified email; the removal is in the audit trail.
 */
export async function removeOidcLink(em: EntityManager, id: string) {
  const link = await em.findOne(OidcLink, { id });
  if (!link) throw notFound('OIDC link', id);
  em.remove(link);
  await em.flush();
  return { ok: true };
}
