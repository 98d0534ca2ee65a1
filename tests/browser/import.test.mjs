// Import through the file picker. Files fill the form, and broken JSON loads
// into the editor to be fixed. Files that are not UTF-8, or broken JSON with
// no editor, change nothing. Unknown keys stay until removed, and markup is
// shown as text.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import {
  allFindings,
  exportDownload,
  fieldFindings,
  importFile,
  readCase,
  readFormValues,
  readPreview,
  testTimeout,
  useSession,
  withPage,
} from './harness.mjs';

const budget = '#field-budgetMilliNodeHours';
const editorContent = '#editor-root .cm-content';

// A state that differs from the defaults in every field.
const editedValues = {
  modelType: 'CLOUD_LOW_ACCURACY_1',
  budgetMilliNodeHours: '250000',
  baseModelId: 'my_model',
};

const session = useSession();

async function fillEditedValues(page) {
  await page.selectOption('#field-modelType', editedValues.modelType);
  await page.fill(budget, editedValues.budgetMilliNodeHours);
  await page.fill('#field-baseModelId', editedValues.baseModelId);
  assert.deepEqual(await readFormValues(page), editedValues);
}

function importStatusCodes(page) {
  return page.$$eval('#import-status [data-code]', (items) =>
    items.map((item) => item.dataset.code),
  );
}

test(
  'budget key typo suggests the field',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await importFile(
        page,
        'typo.json',
        '{"modelType":"CLOUD_HIGH_ACCURACY_1","budgetMiliNodeHours":250000}',
      );
      const findings = await allFindings(page);
      assert.deepEqual(
        findings.map((finding) => finding.code),
        ['field.unknown'],
      );
      assert.equal(findings[0].path, '/budgetMiliNodeHours');
      assert.match(findings[0].text, /did you mean "budgetMilliNodeHours"/);
      // A question needs no full stop before the hint.
      assert.match(findings[0].text, /"budgetMilliNodeHours"\? Rename it/);
      assert.match(findings[0].text, /typo\.json:1:38/);
      assert.match(
        await page.textContent('#unknown-list'),
        /"budgetMiliNodeHours": 250000/,
      );
      assert.match(
        await page.textContent('#import-status'),
        /Loaded typo\.json\. It has 1 error/,
      );

      // The key stays in the validated JSON after an edit, so the finding stays.
      await page.fill('#field-baseModelId', '42');
      const afterEdit = await allFindings(page);
      assert.deepEqual(
        afterEdit.map((finding) => finding.code),
        ['field.unknown'],
      );
      assert.match(afterEdit[0].text, /did you mean "budgetMilliNodeHours"/);
      assert.equal(await readPreview(page), null);

      await page.click('button[aria-label="Remove key budgetMiliNodeHours"]');
      assert.deepEqual(await allFindings(page), []);
      assert.equal(await page.isHidden('#unknown-section'), true);
      assert.deepEqual(JSON.parse(await readPreview(page)), {
        modelType: 'CLOUD_HIGH_ACCURACY_1',
        baseModelId: '42',
      });
    });
  },
);

test(
  'broken JSON loads into the editor',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await page.locator(editorContent).waitFor();
      await fillEditedValues(page);
      const previewBefore = await readPreview(page);
      await importFile(page, 'C12.json', await readCase('c12-bare-word'));

      // The file is there to be fixed, its error placed in it.
      assert.match(await page.textContent(editorContent), /^Alright/);
      assert.deepEqual(await importStatusCodes(page), ['json.syntax']);
      const status = await page.textContent('#import-status');
      assert.match(
        status,
        /^Loaded C12\.json\. The form cannot show it until the errors below are fixed in the editor\./,
      );
      assert.match(status, /C12\.json:1:1: invalid JSON/);
      assert.match(status, /found "Alright"/);
      assert.match(status, /Put text in double quotes/);
      // The values the form showed belong to the text the import replaced,
      // so the read-only form is empty, and Undo brings the text back.
      assert.deepEqual(await readFormValues(page), {
        modelType: '',
        budgetMilliNodeHours: '',
        baseModelId: '',
      });
      assert.equal(await page.isDisabled(budget), true);
      assert.match(
        await page.textContent('#form-note'),
        /^The form is read-only, because/,
      );
      await page.click('#undo-button');
      assert.equal(await readPreview(page), previewBefore);
      assert.deepEqual(await readFormValues(page), editedValues);
      assert.equal(await page.isDisabled(budget), false);
      assert.equal(
        await page.evaluate(() => document.activeElement.id),
        'field-modelType',
      );

      // An object too deeply nested loads too, and Undo of a broken import
      // back to broken text keeps focus on the page, in the editor.
      await importFile(
        page,
        'deep.json',
        `{"a": ${'['.repeat(70)}${']'.repeat(70)}}`,
      );
      assert.match(
        await page.textContent('#import-status'),
        /^Loaded deep\.json\. The form cannot/,
      );
      await importFile(page, 'C12.json', await readCase('c12-bare-word'));
      await page.click('#undo-button');
      assert.match(await page.textContent(editorContent), /^\{"a": \[\[/);
      assert.equal(
        await page.evaluate(() => document.activeElement === document.body),
        false,
      );
      assert.equal(
        await page.evaluate(
          () =>
            document
              .getElementById('editor-root')
              .contains(document.activeElement) ||
            document.activeElement === document.getElementById('editor-root'),
        ),
        true,
      );
    });
  },
);

