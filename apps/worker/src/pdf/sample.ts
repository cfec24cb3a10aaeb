// Writes a sample PDF to look at:
//   node --import tsx apps/worker/src/pdf/sample.ts [de|en] [out.pdf] [variant] [draft]
// variant: standard (default), reverse-charge, small-business, cancellation, quote, long.
import { writeFileSync } from 'node:fs';
import type { Language } from './format.ts';
import { PdfRenderer } from './renderer.ts';
import { SAMPLE_VARIANTS, sampleInvoiceModel } from './sample-model.ts';
import type { SampleVariant } from './sample-model.ts';
import { renderInvoiceHtml } from './template.ts';

const [languageArg = 'de', out = 'invoice-sample.pdf', variantArg = 'standard', draftArg] = process.argv.slice(2);
if (languageArg !== 'de' && languageArg !== 'en') throw new Error(`Language must be de or en, not "${languageArg}"`);
const language: Language = languageArg;
const variant = SAMPLE_VARIANTS.find((name) => name === variantArg);
if (!variant) throw new Error(`Variant must be one of ${SAMPLE_VARIANTS.join(', ')}, not "${variantArg}"`);

const html = renderInvoiceHtml({ ...sampleInvoiceModel(language, variant satisfies SampleVariant), draft: draftArg === 'draft' });
const renderer = new PdfRenderer({ poolSize: 1 });
try {
  writeFileSync(out, await renderer.render(html, { language }));
  console.log(`wrote ${out} (${language}, ${variant}${draftArg === 'draft' ? ', draft' : ''})`);
} finally {
  await renderer.close();
}
