import { englishMessage } from '@workmate/domain/error-codes';
import { MAX_UPLOAD_BYTES } from '@workmate/domain/schemas/documents';
import { useCallback, useEffect, useRef, useState } from 'react';
import { uploadDocument, UploadError, type UploadFields, type UploadResult } from '../lib/upload.ts';

export interface UploadState {
  status: 'idle' | 'uploading' | 'done' | 'error';
  fileName: string | null;
  /** 0–100; 100 once the server has stored the file. */
  progress: number;
  error: unknown;
  result: UploadResult | null;
}

const IDLE: UploadState = { status: 'idle', fileName: null, progress: 0, error: null, result: null };

/** How an upload ended: the stored document, or why not. */
export type UploadOutcome = { ok: true; result: UploadResult } | { ok: false; error: unknown };

/** One upload at a time to `POST /api/documents`, with its progress; leaving the page cancels it. */
export function useUpload() {
  const [state, setState] = useState<UploadState>(IDLE);
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(async (file: File, fields: UploadFields): Promise<UploadOutcome> => {
    controller.current?.abort();
    if (file.size > MAX_UPLOAD_BYTES) {
      // Refused here already: no point sending 50 MB to hear the same.
      const tooLarge = { code: 'upload.tooLarge', params: { mb: MAX_UPLOAD_BYTES / 1024 / 1024 } } as const;
      const error = new UploadError(englishMessage(tooLarge.code, tooLarge.params), 'PAYLOAD_TOO_LARGE', { file: [{ code: 'field.tooLargeFile', params: {} }] }, tooLarge);
      setState({ ...IDLE, status: 'error', fileName: file.name, error });
      return { ok: false, error };
    }
    const own = new AbortController();
    controller.current = own;
    setState({ ...IDLE, status: 'uploading', fileName: file.name });
    try {
      const result = await uploadDocument(file, fields, {
        signal: own.signal,
        onProgress: (progress) => setState((prev) => (prev.status === 'uploading' ? { ...prev, progress } : prev)),
      });
      if (!own.signal.aborted) setState({ status: 'done', fileName: result.document.fileName, progress: 100, error: null, result });
      return { ok: true, result };
    } catch (error) {
      if (!own.signal.aborted) setState((prev) => ({ ...prev, status: 'error', error, result: null }));
      return { ok: false, error };
    }
  }, []);

  const reset = useCallback(() => {
    controller.current?.abort();
    setState(IDLE);
  }, []);

  return { ...state, start, reset };
}