test(
  'second byte-order mark is reported',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await page.locator(editorContent).waitFor();
      const bytes = new Uint8Array([
        0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x7b, 0x7d,
      ]);
      await importFile(page, 'bom2.json', bytes);
      // The first mark is the file's; the second is in the text, an error
      // as in the checker.
      assert.deepEqual(await importStatusCodes(page), ['json.byte_order_mark']);
      assert.doesNotMatch(
        await page.textContent('#import-status'),
        /It is valid/,
      );
    });
  },
);

test('broken JSON waits for the editor', { timeout: testTimeout }, async () => {
  const options = {
    async beforeLoad(context) {
      // The editor's bundle arrives a second after it is asked for.
      await context.route('**/gen/editor.js', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        await route.continue();
      });
    },
  };
  await withPage(session, options, async ({ page }) => {
    assert.equal(await page.locator(editorContent).count(), 0);
    await importFile(page, 'C12.json', await readCase('c12-bare-word'));
    await page
      .locator('#import-status', { hasText: 'Loaded C12.json' })
      .waitFor();
    assert.match(await page.textContent(editorContent), /^Alright/);
    assert.equal(await page.isDisabled(budget), true);
  });
});

test(
  'broken JSON rejected without editor',
  { timeout: testTimeout },
  async () => {
    const options = {
      expectedProblems: [/console error: /],
      async beforeLoad(context) {
        await context.route('**/gen/editor.js', (route) =>
          route.fulfill({
            status: 404,
            contentType: 'text/plain',
            body: 'Not found',
          }),
        );
      },
    };
    await withPage(session, options, async ({ page }) => {
      await page
        .locator('#editor-loading', { hasText: 'The editor failed to load' })
        .waitFor();
      await fillEditedValues(page);
      const previewBefore = await readPreview(page);
      await importFile(page, 'C12.json', await readCase('c12-bare-word'));

      assert.deepEqual(await readFormValues(page), editedValues);
      assert.equal(await readPreview(page), previewBefore);
      assert.deepEqual(await importStatusCodes(page), ['json.syntax']);
      const status = await page.textContent('#import-status');
      assert.match(status, /C12\.json:1:1: invalid JSON/);
      assert.match(
        status,
        /^C12\.json was not loaded, and the form is unchanged\./,
      );
    });
  },
);

test('twenty bad and good imports', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    const bad = await readCase('c12-bare-word');
    const good = '{"modelType":"CLOUD_HIGH_ACCURACY_1"}';
    await page.evaluate(() => {
      window.pageLoadMarker = 'still the same page';
    });
    for (let cycle = 1; cycle <= 20; cycle += 1) {
      await importFile(page, 'C12.json', bad);
      const badStatus = await page.textContent('#import-status');
      assert.match(
        badStatus,
        /C12\.json:1:1: /,
        `cycle ${cycle}: syntax error at 1:1`,
      );

      await importFile(page, 'good.json', good);
      const goodStatus = await page.textContent('#import-status');
      assert.match(
        goodStatus,
        /Loaded good\.json\. It is valid\./,
        `cycle ${cycle}: valid`,
      );
      assert.deepEqual(JSON.parse(await readPreview(page)), {
        modelType: 'CLOUD_HIGH_ACCURACY_1',
      });
    }
    assert.equal(
      await page.evaluate(() => window.pageLoadMarker),
      'still the same page',
    );
    assert.match(await page.textContent('#validator-status'), /loaded/);
  });
});

test('null fields import as empty', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await fillEditedValues(page);
    await importFile(page, 'C05.json', await readCase('c05-all-fields-null'));

    assert.deepEqual(await readFormValues(page), {
      modelType: '',
      budgetMilliNodeHours: '',
      baseModelId: '',
    });
    assert.doesNotMatch(await page.textContent('#fields'), /null/);
    assert.doesNotMatch(await page.textContent('#preview'), /null/);
    assert.deepEqual(await allFindings(page), []);
    assert.match(
      await page.textContent('#import-status'),
      /Loaded C05\.json\. It is valid\./,
    );
    assert.deepEqual(JSON.parse(await readPreview(page)), {});
    const { text } = await exportDownload(page);
    assert.deepEqual(JSON.parse(text), {});

    // An edit makes "It is valid" out of date, so the status goes.
    await page.fill('#field-budgetMilliNodeHours', '5000');
    assert.equal(await page.textContent('#import-status'), '');
  });
});

