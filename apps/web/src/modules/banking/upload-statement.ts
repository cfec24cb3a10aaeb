import { readError, UploadError } from '../../lib/upload.ts';

export interface BankImportAnswer {
  statementId: string;
  format: string;
  accountIban: string;
  entries: number;
  imported: number;
  skipped: number;
  /** Closing − opening − the file's bookings: "0.00" when it adds up, null without balances. */
  balanceDifference: string | null;
}

const isAnswer = (body: unknown): body is BankImportAnswer =>
  typeof body === 'object' && body !== null && 'statementId' in body && 'imported' in body && 'skipped' in body && 'format' in body;

/**
 * Sends a bank statement file (CAMT.053 XML, MT940) to `POST /api/banking/statements` as the
 * e-invoice upload does (multipart, the anti-forgery header, the session cookie). Resolves with
 * how many bookings were new and how many were already there.
 */
export function uploadStatement(file: File): Promise<BankImportAnswer> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/banking/statements');
    xhr.withCredentials = true;
    xhr.responseType = 'json';
    xhr.setRequestHeader('x-workmate-client', 'web');
    xhr.onload = () => {
      const body: unknown = xhr.response;
      if (xhr.status === 201 && isAnswer(body)) resolve(body);
      else reject(readError(xhr.status, body));
    };
    xhr.onerror = () => reject(new UploadError('network', 'NETWORK'));
    xhr.send(form);
  });
}
