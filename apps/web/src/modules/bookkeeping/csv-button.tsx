import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { downloadText } from '../../lib/download.ts';
import { ErrorAlert } from '../../ui/alert.tsx';

/** A "download CSV" button: fetches the file from the API and hands it to the browser. */
export function CsvButton({ fetchFile, testId }: { fetchFile: () => Promise<{ filename: string; content: string }>; testId: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const file = await fetchFile();
      downloadText(file.filename, file.content, 'text/csv;charset=utf-8');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="btn btn-small" disabled={busy} onClick={() => void run()} data-testid={testId}>
        {t('bk.csv')}
      </button>
      {error ? <ErrorAlert error={error} /> : null}
    </>
  );
}