test(
  'byte-order mark imports like plain',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      const withBom = await readCase('c09-utf8-byte-order-mark');
      assert.deepEqual([...withBom.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const plain = withBom.subarray(3);

      await fillEditedValues(page);
      await importFile(page, 'plain.json', plain);
      const plainValues = await readFormValues(page);
      const plainPreview = await readPreview(page);
      const plainFindings = await allFindings(page);

      await fillEditedValues(page);
      await importFile(page, 'C09.json', withBom);
      assert.deepEqual(await readFormValues(page), plainValues);
      assert.equal(await readPreview(page), plainPreview);
      assert.deepEqual(await allFindings(page), plainFindings);
      assert.deepEqual(plainValues, {
        modelType: 'CLOUD_HIGH_ACCURACY_1',
        budgetMilliNodeHours: '192000',
        baseModelId: '',
      });
      assert.match(
        await page.textContent('#import-status'),
        /Loaded C09\.json\. It is valid\./,
      );
      const { text } = await exportDownload(page);
      assert.notEqual(
        text.charCodeAt(0),
        0xfeff,
        'the export has no byte-order mark',
      );
    });
  },
);

test('UTF-16 file asks for UTF-8', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await fillEditedValues(page);
    await importFile(
      page,
      'C09-utf16le.json',
      await readCase('c09-utf16le-file'),
    );
    assert.deepEqual(await readFormValues(page), editedValues);
    assert.deepEqual(await importStatusCodes(page), ['file.utf16']);
    const status = await page.textContent('#import-status');
    assert.match(status, /C09-utf16le\.json:1:1: /);
    assert.match(status, /Save the file as UTF-8/);
    assert.doesNotMatch(status, /syntax/);
  });
});

test('markup shows as literal text', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    const countElements = () =>
      page.evaluate(() => ({
        img: document.querySelectorAll('img').length,
        script: document.querySelectorAll('script').length,
      }));
    const before = await countElements();
    await importFile(
      page,
      'C18.json',
      await readCase('c18-markup-in-key-and-value'),
    );

    assert.deepEqual(await countElements(), before);
    assert.equal(before.img, 0);
    assert.equal(
      await page.inputValue('#field-baseModelId'),
      '<script>alert(2)</script>',
    );
    assert.match(
      await page.textContent('#unknown-list'),
      /"<img src=x onerror=alert\(1\)>": 1/,
    );

    const findings = await allFindings(page);
    const unknown = findings.find(
      (finding) => finding.code === 'field.unknown',
    );
    assert.equal(unknown.path, '/<img src=x onerror=alert(1)>');
    assert.match(
      unknown.text,
      /unknown field "<img src=x onerror=alert\(1\)>"/,
    );
    const baseModel = await fieldFindings(page, 'baseModelId');
    assert.deepEqual(
      baseModel.map((finding) => finding.code),
      ['base_model_id.invalid'],
    );
    assert.match(baseModel[0].text, /<script>alert\(2\)<\/script>/);

    // Give an injected handler time to run. A dialog fails the test.
    await page.waitForTimeout(200);
    assert.deepEqual(await countElements(), before);
  });
});

test('invalid UTF-8 is located', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await fillEditedValues(page);
    await importFile(
      page,
      'c01.json',
      await readCase('c01-invalid-utf8-in-string'),
    );
    assert.deepEqual(await readFormValues(page), editedValues);
    assert.deepEqual(await importStatusCodes(page), ['json.invalid_utf8']);
    const status = await page.textContent('#import-status');
    // The file's name keeps its case, also at the start of the sentence.
    assert.match(status, /^c01\.json was not loaded/);
    assert.match(status, /c01\.json:1:56: /);
    assert.match(status, /0xFF/);
    assert.doesNotMatch(status, /\uFFFD/);

    // A file may have the name the page gives pasted text, and is still
    // reported as a file.
    await importFile(
      page,
      'the pasted text',
      await readCase('c01-invalid-utf8-in-string'),
    );
    const named = await page.textContent('#import-status');
    assert.match(named, /^the pasted text was not loaded/);
    assert.match(named, /the pasted text:1:56: /);
  });
});

test('unknown field kept until removed', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await importFile(
      page,
      'C07.json',
      await readCase('c07-field-of-sibling-message'),
    );
    assert.deepEqual(
      (await allFindings(page)).map((finding) => finding.code),
      ['field.unknown'],
    );
    assert.match(await page.textContent('#unknown-list'), /"multiLabel": true/);

    await page.fill(budget, '250000');
    assert.deepEqual(
      (await allFindings(page)).map((finding) => finding.code),
      ['field.unknown'],
    );
    assert.equal(await readPreview(page), null);

    await page.click('button[aria-label="Remove key multiLabel"]');
    assert.deepEqual(await allFindings(page), []);
    // The status names the key removed, and Undo, or Ctrl+Z outside the
    // editor, brings it back.
    assert.equal(
      await page.textContent('#action-status'),
      'Removed the key "multiLabel".',
    );
    assert.equal(
      await page.textContent('#undo-description'),
      'Undo removing the key "multiLabel".',
    );
    await page.keyboard.press('Control+Z');
    assert.match(await page.textContent('#unknown-list'), /"multiLabel": true/);
    await page.click('button[aria-label="Remove key multiLabel"]');
    const { text } = await exportDownload(page);
    assert.deepEqual(JSON.parse(text), {
      modelType: 'CLOUD_HIGH_ACCURACY_1',
      budgetMilliNodeHours: '250000',
    });
  });
});

