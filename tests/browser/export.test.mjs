// Export and Copy: the download and the clipboard carry exactly the
// canonical JSON. While the inputs have errors, a dialog asks first.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  exportDownload,
  testTimeout,
  useSession,
  withPage,
} from './harness.mjs';

const expected = {
  modelType: 'CLOUD_HIGH_ACCURACY_1',
  budgetMilliNodeHours: '250000',
};
const budget = '#field-budgetMilliNodeHours';

const session = useSession();

test(
  'export downloads training-inputs.json',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await page.fill(budget, '250000');
      const { fileName, text } = await exportDownload(page);
      assert.equal(fileName, 'training-inputs.json');
      assert.deepEqual(JSON.parse(text), expected);
      assert.equal(text, await page.textContent('#preview'));
      assert.equal(text.charCodeAt(0), '{'.charCodeAt(0), 'no byte-order mark');
      assert.match(
        await page.textContent('#action-status'),
        /Downloaded training-inputs\.json/,
      );

      // A second export gives the current state, not the first download.
      await page.fill('#field-baseModelId', '42');
      const second = await exportDownload(page);
      assert.deepEqual(JSON.parse(second.text), {
        ...expected,
        baseModelId: '42',
      });
    });
  },
);

test(
  'copy puts the JSON on the clipboard',
  { timeout: testTimeout },
  async () => {
    const options = { permissions: ['clipboard-read', 'clipboard-write'] };
    await withPage(session, options, async ({ page }) => {
      await page.fill(budget, '250000');
      await page.click('#copy-button');
      await page.locator('#action-status', { hasText: 'Copied' }).waitFor();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.deepEqual(JSON.parse(copied), expected);
      assert.equal(copied, await page.textContent('#preview'));
    });
  },
);

test(
  'export is refused while errors remain',
  { timeout: testTimeout },
  async () => {
    const options = { permissions: ['clipboard-read', 'clipboard-write'] };
    await withPage(session, options, async ({ page }) => {
      await page.evaluate(() => navigator.clipboard.writeText('unchanged'));
      await page.fill(budget, '5000');
      await page.fill('#field-baseModelId', ' x');

      let downloads = 0;
      page.on('download', () => {
        downloads += 1;
      });
      await page.focus('#export-button');
      await page.click('#export-button');
      assert.match(
        await page.textContent('#confirm-list'),
        /budget\.out_of_range|20,000/,
      );
      await page.click('#confirm-cancel');
      assert.match(
        await page.textContent('#action-status'),
        /Nothing was exported\. Fix the 2 errors first/,
      );
      assert.equal(
        await page.evaluate(() => document.activeElement.id),
        'field-budgetMilliNodeHours',
      );

      await page.click('#copy-button');
      await page.click('#confirm-cancel');
      assert.match(
        await page.textContent('#action-status'),
        /Nothing was copied\. Fix the 2 errors first/,
      );
      assert.equal(
        await page.evaluate(() => navigator.clipboard.readText()),
        'unchanged',
      );
      assert.equal(downloads, 0);
    });
  },
);

test(
  'export is refused for an unknown key',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await page.setInputFiles('#import-input', {
        name: 'extra.json',
        mimeType: 'application/json',
        buffer: Buffer.from(
          '{"budgetMilliNodeHours":"250000","multiLabel":true}',
        ),
      });
      await page.locator('#import-status', { hasText: 'extra.json' }).waitFor();
      await page.click('#export-button');
      await page.click('#confirm-cancel');
      assert.match(
        await page.textContent('#action-status'),
        /Fix the error first/,
      );
      const focused = await page.evaluate(() =>
        document.activeElement.getAttribute('aria-label'),
      );
      assert.equal(focused, 'Remove key multiLabel');
    });
  },
);

test(
  'copy without clipboard access points to export',
  { timeout: testTimeout },
  async () => {
    // No clipboard permission: the browser rejects the write.
    await withPage(session, {}, async ({ page }) => {
      await page.click('#copy-button');
      await page.locator('#action-status.status-error').waitFor();
      const status = await page.textContent('#action-status');
      assert.match(
        status,
        /^Copying to the clipboard failed: .*[^.]\. Use Export to download it instead\.$/,
      );
      await page.click('#pipeline-copy-button');
      await page
        .locator('#action-status', { hasText: 'Export pipeline request' })
        .waitFor();
      assert.match(
        await page.textContent('#action-status'),
        /Use Export pipeline request to download it instead\.$/,
      );
    });
  },
);
