// axe-core checks of the whole page, in light and dark colour schemes, with
// and without errors on screen.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';

import { importFile, testTimeout, useSession, withPage } from './harness.mjs';

const session = useSession();

const fileWithErrors =
  '{"modelType":"MODEL_TYPE_UNSPECIFIED","budgetMilliNodeHours":"5000",' +
  '"baseModelId":" x","budgetMiliNodeHours":1}';

for (const colorScheme of ['light', 'dark']) {
  for (const withErrors of [false, true]) {
    const name = `axe ${colorScheme}${withErrors ? ' with errors' : ''}`;
    test(name, { timeout: testTimeout }, async () => {
      await withPage(session, {}, async ({ page }) => {
        await page.emulateMedia({ colorScheme });
        await page.locator('#editor-root .cm-content').waitFor();
        if (withErrors) {
          await importFile(page, 'errors.json', fileWithErrors);
        }
        const { violations } = await new AxeBuilder({ page }).analyze();
        const summary = violations.map((violation) =>
          `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
        assert.deepEqual(summary, []);
      });
    });
  }
}