test('invalid enum name is kept', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await importFile(
      page,
      'C06.json',
      await readCase('c06-enum-name-in-prose-spelling'),
    );
    assert.equal(
      await page.inputValue('#field-modelType'),
      'cloud-high-accuracy-1',
    );
    const findings = await fieldFindings(page, 'modelType');
    assert.deepEqual(
      findings.map((finding) => finding.code),
      ['model_type.unknown_name'],
    );
    assert.match(findings[0].text, /CLOUD_HIGH_ACCURACY_1/);
    assert.equal(
      await page.getAttribute('#field-modelType', 'aria-invalid'),
      'true',
    );

    // Editing another field keeps the imported value and its finding.
    await page.fill(budget, '250000');
    const afterEdit = await fieldFindings(page, 'modelType');
    assert.deepEqual(
      afterEdit.map((finding) => finding.code),
      ['model_type.unknown_name'],
    );

    await page.selectOption('#field-modelType', 'CLOUD_HIGH_ACCURACY_1');
    assert.deepEqual(await allFindings(page), []);
    const values = await page.$$eval('#field-modelType option', (items) =>
      items.map((item) => item.value),
    );
    assert.equal(values.includes('cloud-high-accuracy-1'), false);
  });
});

test('empty budget string in file', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await importFile(
      page,
      'C16.json',
      await readCase('c16-empty-string-budget'),
    );
    const findings = await fieldFindings(page, 'budgetMilliNodeHours');
    assert.deepEqual(
      findings.map((finding) => finding.code),
      ['budget.not_integer'],
    );
    assert.match(findings[0].text, /C16\.json:1:61/);
    assert.equal(await page.inputValue(budget), '');

    // An edit of another field changes only that field in the JSON text,
    // so the empty budget and its finding stay until the budget is edited.
    await page.fill('#field-baseModelId', '42');
    const afterEdit = await fieldFindings(page, 'budgetMilliNodeHours');
    assert.deepEqual(
      afterEdit.map((finding) => finding.code),
      ['budget.not_integer'],
    );
    await page.fill(budget, '30000');
    assert.deepEqual(await allFindings(page), []);
    assert.deepEqual(JSON.parse(await readPreview(page)), {
      modelType: 'CLOUD_HIGH_ACCURACY_1',
      budgetMilliNodeHours: '30000',
      baseModelId: '42',
    });
  });
});

test('field set twice shown at field', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await importFile(
      page,
      'C02.json',
      await readCase('c02-field-under-both-names'),
    );
    // The second value, out of range, is checked as well.
    const findings = await fieldFindings(page, 'budgetMilliNodeHours');
    assert.deepEqual(
      findings.map((finding) => finding.code),
      ['field.duplicate', 'budget.out_of_range'],
    );
    assert.equal(findings[0].path, '/budget_milli_node_hours');
    assert.match(findings[0].text, /budgetMilliNodeHours/);
    assert.match(findings[0].text, /budget_milli_node_hours/);
    assert.equal(await page.getAttribute(budget, 'aria-invalid'), 'true');
    assert.equal(await readPreview(page), null);
  });
});

test(
  'second inputs of a request listed apart',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      // The second trainingTaskInputs is checked too. The form shows the
      // first, so the second's budget finding is listed apart from the
      // field.
      await importFile(
        page,
        'request.json',
        await readCase('pipeline-request-inputs-twice'),
      );
      assert.equal(await page.inputValue(budget), '50000');
      assert.deepEqual(await fieldFindings(page, 'budgetMilliNodeHours'), []);
      const general = await page.$$eval(
        '#general-findings [data-code]',
        (items) => items.map((item) => [item.dataset.code, item.dataset.path]),
      );
      assert.ok(
        general.some(
          ([code, path]) =>
            code === 'budget.out_of_range' &&
            path === '/training_task_inputs/budgetMilliNodeHours',
        ),
        JSON.stringify(general),
      );
      // The errors are the request's, not those of the inputs the form
      // shows, and the export dialog names the request. It also states why
      // valid inputs have no canonical JSON, which it once left out.
      await page.click('#export-button');
      await page.locator('#confirm-dialog[open]').waitFor();
      assert.equal(
        await page.textContent('#confirm-heading'),
        'The request has errors',
      );
      assert.match(
        await page.textContent('#confirm-text'),
        /^The request's inputs have no error of their own, but the request has 2 errors, and it is unclear which inputs are meant, so there is no canonical JSON\./,
      );
      await page.click('#confirm-cancel');
      // Inputs with an error of their own keep the plain sentence.
      await page.fill(budget, '5');
      await page.click('#export-button');
      await page.locator('#confirm-dialog[open]').waitFor();
      assert.match(
        await page.textContent('#confirm-text'),
        /^The request has 3 errors, so there is no canonical JSON yet\./,
      );
    });
  },
);

