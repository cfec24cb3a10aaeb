import { useQuery } from '@tanstack/react-query';
import { hasPermission } from '@workmate/domain/permissions';
import { useTRPC, type RouterOutputs } from '../trpc.ts';

export type Me = NonNullable<RouterOutputs['auth']['me']>;

/** The signed-in user, or null. Cached for a few minutes; sign-in and sign-out refresh it. */
export function useMe() {
  const trpc = useTRPC();
  return useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 5 * 60_000 }));
}

/** `can('crm.write')`: whether the signed-in user holds a permission (or, given a list, any of them). */
export function useCan(): (permission: string | readonly string[]) => boolean {
  const me = useMe().data;
  return (permission) => {
    if (!me) return false;
    const wanted: readonly string[] = typeof permission === 'string' ? [permission] : permission;
    return wanted.some((p) => hasPermission(me.permissions, p));
  };
}

/** Where a user lands after sign-in: the home dashboard, which everyone signed in has. */
export const HOME_PATH = '/';
