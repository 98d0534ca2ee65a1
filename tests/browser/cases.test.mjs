// The shared case corpus through the page. Every tests/cases/NAME.in is
// imported through the file picker, and the page must show exactly the
// finding codes listed in NAME.expect.json. A file that cannot be read as an
// object must show the located error in the import status, and either leave
// the form as it was (not UTF-8) or load into the editor with the form
// empty. A valid file must preview its canonical JSON.

import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { test } from 'node:test';

import {
  allFindings,
  casesFolder,
  importFile,
  readFormValues,
  readPreview,
  testTimeout,
  useSession,
  withPage,
} from './harness.mjs';

const caseNames = (await readdir(casesFolder))
  .filter((fileName) => fileName.endsWith('.in'))
  .map((fileName) => fileName.slice(0, -'.in'.length))
  .sort();

const session = useSession();

test('shared case folder has cases', () => {
  assert.ok(caseNames.length > 0, `no .in files in ${casesFolder.pathname}`);
});

for (const name of caseNames) {
  test(`case ${name}`, { timeout: testTimeout }, async () => {
    const bytes = await readFile(new URL(`${name}.in`, casesFolder));
    const expected = JSON.parse(
      await readFile(new URL(`${name}.expect.json`, casesFolder), 'utf8'),
    );
    const fileName = `${name}.in`;

    await withPage(session, {}, async ({ page }) => {
      // With the editor there, a file of broken JSON loads into it.
      await page.locator('#editor-root .cm-content').waitFor();
      const formBefore = await readFormValues(page);
      await importFile(page, fileName, bytes);

      const shownCodes = new Set(
        (await allFindings(page)).map((finding) => finding.code),
      );
      const expectedCodes = new Set(
        expected.findings.map((finding) => finding.code),
      );
      assert.deepEqual(
        [...shownCodes].sort(),
        [...expectedCodes].sort(),
        expected.description,
      );

      const status = await page.textContent('#import-status');
      const wholeTextErrors = expected.findings.filter(
        (finding) => finding.path === '' && finding.severity === 'error',
      );
      for (const finding of wholeTextErrors) {
        assert.ok(
          status.includes(`${fileName}:${finding.line}:${finding.column}: `),
          `the import status locates ${finding.code} at ${finding.line}:${finding.column}: ${status}`,
        );
      }
      // Such a file is refused, leaving the form as it was, or, when the
      // editor can show it, loaded there to be fixed: the form, which has
      // no values of it to show, is then empty and read-only.
      if (wholeTextErrors.length > 0 && /was not loaded/.test(status)) {
        assert.deepEqual(
          await readFormValues(page),
          formBefore,
          'the form is unchanged',
        );
      } else if (wholeTextErrors.length > 0) {
        // A request is named as one: "Loaded x.in, a training pipeline request ...".
        assert.match(
          status,
          new RegExp(
            `^Loaded ${fileName.replace(/\./g, '\\.')}` +
              '(, a training pipeline request [^.]*)?\\. The form cannot show it',
          ),
        );
        assert.deepEqual(
          await readFormValues(page),
          { modelType: '', budgetMilliNodeHours: '', baseModelId: '' },
          'the form is empty',
        );
        assert.equal(
          await page.$eval('#inputs-fieldset', (fieldset) => fieldset.disabled),
          true,
        );
      }

      if (expected.ok) {
        // Warnings the API rejects a request for are named beside valid
        // inputs (web/app.js's rejectedRequestCodes).
        const requestWarnings = expected.findings.filter(
          (finding) =>
            finding.severity === 'warning' &&
            finding.code.startsWith('pipeline.'),
        ).length;
        assert.match(
          status,
          requestWarnings === 0
            ? /It is valid/
            : new RegExp(
                `Its inputs are valid, but the request has ${requestWarnings} warning`,
              ),
        );
        if (expected.canonical !== undefined) {
          assert.deepEqual(
            JSON.parse(await readPreview(page)),
            expected.canonical,
          );
        }
      } else {
        assert.doesNotMatch(status, /It is valid/);
      }
    });
  });
}
