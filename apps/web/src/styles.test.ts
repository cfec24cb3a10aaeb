import { readFileSync } from 'node:fs';
import postcss from 'postcss';
import { describe, expect, it } from 'vitest';

/**
 * The one stylesheet is long and grows by module. Browsers forgive a block left open, so a
 * missing `}` after a phone-only @media block silently made every rule below it phone-only (the
 * pipeline board lost its columns on the desktop). The parser does not forgive it.
 */
const css = readFileSync(new URL('./styles.css', import.meta.url), 'utf8');

describe('styles.css', () => {
  it('parses: every block is closed', () => {
    expect(() => postcss.parse(css, { from: 'styles.css' })).not.toThrow();
  });

  it('keeps the desktop layout rules outside of media queries', () => {
    const root = postcss.parse(css, { from: 'styles.css' });
    const topLevel = new Set<string>();
    root.each((node) => {
      if (node.type === 'rule') topLevel.add(node.selector);
    });
    for (const selector of ['.pipeline-board', '.pipeline-column', '.customer-projects', '.einvoice-facts', '.bank-match', '.checkbox-row']) {
      expect(topLevel.has(selector), selector).toBe(true);
    }
  });
});
