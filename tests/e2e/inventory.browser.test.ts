import { describe, expect, it } from 'vitest';
import { browserSuite, PHONE } from '../helpers/browser.ts';
import { makeArticle, makeWarehouse, virtualLocations } from '../helpers/inventory.ts';
import { userWithRole } from '../helpers/users.ts';

/** Inventory in the browser: counting a stocktake on a phone, and a refused stock move shown in German. */
const suite = browserSuite();

describe('inventory in the browser', () => {
  it('counts a stocktake on a phone: the cards fit the narrow screen, the close posts the difference', async () => {
    const { client: admin } = await userWithRole(suite.app, 'Admin');
    const { employee } = await userWithRole(suite.app, 'Manager');
    const v = await virtualLocations(admin);
    const article = await makeArticle(admin, { name: 'Holzschraube 4x40' });
    const { bins } = await makeWarehouse(admin);
    const bin = bins[0]?.id as string;
    await admin.inventory.stock.move.mutate({ articleId: article.id, fromLocationId: v.supplier, toLocationId: bin, quantity: 12, unitCost: '0.10', movedOn: '2026-11-10' });
    const stocktake = await admin.inventory.stocktakes.start.mutate({ locationIds: [bin], countedOn: '2026-11-11' });

    const errors: string[] = [];
    const { context, page } = await suite.open(employee.email, { context: PHONE, errors, at: `/inventory/stocktakes/${stocktake.id}` });
    const card = page.locator('[data-testid="count-card"]');
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.innerText()).toContain('Holzschraube 4x40');
    // Nothing sticks out of the phone's width: no sideways scrolling while counting.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const box = await card.locator('[data-testid="count-input"]').boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);

    await card.locator('[data-testid="count-input"]').fill('10');
    await card.locator('[data-testid="count-save"]').click();
    await expect.poll(() => page.locator('[data-testid="stocktake-progress"]').innerText()).toContain('1 von 1 gezählt');
    await page.locator('[data-testid="stocktake-close"]').click();
    await expect.poll(() => page.locator('[data-testid="stocktake-progress"]').innerText()).toContain('abgeschlossen');
    await expect.poll(() => card.innerText()).toContain('Differenz −2');
    const stock = await admin.inventory.stock.list.query({ articleId: article.id, locationId: bin });
    expect(stock.items[0]?.onHand).toBe('10');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a refused move (more than is on hand) in German next to the form', async () => {
    const { client: admin } = await userWithRole(suite.app, 'Admin');
    const { employee } = await userWithRole(suite.app, 'Employee');
    const article = await makeArticle(admin, { name: 'Dübel 6mm' });
    const { bins } = await makeWarehouse(admin);
    const v = await virtualLocations(admin);
    await admin.inventory.stock.move.mutate({ articleId: article.id, fromLocationId: v.supplier, toLocationId: bins[0]?.id as string, quantity: 1, unitCost: '0.05', movedOn: '2026-11-10' });
    const errors: string[] = [];
    const { context, page } = await suite.open(employee.email, { errors, at: `/inventory/articles/${article.id}` });
    await expect.poll(() => page.locator('[data-testid="move-row"]').count()).toBe(1);
    await page.locator('[data-testid="move-from"]').selectOption(bins[0]?.id as string);
    await page.locator('[data-testid="move-to"]').selectOption(v.customer);
    await page.locator('[data-testid="move-quantity"]').fill('5');
    await page.locator('[data-testid="move-save"]').click();
    await expect.poll(() => page.locator('[data-testid="move-error"]').innerText()).toContain('nur 1 verfügbar');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('edits an article: a new name and a second price step are saved', async () => {
    const { client: admin } = await userWithRole(suite.app, 'Admin');
    const { employee } = await userWithRole(suite.app, 'Manager');
    const article = await makeArticle(admin, { name: 'Scharnier', salesPrices: [{ minQuantity: 1, netPrice: '3.00' }] });
    const errors: string[] = [];
    const { context, page } = await suite.open(employee.email, { errors, at: `/inventory/articles/${article.id}` });
    const form = page.locator('[data-testid="article-edit"]');
    await form.locator('input[name="name"]').fill('Scharnier verzinkt');
    await form.locator('[data-testid="article-sales-prices"] button', { hasText: '+' }).click();
    const second = form.locator('[data-testid="article-sales-prices"] .bank-match-row').nth(1);
    await second.locator('input').nth(0).fill('10');
    await second.locator('input').nth(1).fill('2,75');
    await form.locator('[data-testid="article-edit-save"]').click();
    await expect.poll(() => page.locator('h1').first().innerText()).toContain('Scharnier verzinkt');
    const saved = await admin.inventory.articles.get.query({ id: article.id });
    expect(saved.salesPrices).toEqual([{ minQuantity: '1', netPrice: '3.0000' }, { minQuantity: '10', netPrice: '2.7500' }]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('adds an invoice line from an article: description, unit, list price and VAT from the article', async () => {
    const { client: admin, employee } = await userWithRole(suite.app, 'Admin');
    const article = await makeArticle(admin, { name: 'Türdrücker', vatRate: 7, salesPrices: [{ minQuantity: 1, netPrice: '12.00' }, { minQuantity: 5, netPrice: '10.50' }] });
    const errors: string[] = [];
    const { context, page } = await suite.open(employee.email, { errors, at: '/invoices/new' });
    const picker = page.locator('[data-testid="article-line-picker"]');
    await expect.poll(() => picker.locator('option').count()).toBeGreaterThan(1);
    await picker.locator('[data-testid="article-line-select"]').selectOption(article.id);
    await picker.locator('[data-testid="article-line-quantity"]').fill('6');
    await picker.locator('[data-testid="article-line-add"]').click();
    // The empty first line gives way to the article's line.
    const row = page.locator('[data-testid="line-row"]');
    await expect.poll(() => row.first().locator('[data-testid="line-description"]').inputValue()).toBe(`${article.number} Türdrücker`);
    expect(await row.count()).toBe(1);
    expect(await row.locator('[data-testid="line-quantity"]').inputValue()).toBe('6');
    expect(await row.locator('[data-testid="line-unit"]').inputValue()).toBe('Stk.');
    expect(await row.locator('[data-testid="line-unit-price"]').inputValue()).toBe('10,50');
    expect(await row.locator('[data-testid="line-tax-rate"]').inputValue()).toBe('7');
    expect(errors).toEqual([]);
    await context.close();
  });
});
