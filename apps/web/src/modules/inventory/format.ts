/** A whole quantity (a string from the API) with German/English digit grouping left to the reader: "12500" → "12 500". */
export function quantityText(value: string): string {
  const negative = value.startsWith('-');
  const digits = negative ? value.slice(1) : value;
  return `${negative ? '−' : ''}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f')}`;
}

/** Saves a PDF the API returned as base64 (an order confirmation, a delivery note). */
export function downloadPdf(file: { fileName: string; base64: string }): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
