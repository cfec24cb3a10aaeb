import { readError, UploadError } from '../../lib/upload.ts';

/**
 * Sends a received e-invoice (XRechnung XML, ZUGFeRD / Factur-X PDF) to
 * `POST /api/purchases/einvoices`, as the documents upload does (multipart, the anti-forgery
 * header, the session cookie). Resolves with the new supplier invoice's id.
 */
export function uploadEInvoice(file: File): Promise<{ id: string }> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/purchases/einvoices');
    xhr.withCredentials = true;
    xhr.responseType = 'json';
    xhr.setRequestHeader('x-workmate-client', 'web');
    xhr.onload = () => {
      const body: unknown = xhr.response;
      const invoice = typeof body === 'object' && body !== null && 'invoice' in body ? (body as { invoice: unknown }).invoice : null;
      if (xhr.status === 201 && typeof invoice === 'object' && invoice !== null && 'id' in invoice && typeof invoice.id === 'string') resolve({ id: invoice.id });
      else reject(readError(xhr.status, body));
    };
    xhr.onerror = () => reject(new UploadError('network', 'NETWORK'));
    xhr.send(form);
  });
}
