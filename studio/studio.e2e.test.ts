// The studio end to end, in Debian's Chromium against a real runtime: type a rule with a type
// error and see the squiggle, fix it, try a cart, publish, find and subscribe to the SKU in the
// marketplace, call it through the API, and see the call in the usage chart and on the invoice.
// Screenshots of every main screen are written to studio/screenshots/.
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../runtime/logger.ts';
import { startServer, type RunningServer } from '../runtime/server.ts';
import { brokenWhen, e2eRuleWithError } from './e2e-rule.ts';

const here = dirname(fileURLToPath(import.meta.url));
const shots = join(here, 'screenshots');
const chromiumPath = '/usr/bin/chromium';
const adminToken = 'studio-e2e-admin-token';

let dir: string;
let server: RunningServer;
let browser: Browser;
let page: Page;
let apiKey: string;
const pageErrors: string[] = [];
const serverErrors: string[] = [];

async function shoot(name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage });
}

beforeAll(async () => {
  // Fail loudly, never skip: the studio is not tested without a browser.
  if (!existsSync(chromiumPath)) throw new Error(`Chromium is missing at ${chromiumPath}: apt-get install -y chromium (.ci/run does it)`);
  dir = await mkdtemp(join(tmpdir(), 'rulemart-studio-'));
  server = await startServer({
    port: 0,
    dbPath: join(dir, 'studio.db'),
    adminToken,
    // Quiet access logs; server errors are kept and must stay empty.
    logger: createLogger({ write: (line) => { if (line.includes('"level":"error"')) serverErrors.push(line); } }),
  });
  const response = await fetch(`${server.url}/admin/tenants`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id: 'acme', name: 'Acme Shoes' }),
  });
  expect(response.status).toBe(201);
  const created = (await response.json()) as { key: { key: string } };
  apiKey = created.key.key;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('studio', () => {
  it('walks a merchant from a broken rule to a billed call', async () => {
    // The page asks for the key and keeps it in the session only.
    await page.goto(`${server.url}/studio`);
    const keyInput = page.getByRole('textbox', { name: 'API key' });
    await keyInput.waitFor();
    await shoot('01-api-key');
    // A wrong key is refused by the server and the page asks again.
    await keyInput.fill('rk_not-a-real-key');
    await keyInput.press('Enter');
    await expect.poll(async () => (await page.locator('dialog[open] [role="alert"]').count()) ? await page.locator('dialog[open] [role="alert"]').textContent() : '').toContain('refused');
    await keyInput.fill(apiKey);
    await keyInput.press('Enter');
    expect(await page.evaluate(() => sessionStorage.getItem('rulemart.apiKey'))).toBe(apiKey);
    expect(await page.evaluate(() => Object.keys(localStorage).some((k) => (localStorage.getItem(k) ?? '').includes('rk_')))).toBe(false);

    // The key dialog closes once the server accepted the key (asynchronously): keyboard checks start after.
    await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);

    // Keyboard: a skip link first, then the screen tabs; arrows move between tabs; focus is visible.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Editor');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-selected'))).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Marketplace');
    await page.keyboard.press('ArrowLeft');
    expect(await page.locator('#panel-editor').isVisible()).toBe(true);

    // Type a rule with a type error: the squiggle sits on the `when` line, the problems list says where.
    const content = page.locator('.editor-panel .cm-content');
    await content.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(e2eRuleWithError);
    const errorLine = e2eRuleWithError.split('\n').indexOf(brokenWhen) + 1;
    const squiggle = page.locator('.editor-panel .cm-lintRange-error');
    await squiggle.first().waitFor({ timeout: 15_000 });
    const squiggledLine = page.locator('.editor-panel .cm-line', { has: page.locator('.cm-lintRange-error') });
    expect(await squiggledLine.count()).toBe(1);
    expect((await squiggledLine.textContent())?.trim()).toBe(brokenWhen.trim());
    const problem = page.locator('.problems .problem.error');
    await expect.poll(() => problem.count()).toBe(1);
    expect(await problem.textContent()).toContain(`Line ${errorLine}:`);
    await squiggle.first().hover();
    await page.locator('.cm-tooltip-lint').waitFor();
    await shoot('02-editor-type-error');

    // Fix it: jump from the problem to the line and type the param instead of the string.
    await problem.click();
    await page.keyboard.press('End');
    for (let i = 0; i < '"200"'.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('threshold');
    await page.keyboard.press('Escape'); // close the completion list that typing opened
    await expect.poll(() => page.locator('.check-status').textContent(), { timeout: 15_000 }).toBe('No problems');
    expect(await squiggle.count()).toBe(0);

    // Completion follows the declared types: after `user.` it offers the fields of user.
    await page.keyboard.type(' and user.');
    const completions = page.locator('.cm-tooltip-autocomplete');
    await expect.poll(async () => (await completions.count()) ? await completions.textContent() : '').toContain('level');
    await shoot('02b-completion');
    await page.keyboard.press('Escape');
    for (let i = 0; i < ' and user.'.length; i++) await page.keyboard.press('Backspace');
    await expect.poll(() => page.locator('.check-status').textContent(), { timeout: 15_000 }).toBe('No problems');

    // Try a sample cart from the document's tests and read the discount on the receipt.
    await page.getByLabel('Sample').selectOption({ label: 'Test: reaches the threshold' });
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.locator('.receipt').waitFor();
    expect(await page.locator('.receipt .sum-row.discount').textContent()).toContain('−30.00');
    expect(await page.locator('.receipt .sum-row.total').textContent()).toContain('210.00');
    expect(await page.locator('.verdicts').textContent()).toContain('spend-and-save');
    await page.getByRole('button', { name: 'Run tests' }).click();
    await expect.poll(() => page.locator('.tests .banner').textContent(), { timeout: 15_000 }).toBe('2 passed, 0 failed');
    await shoot('03-try-it', true);

    // The generated TypeScript, read-only.
    await page.getByRole('tab', { name: 'TypeScript' }).click();
    await expect.poll(() => page.locator('.ts-view .cm-content').textContent()).toContain('export');
    await shoot('04-typescript');

    // Publish to the marketplace.
    await page.getByRole('tab', { name: 'Publish' }).click();
    await page.getByLabel('Public: list it in the marketplace').check();
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect.poll(() => page.locator('.publish .banner.good').first().textContent(), { timeout: 15_000 }).toContain('Published 2 documents');
    await page.locator('form.rollout').waitFor();
    expect(await page.locator('input[name="rollout-sku"]').inputValue()).toBe('promo:e2e-spend-save:v1');

    // A minor bump, published again, rolled out as a 25% canary.
    await page.getByRole('button', { name: 'Minor (new option)' }).click();
    expect(await content.textContent()).toContain('version: 1.1.0');
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect.poll(async () => (await page.locator('.publish .outcome').textContent()) ?? '', { timeout: 15_000 }).toContain('1.1.0');
    await expect.poll(() => page.getByLabel('Canary version').locator('option').allTextContents()).toContain('1.1.0');
    await page.getByLabel('Stable version').selectOption('1.0.0');
    await page.getByLabel('Canary version').selectOption('1.1.0');
    await page.getByLabel('Canary share of calls (number)').fill('25');
    await page.getByRole('button', { name: 'Apply rollout' }).click();
    await expect.poll(async () => (await page.locator('form.rollout + div').textContent()) ?? '').toContain('canary 1.1.0 gets 25%');
    await shoot('05-publish', true);

    // Find the SKU in the marketplace, read it, subscribe.
    await page.getByRole('tab', { name: 'Marketplace' }).click();
    await page.locator('[data-sku="price:e2e-plan:v1"]').waitFor();
    await shoot('06-marketplace');
    await page.getByLabel('Search').fill('Spend 200');
    await page.getByRole('button', { name: 'Search' }).click();
    const card = page.locator('[data-sku="promo:e2e-spend-save:v1"]');
    await card.waitFor();
    expect(await page.locator('[data-sku]').count()).toBe(1);
    await card.click();
    await expect.poll(() => page.locator('.price-example').textContent(), { timeout: 15_000 }).toContain('USD');
    await page.getByLabel('SLA tier').selectOption('silver');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await expect.poll(() => page.locator('.sku-detail .banner.good').first().textContent()).toContain('Subscribed');
    await expect.poll(() => page.locator('.current-subscription').textContent()).toContain('subscribed on the silver tier');

    // Execute it through the API from the SKU's input form.
    await page.locator('textarea[name="/cart/items"]').fill(JSON.stringify([{ sku: 'SHOE-1', category: 'shoes', price: '120.00', qty: 2 }]));
    await page.locator('input[name="/user/id"]').fill('u-1');
    await page.locator('select[name="/user/level"]').selectOption('normal');
    await page.getByRole('button', { name: 'Call it' }).click();
    await expect.poll(() => page.locator('.sku-detail .receipt .sum-row.discount').textContent(), { timeout: 15_000 }).toContain('−30.00');
    // The version that ran is the stable one or the 25% canary, never anything else.
    expect(await page.locator('.sku-detail .ran').textContent()).toMatch(/^Version 1\.[01]\.0 ran this call/);
    await shoot('07-sku-detail', true);

    // The call shows in the usage chart and on this month's invoice.
    await page.getByRole('tab', { name: 'Usage & billing' }).click();
    await expect.poll(() => page.locator('[data-kpi="calls"]').textContent(), { timeout: 15_000 }).toBe('1');
    expect(await page.locator('svg.chart rect.bar[height]:not([height="0.0"])').count()).toBeGreaterThan(0);
    const invoiceRow = page.locator('.invoice tbody tr', { hasText: 'promo:e2e-spend-save:v1' });
    await invoiceRow.waitFor();
    expect(await invoiceRow.textContent()).toContain('silver');
    await shoot('08-usage-billing', true);

    // A phone's width: the same screens stack into one column.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('tab', { name: 'Editor' }).click();
    await shoot('09-phone-editor');
    const noOverflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await noOverflow()).toBeLessThanOrEqual(0);
    await page.getByRole('tab', { name: 'Marketplace' }).click();
    expect(await noOverflow()).toBeLessThanOrEqual(0);
    await page.getByRole('tab', { name: 'Usage & billing' }).click();
    await shoot('10-phone-usage', true);
    expect(await noOverflow()).toBeLessThanOrEqual(0);

    expect(pageErrors).toEqual([]);
    expect(serverErrors).toEqual([]);
  }, 90_000);
});
