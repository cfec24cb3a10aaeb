import { useQueryClient } from '@tanstack/react-query';
import type { DunningNoticeStatus } from '@workmate/domain/schemas/dunning';
import type { Lang } from '../../i18n/i18n.tsx';
import { useTRPC, type RouterOutputs } from '../../trpc.ts';

export type DunningNotice = RouterOutputs['dunning']['notices']['list']['items'][number];
export type DunningSettings = RouterOutputs['dunning']['settings']['get'];
export type DunningLevel = DunningSettings['levels'][number];

/** After a send, discard or run: every notice list and the invoice's own notices are stale. */
export function useInvalidateDunning() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.dunning.notices.list.queryKey() });
}

/** The archived PDF (base64 from the API) handed to the browser as a download. */
export function downloadBase64Pdf(fileName: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const NOTICE_STATUS_TONES: Record<DunningNoticeStatus, string> = { proposed: 'warning', sent: 'info', discarded: 'neutral', withdrawn: 'neutral' };

/** "5.00" as typed in the page's language ("5,00" in German); the readers in lib/number-input.ts read it back. */
export const decimalText = (value: string, lang: Lang) => (lang === 'de' ? value.replace('.', ',') : value);
