/** A whole quantity (a string from the API) with German/English digit grouping left to the reader: "12500" → "12 500". */
export function quantityText(value: string): string {
  const negative = value.startsWith('-');
  const digits = negative ? value.slice(1) : value;
  return `${negative ? '−' : ''}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f')}`;
}