test(
  'repeated unknown key gets two rows',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await importFile(page, 'repeated.json', '{"x":1,"\\u0078":2,"a/b~c":3}');
      const rows = page.locator('#unknown-list > li');
      assert.equal(await rows.count(), 3);
      // The second "x" is reported as the same key set twice.
      const expectedCodes = [
        ['field.unknown'],
        ['field.duplicate'],
        ['field.unknown'],
      ];
      for (let index = 0; index < 3; index += 1) {
        const codes = await rows
          .nth(index)
          .locator('[data-code]')
          .evaluateAll((items) => items.map((item) => item.dataset.code));
        assert.deepEqual(codes, expectedCodes[index], `row ${index}`);
      }
      assert.equal(
        await rows.nth(2).locator('[data-code]').getAttribute('data-path'),
        '/a~1b~0c',
      );
      assert.equal(await page.isHidden('#general-findings'), true);

      // The two buttons of "x" have names of their own, for a screen reader.
      assert.deepEqual(
        await rows
          .locator('button')
          .evaluateAll((buttons) =>
            buttons.map((button) => button.getAttribute('aria-label')),
          ),
        ['Remove key x, 1 of 2', 'Remove key x, 2 of 2', 'Remove key a/b~c'],
      );

      await page.click('button[aria-label="Remove key x, 1 of 2"]');
      assert.equal(await rows.count(), 2);
      assert.match(await rows.nth(0).textContent(), /"x": 2/);
      assert.equal(
        await page.evaluate(() =>
          document.activeElement.getAttribute('aria-label'),
        ),
        'Remove key x',
      );

      await page.click('button[aria-label="Remove key x"]');
      await page.click('button[aria-label="Remove key a/b~c"]');
      assert.deepEqual(await allFindings(page), []);
      assert.deepEqual(JSON.parse(await readPreview(page)), {});

      // Two keys that differ only past the cut of a shown key.
      const long = 'k'.repeat(210);
      await importFile(page, 'long.json', `{"${long}A": 1, "${long}B": 2}`);
      const names = await rows
        .locator('button')
        .evaluateAll((buttons) =>
          buttons.map((button) => button.getAttribute('aria-label')),
        );
      assert.equal(names.length, 2);
      assert.notEqual(names[0], names[1]);
      assert.match(names[1], /, 2 of 2$/);
    });
  },
);

test('dropped file is imported', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await page.evaluate(() => {
      const transfer = new DataTransfer();
      const text =
        '{"modelType":"CLOUD_LOW_ACCURACY_1","budgetMilliNodeHours":"30000"}';
      transfer.items.add(
        new File([text], 'dropped.json', { type: 'application/json' }),
      );
      document.body.dispatchEvent(
        new DragEvent('drop', {
          dataTransfer: transfer,
          bubbles: true,
          cancelable: true,
        }),
      );
    });
    await page.locator('#import-status', { hasText: 'dropped.json' }).waitFor();
    assert.match(
      await page.textContent('#import-status'),
      /Loaded dropped\.json\. It is valid\./,
    );
    assert.deepEqual(await readFormValues(page), {
      modelType: 'CLOUD_LOW_ACCURACY_1',
      budgetMilliNodeHours: '30000',
      baseModelId: '',
    });

    // Of several files dropped at once, none is read.
    await page.evaluate(() => {
      const transfer = new DataTransfer();
      for (const name of ['one.json', 'two.json']) {
        transfer.items.add(
          new File(['{"baseModelId":"m1"}'], name, {
            type: 'application/json',
          }),
        );
      }
      document.body.dispatchEvent(
        new DragEvent('drop', {
          dataTransfer: transfer,
          bubbles: true,
          cancelable: true,
        }),
      );
    });
    assert.match(
      await page.textContent('#import-status'),
      /^2 files were dropped, and the form is unchanged\. Drop one file at a time\./,
    );
    assert.equal(await page.inputValue('#field-baseModelId'), '');
  });
});

test('non-object request inputs named', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await importFile(
      page,
      'request.json',
      '{"displayName": "d", "trainingTaskInputs": []}',
    );
    assert.match(
      await page.textContent('#import-status'),
      /a training pipeline request with no trainingTaskInputs object/,
    );
    assert.match(
      await page.textContent('#form-note'),
      /read-only, because the request has no trainingTaskInputs object/,
    );
    await page.click('#pipeline-copy-button');
    assert.equal(
      await page.textContent('#action-status'),
      'The request has no trainingTaskInputs object, so it cannot go into a pipeline ' +
        'request. Fix it first.',
    );
    // Nor are there inputs to export alone: the whole request would be
    // saved as the inputs.
    await page.click('#export-button');
    assert.equal(
      await page.textContent('#action-status'),
      'The request has no trainingTaskInputs object, so there are no inputs to export ' +
        'alone. Fix it first.',
    );
    assert.equal(await page.isHidden('#confirm-dialog'), true);
  });
});

test('missing request inputs named', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await importFile(
      page,
      'create.json',
      await readCase('create-request-without-inputs'),
    );
    assert.match(
      await page.textContent('#import-status'),
      /a training pipeline request with no trainingTaskInputs object/,
    );
    const note = await page.textContent('#form-note');
    assert.match(
      note,
      /read-only, because the request has no trainingTaskInputs object/,
    );
    assert.match(
      note,
      /has no trainingTaskInputs, the training inputs that segform checks/,
    );
  });
});

test('bidi file name kept apart', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    // U+202E would show the rest of the message right to left.
    const name = 'inputs\u202Enosj.json';
    await importFile(page, name, '{"modelType": "CLOUD_LOW_ACCURACY_1"}');
    const status = await page.textContent('#import-status');
    assert.ok(status.startsWith(`Loaded \u2068${name}\u2069.`), status);
  });
});

