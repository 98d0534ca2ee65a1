// Screenshots of the page at phone and desktop widths, for a person to look
// at, saved to test-results/, with the editor pane loaded. The tests also check that nothing overflows
// the viewport horizontally.

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { importFile, testTimeout, useSession, withPage } from './harness.mjs';

const resultsFolder = fileURLToPath(
  new URL('../../test-results/', import.meta.url),
);

const session = useSession();
before(async () => {
  await mkdir(resultsFolder, { recursive: true });
});

async function assertNoHorizontalOverflow(page, width) {
  const scrollWidth = await page.evaluate(
    () => document.documentElement.scrollWidth,
  );
  assert.ok(
    scrollWidth <= width,
    `page is ${scrollWidth}px wide in a ${width}px viewport`,
  );
}

// An import with findings of every kind on the page, for the second shots.
const fileWithFindings =
  '{"modelType":"MODEL_TYPE_UNSPECIFIED","budgetMilliNodeHours":"5000",' +
  '"baseModelId":" x","budgetMiliNodeHours":1}';

for (const width of [360, 1280]) {
  const viewport = { width, height: width === 360 ? 740 : 900 };

  test(`screenshot at ${width} px`, { timeout: testTimeout }, async () => {
    await withPage(session, { viewport }, async ({ page }) => {
      await page.locator('#editor-root .cm-content').waitFor();
      await assertNoHorizontalOverflow(page, width);
      await page.screenshot({
        path: `${resultsFolder}page-${width}.png`,
        fullPage: true,
      });
    });
  });

  test(
    `screenshot with findings at ${width} px`,
    { timeout: testTimeout },
    async () => {
      await withPage(session, { viewport }, async ({ page }) => {
        await page.locator('#editor-root .cm-content').waitFor();
        await importFile(page, 'inputs.json', fileWithFindings);
        await assertNoHorizontalOverflow(page, width);
        await page.screenshot({
          path: `${resultsFolder}page-${width}-findings.png`,
          fullPage: true,
        });
        // A long file name without spaces, in the import status and in the
        // Undo bar, wraps instead of widening the page.
        await importFile(page, `${'longname'.repeat(15)}.json`, '{}');
        await assertNoHorizontalOverflow(page, width);
      });
    },
  );
}

test('screenshot in dark mode', { timeout: testTimeout }, async () => {
  const options = {
    viewport: { width: 1280, height: 900 },
    colorScheme: 'dark',
  };
  await withPage(session, options, async ({ page }) => {
    await importFile(page, 'inputs.json', fileWithFindings);
    await page.focus('#export-button');
    await page.keyboard.press('Tab');
    await page.screenshot({
      path: `${resultsFolder}page-1280-dark.png`,
      fullPage: true,
    });
  });
});
