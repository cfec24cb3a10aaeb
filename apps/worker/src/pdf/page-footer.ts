// Chromium's footer template: a separate document printed into each page's bottom margin. It
// gets none of the page's CSS and defaults to a tiny font, so everything is inline; the
// pageNumber/totalPages spans are filled in by Chromium.
import type { Language } from './format.ts';
import { LABELS, fillLabel } from './labels.ts';

export function pageFooterTemplate(language: Language): string {
  const text = fillLabel(LABELS[language].page, { page: '<span class="pageNumber"></span>', total: '<span class="totalPages"></span>' });
  return `<div style="width:100%;box-sizing:border-box;padding:0 20mm 0 25mm;text-align:right;font-family:'DejaVu Sans',sans-serif;font-size:7pt;color:#555">${text}</div>`;
}