test(
  'create request fills the form from its inputs',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await importFile(
        page,
        'create.json',
        await readCase('create-request-budget-below-range'),
      );
      const status = await page.textContent('#import-status');
      assert.match(
        status,
        /a training pipeline request whose trainingTaskInputs the form shows/,
      );
      const values = await readFormValues(page);
      assert.equal(values.modelType, 'CLOUD_HIGH_ACCURACY_1');
      assert.equal(values.budgetMilliNodeHours, '5000');
      const findings = await fieldFindings(page, 'budgetMilliNodeHours');
      assert.deepEqual(
        findings.map((finding) => finding.code),
        ['budget.out_of_range'],
      );
      assert.equal(
        findings[0].path,
        '/trainingPipeline/trainingTaskInputs/budgetMilliNodeHours',
      );

      // A form edit lands inside the pipeline's trainingTaskInputs, and the
      // pipeline export keeps the request around the canonical inputs.
      await page.fill('#field-budgetMilliNodeHours', '250000');
      assert.deepEqual(await fieldFindings(page, 'budgetMilliNodeHours'), []);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('#pipeline-export-button'),
      ]);
      const request = JSON.parse(await readFile(await download.path(), 'utf8'));
      assert.equal(request.parent, 'projects/my-project/locations/us-central1');
      assert.equal(request.trainingPipeline.displayName, 'seg-run');
      assert.deepEqual(request.trainingPipeline.trainingTaskInputs, {
        modelType: 'CLOUD_HIGH_ACCURACY_1',
        budgetMilliNodeHours: '250000',
      });
    });
  },
);

test(
  'pipeline request fills the form from its inputs',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await importFile(
        page,
        'request.json',
        await readCase('pipeline-request-snake-case'),
      );
      const status = await page.textContent('#import-status');
      assert.match(
        status,
        /a training pipeline request whose trainingTaskInputs the form shows/,
      );
      // The case's request has no trainingTaskDefinition, which the status names.
      assert.match(
        status,
        /Its inputs are valid, but the request has 1 warning/,
      );
      const values = await readFormValues(page);
      assert.equal(values.modelType, 'MOBILE_TF_LOW_LATENCY_1');
      assert.equal(values.budgetMilliNodeHours, '8000');

      // A form edit lands inside trainingTaskInputs, and the export is the
      // inputs alone in canonical (camelCase) form.
      await page.fill('#field-budgetMilliNodeHours', '9000');
      assert.deepEqual(JSON.parse(await readPreview(page)), {
        modelType: 'MOBILE_TF_LOW_LATENCY_1',
        budgetMilliNodeHours: '9000',
      });
    });
  },
);

// A pipeline nested twice in a create request contains the only inputs, so
// the form shows and edits them where they are. The form once stayed
// read-only, as for a request without inputs.
test(
  'pipeline nested twice fills the form',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await importFile(
        page,
        'request.json',
        '{"parent": "projects/p/locations/us-central1", "trainingPipeline": ' +
          '{"training_pipeline": {"displayName": "x", "trainingTaskDefinition": ' +
          '"gs://google-cloud-aiplatform/schema/trainingjob/definition/' +
          'automl_image_segmentation_1.0.0.yaml", "trainingTaskInputs": ' +
          '{"budgetMilliNodeHours": "5000"}}}}',
      );
      assert.equal(await page.inputValue(budget), '5000');
      assert.deepEqual(
        (await fieldFindings(page, 'budgetMilliNodeHours')).map(
          (finding) => finding.code,
        ),
        ['budget.out_of_range'],
      );
      await page.fill(budget, '50000');
      assert.deepEqual(await fieldFindings(page, 'budgetMilliNodeHours'), []);
      // The request's own error leaves the inputs' canonical JSON.
      assert.deepEqual(JSON.parse(await readPreview(page)), {
        budgetMilliNodeHours: '50000',
      });
      assert.ok(
        (await allFindings(page)).some(
          (finding) =>
            finding.code === 'pipeline.missing_inputs' &&
            finding.path === '/trainingPipeline/training_pipeline',
        ),
      );
    });
  },
);

/**
 * Runs body({page, release}) on a page whose editor bundle is held back
 * until release() is called. With `fails`, the request for the bundle then
 * gets a 404 response, and release() does not wait for the editor.
 */
async function withEditorHeld(body, { fails = false } = {}) {
  let release;
  const editorHeld = new Promise((resolve) => {
    release = resolve;
  });
  const options = {
    expectedProblems: fails ? [/editor\.js/, /404/, /Failed to fetch/] : [],
    async beforeLoad(context) {
      await context.route('**/gen/editor.js', async (route) => {
        await editorHeld;
        await (fails
          ? route.fulfill({ status: 404, body: 'Not found' })
          : route.fallback());
      });
    },
  };
  await withPage(session, options, async ({ page }) =>
    body({
      page,
      async release() {
        release();
        if (fails) return;
        await page.locator('#editor-loading').waitFor({ state: 'detached' });
        // The waiting import resumes in a task after the editor's.
        await page.waitForTimeout(200);
      },
    }),
  );
}

