import { useMutation, useQuery } from '@tanstack/react-query';
import { TASK_TYPES, type TaskType } from '@workmate/domain/enums';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatElapsed } from '../../lib/duration.ts';
import { errorCode } from '../../lib/errors.ts';
import { useTRPC } from '../../trpc.ts';
import { describeError } from '../../ui/alert.tsx';
import { enumOptions } from '../../ui/enum-options.ts';
import { projectLabel } from '../../pickers/project-options.ts';
import { ProjectSearch, type PickedProject } from '../../pickers/project-search.tsx';
import { useInvalidateTime } from './use-invalidate-time.ts';

/** Re-renders every second while `active`, returning the current time in ms. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [active]);
  return now;
}

/**
 * The timer in the top bar (and, larger, on the home dashboard: `testIdPrefix` keeps the two
 * apart for scripts). The server owns it: a timer started in another tab or by a script
 * shows up on focus or within 15 seconds; the seconds tick here from the server's start time.
 * Both share one query, so starting it in one place shows it running in the other.
 */
export function Timer({ testIdPrefix = 'timer', className }: { testIdPrefix?: string; className?: string }) {
  const { t, tv, tOr } = useI18n();
  const trpc = useTRPC();
  const invalidate = useInvalidateTime();
  const [project, setProject] = useState<PickedProject | null>(null);
  const [note, setNote] = useState('');
  const [taskType, setTaskType] = useState<TaskType>('development');
  const [message, setMessage] = useState<string | null>(null);
  const current = useQuery(trpc.timeTracking.current.queryOptions(undefined, { staleTime: 0, refetchOnWindowFocus: true, refetchInterval: 15_000 }));
  const running = current.data ?? null;
  const now = useNow(!!running);

  const onError = (error: unknown) => {
    setMessage(describeError(error, t, tv));
    const code = errorCode(error);
    if (code === 'CONFLICT' || code === 'NOT_FOUND') void current.refetch();
  };
  const start = useMutation(
    trpc.timeTracking.start.mutationOptions({
      onMutate: () => setMessage(null),
      onSuccess: async () => {
        // The next timer starts with a fresh description; project and task type stay as chosen.
        setNote('');
        await invalidate();
      },
      onError,
    }),
  );
  const stop = useMutation(
    trpc.timeTracking.stop.mutationOptions({
      onMutate: () => setMessage(null),
      onSuccess: async (result) => {
        if (result.capped) setMessage(t('timer.capped'));
        await invalidate();
      },
      onError,
    }),
  );

  const runningProject = running?.project ? { id: running.project.id, label: projectLabel(running.project) } : null;
  const elapsed = running ? formatElapsed(now - Date.parse(running.startTime)) : '0:00:00';
  const busy = start.isPending || stop.isPending;
  const begin = () => start.mutate({ projectId: project?.id ?? null, note: note.trim() || null, taskType });

  return (
    <div className={`timer${running ? ' timer-running' : ''}${className ? ` ${className}` : ''}`} data-testid={testIdPrefix} data-running={running ? 'true' : 'false'}>
      <ProjectSearch
        className="timer-project"
        value={running ? runningProject : project}
        onChange={setProject}
        disabled={!!running || busy}
        ariaLabel={t('timer.project')}
        testId={`${testIdPrefix}-project`}
      />
      <input
        type="text"
        className="timer-note"
        value={running ? (running.note ?? '') : note}
        onChange={(e) => setNote(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !running && !busy) begin();
        }}
        disabled={!!running || busy}
        maxLength={5000}
        placeholder={t('timer.notePlaceholder')}
        aria-label={t('timer.note')}
        data-testid={`${testIdPrefix}-note`}
      />
      <select
        className="timer-task"
        value={running ? running.taskType : taskType}
        onChange={(e) => setTaskType(e.target.value as TaskType)}
        disabled={!!running || busy}
        aria-label={t('time.taskType')}
        data-testid={`${testIdPrefix}-task`}
      >
        {enumOptions(TASK_TYPES, 'taskType', tOr).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <span className="timer-elapsed" role="timer" title={t('timer.elapsed')} data-testid={`${testIdPrefix}-elapsed`}>
        {elapsed}
      </span>
      {running ? (
        <button type="button" className="btn btn-small btn-danger" onClick={() => stop.mutate({})} disabled={busy} aria-label={t('timer.stop')} data-testid={`${testIdPrefix}-stop`}>
          ■ <span className="timer-button-text">{t('timer.stop')}</span>
        </button>
      ) : (
        <button
          type="button"
          className="btn btn-small btn-primary"
          onClick={begin}
          disabled={busy || current.isPending}
          aria-label={t('timer.start')}
          data-testid={`${testIdPrefix}-start`}
        >
          ▶ <span className="timer-button-text">{t('timer.start')}</span>
        </button>
      )}
      {message ? (
        <span className="timer-message" role="alert" data-testid={`${testIdPrefix}-message`}>
          {message}
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setMessage(null)} aria-label={t('common.close')}>
            ×
          </button>
        </span>
      ) : null}
    </div>
  );
}