/**
 * Imports a valid file, which loads at once, and checks its status, which
 * ends with `after`.
 */
async function importSecondValidFile(page, after = '') {
  await importFile(
    page,
    'second-valid.json',
    '{"budgetMilliNodeHours": "250000"}',
  );
  assert.equal(
    await page.textContent('#import-status'),
    `Loaded second-valid.json. It is valid.${after}`,
  );
}

/**
 * Starts the import of a file with errors, which waits for the editor, and
 * returns the status shown meanwhile.
 */
async function importWaitingFile(page, name = 'first-broken.json') {
  // Set directly, since importFile waits for the import's result.
  await page.setInputFiles('#import-input', {
    name,
    mimeType: 'application/json',
    buffer: Buffer.from('{"modelType": '),
  });
  const status = page.locator('#import-status', {
    hasText: `${name} has errors to fix in the editor, so it loads once the editor has loaded.`,
  });
  await status.waitFor();
  return status.textContent();
}

// A file with errors waits for the editor to load. It once showed nothing
// while it waited, and then replaced a file imported after it. The later
// file's status states that the first will not load, which it once left out.
test('later import wins over waiting', { timeout: testTimeout }, async () => {
  await withEditorHeld(async ({ page, release }) => {
    await importWaitingFile(page);
    await importSecondValidFile(
      page,
      ' first-broken.json, which waited for the editor, will not load.',
    );
    await release();
    assert.equal(
      await page.textContent('#import-status'),
      'Loaded second-valid.json. It is valid. first-broken.json, which ' +
        'waited for the editor, will not load.',
    );
    assert.equal(
      await page.inputValue('#field-budgetMilliNodeHours'),
      '250000',
    );
  });
});

// Only a change of the text cancels a waiting import. A rejected import
// once cancelled it without a word, and typing let it replace the typing.
test('waiting import and other edits', { timeout: testTimeout }, async () => {
  await withEditorHeld(async ({ page, release }) => {
    await importWaitingFile(page);
    await importFile(page, 'huge.json', Buffer.alloc(1_100_000, 32));
    assert.match(
      await page.textContent('#import-status'),
      /huge\.json was not loaded/,
    );
    await release();
    assert.match(
      await page.textContent('#import-status'),
      /^Loaded first-broken\.json/,
    );
  });
  await withEditorHeld(async ({ page, release }) => {
    await importWaitingFile(page);
    await page.fill('#field-budgetMilliNodeHours', '250000');
    // The edit cancels the import at once. Its status once went blank until
    // the editor loaded.
    const cancelled =
      'first-broken.json was not loaded: the text changed while it waited ' +
      'for the editor. Import it again to load it.';
    assert.equal(await page.textContent('#import-status'), cancelled);
    // Said once: the status is not written again at each keystroke, which
    // a screen reader would read out each time.
    await page.$eval('#import-status p', (line) => {
      line.dataset.mark = 'first';
    });
    await page.type('#field-budgetMilliNodeHours', '12');
    assert.equal(
      await page.locator('#import-status p[data-mark="first"]').count(),
      1,
    );
    await page.fill('#field-budgetMilliNodeHours', '250000');
    await release();
    assert.equal(await page.textContent('#import-status'), cancelled);
    assert.equal(
      await page.inputValue('#field-budgetMilliNodeHours'),
      '250000',
    );
  });
});

// A cancelled import once loaded after all when the text was back to what
// it had been when the import began.
test('cancelled import stays cancelled', { timeout: testTimeout }, async () => {
  await withEditorHeld(async ({ page, release }) => {
    await importWaitingFile(page);
    const budget = '#field-budgetMilliNodeHours';
    const before = await page.inputValue(budget);
    await page.fill(budget, `${before}1`);
    await page.fill(budget, before);
    await release();
    assert.match(
      await page.textContent('#import-status'),
      /^first-broken\.json was not loaded: the text changed/,
    );
    assert.equal(await page.inputValue(budget), before);
  });
});

// An import that loaded once left a cancelled waiting import in place, so
// later edits kept "It is valid" on screen over a text with an error.
test('later import ends waiting import', { timeout: testTimeout }, async () => {
  await withEditorHeld(async ({ page, release }) => {
    const budget = '#field-budgetMilliNodeHours';
    await importWaitingFile(page);
    await page.fill(budget, '250001');
    await importSecondValidFile(page);
    await page.fill(budget, '-5');
    assert.equal(await page.textContent('#import-status'), '');
    await release();
    assert.equal(await page.textContent('#import-status'), '');
    assert.equal(await page.inputValue(budget), '-5');
  });
});

// A file the editor could not show either is rejected at once.
test('unloadable file does not wait', { timeout: testTimeout }, async () => {
  await withEditorHeld(async ({ page }) => {
    await importFile(
      page,
      'utf16.json',
      Buffer.from('\ufeff{"modelType": 1}', 'utf16le'),
    );
    assert.match(
      await page.textContent('#import-status'),
      /^utf16\.json was not loaded/,
    );
  });
});

// A Reset that leaves the text as it was once cancelled a waiting import,
// and a second waiting file replaced the first without a word.
test('waiting import kept or replaced', { timeout: testTimeout }, async () => {
  await withEditorHeld(async ({ page, release }) => {
    await importWaitingFile(page);
    await page.click('#reset-button');
    // The status still names the file, which it once left out.
    assert.equal(
      await page.textContent('#import-status'),
      'The inputs are the defaults already. first-broken.json still waits ' +
        'for the editor, and loads when the editor is ready.',
    );
    await release();
    assert.match(
      await page.textContent('#import-status'),
      /^Loaded first-broken\.json/,
    );
  });
  // A Reset that changed the text cancels it at once and reports it. It once
  // said nothing until the editor loaded.
  await withEditorHeld(async ({ page, release }) => {
    await page.fill('#field-budgetMilliNodeHours', '250001');
    await importWaitingFile(page);
    await page.click('#reset-button');
    const resetStatus =
      'Reset the inputs to the defaults. first-broken.json, which waited ' +
      'for the editor, will not load. Import it again to load it.';
    assert.equal(await page.textContent('#import-status'), resetStatus);
    // Shown as an error, as an edit's cancellation is.
    assert.equal(
      await page.$eval('#import-status', (status) =>
        status.classList.contains('status-error'),
      ),
      true,
    );
    // A second Reset changes nothing, and its status once hid the
    // cancellation.
    await page.click('#reset-button');
    assert.equal(
      await page.textContent('#import-status'),
      'The inputs are the defaults already. first-broken.json, which ' +
        'waited for the editor, will not load. Import it again to load it.',
    );
    // Undo keeps saying so. It once replaced the status with its own, and
    // the file was then passed over without a word.
    await page.click('#undo-button');
    assert.equal(
      await page.textContent('#import-status'),
      'Restored the text from before. first-broken.json, which waited for ' +
        'the editor, will not load. Import it again to load it.',
    );
    // An edit makes "Restored the text from before" out of date, so the
    // status then reports the cancellation alone. It once kept the Undo's.
    await page.fill('#field-budgetMilliNodeHours', '250002');
    assert.equal(
      await page.textContent('#import-status'),
      'first-broken.json was not loaded: the text changed while it waited ' +
        'for the editor. Import it again to load it.',
    );
    await page.fill('#field-budgetMilliNodeHours', '250001');
    await release();
    assert.match(
      await page.textContent('#import-status'),
      /^first-broken\.json was not loaded: the text changed/,
    );
    assert.equal(
      await page.inputValue('#field-budgetMilliNodeHours'),
      '250001',
    );
  });
  // A file imported after a Reset cancelled the waiting one does not say
  // again that the first will not load, which it once did.
  await withEditorHeld(async ({ page, release }) => {
    await page.fill('#field-budgetMilliNodeHours', '250001');
    await importWaitingFile(page);
    await page.click('#reset-button');
    assert.equal(
      await importWaitingFile(page, 'second-broken.json'),
      'second-broken.json has errors to fix in the editor, so it loads once ' +
        'the editor has loaded.',
    );
    await release();
    assert.match(
      await page.textContent('#import-status'),
      /^Loaded second-broken\.json/,
    );
  });
  await withEditorHeld(async ({ page, release }) => {
    await importWaitingFile(page);
    assert.equal(
      await importWaitingFile(page, 'second-broken.json'),
      'second-broken.json has errors to fix in the editor, so it loads once ' +
        'the editor has loaded. first-broken.json, imported before it, will ' +
        'not load.',
    );
    await release();
    assert.match(
      await page.textContent('#import-status'),
      /^Loaded second-broken\.json/,
    );
  });
});

// Once the editor has failed, importing again cannot load the file either,
// so it is rejected with its findings, whatever changed meanwhile.
test(
  'waiting import after editor fails',
  { timeout: testTimeout },
  async () => {
    await withEditorHeld(
      async ({ page, release }) => {
        await importWaitingFile(page);
        await page.fill('#field-budgetMilliNodeHours', '250000');
        await release();
        await page
          .locator('#import-status', {
            hasText: 'was not loaded, and the form',
          })
          .waitFor();
        assert.match(
          await page.textContent('#import-status'),
          /^first-broken\.json was not loaded, and the form is unchanged\./,
        );
        assert.equal(
          await page.inputValue('#field-budgetMilliNodeHours'),
          '250000',
        );
      },
      { fails: true },
    );
  },
);

// 105 unknown keys before the budget: past the cap of 100 findings, the
// budget's error is kept, so the field does not show -5 as if it were valid.
test(
  'capped findings keep field errors',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      const keys = Array.from({ length: 105 }, (_, i) => `"k${i}": 1`);
      await importFile(
        page,
        'many-keys.json',
        `{${keys.join(', ')}, "budgetMilliNodeHours": -5}\n`,
      );
      assert.equal(await page.inputValue(budget), '-5');
      const budgetFindings = await fieldFindings(page, 'budgetMilliNodeHours');
      assert.deepEqual(
        budgetFindings.map((finding) => finding.code),
        ['budget.negative'],
      );
      const codes = (await allFindings(page)).map((finding) => finding.code);
      assert.ok(codes.includes('findings.truncated'), codes.join(' '));
    });
  },
);
