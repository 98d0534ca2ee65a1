// Behaviours found missing by a user review of the page. A shared link
// survives a reload, and an edit ends the offer to undo an import. Pipeline
// requests keep their own values and show findings at their fields. The
// exports are clean JSON, and a huge list of unknown keys stays short.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import {
  importFile,
  readFormValues,
  testTimeout,
  useSession,
  withPage,
} from './harness.mjs';

const budget = '#field-budgetMilliNodeHours';
const editorContent = '#editor-root .cm-content';
const clipboard = ['clipboard-read', 'clipboard-write'];

const session = useSession();

const encoder = new TextEncoder();

async function download(page, button) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.click(button),
  ]);
  return readFile(await file.path(), 'utf8');
}

const request = `{
  "displayName": "my-run",
  "inputDataConfig": {"datasetId": "12345"},
  "trainingTaskInputs": {
    "modelType": "CLOUD_HIGH_ACCURACY_1",
    "base_model_id": "projects/p/locations/l/models/123"
  }
}
`;

test('shared link survives a reload', { timeout: testTimeout }, async () => {
  let link;
  await withPage(session, { permissions: clipboard }, async ({ page }) => {
    await page.fill(budget, '77000');
    await page.click('#share-button');
    await page
      .locator('#action-status', { hasText: 'Copied a link' })
      .waitFor();
    link = await page.evaluate(() => navigator.clipboard.readText());
  });
  await withPage(session, {}, async ({ page }) => {
    await page.evaluate(() => localStorage.clear());
    await page.goto('about:blank');
    await page.goto(link);
    await page.locator('#validator-status.status-ok').waitFor();
    assert.equal(await page.inputValue(budget), '77000');
    await page.reload();
    await page.locator('#validator-status.status-ok').waitFor();
    assert.equal(await page.inputValue(budget), '77000');
  });
});

test(
  'an edit ends the offer to undo an import',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await importFile(
        page,
        'inputs.json',
        encoder.encode('{"budgetMilliNodeHours":"50000"}'),
      );
      assert.equal(await page.isVisible('#undo-bar'), true);
      await page.fill('#field-baseModelId', 'mymodel');
      assert.equal(await page.isHidden('#undo-bar'), true);
      await page.click('h1');
      await page.keyboard.press('Control+Z');
      assert.equal(await page.inputValue('#field-baseModelId'), 'mymodel');
    });
  },
);

test(
  'pipeline request findings sit at their fields',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await importFile(page, 'request.json', encoder.encode(request));
      const field = page.locator('#field-baseModelId');
      assert.equal(await field.getAttribute('aria-invalid'), 'true');
      const describedBy = await field.getAttribute('aria-describedby');
      const codes = await page.$$eval(
        describedBy
          .split(' ')
          .map((id) => `#${id}`)
          .join(','),
        (items) => items.map((item) => item.dataset.code).filter(Boolean),
      );
      assert.ok(
        codes.includes('base_model_id.resource_name'),
        codes.join(', '),
      );
    });
  },
);

test('request warnings named on import', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    // Valid inputs in a request without a trainingTaskDefinition: "valid"
    // alone would hide the warning the API rejects the request for.
    await importFile(
      page,
      'request.json',
      encoder.encode(
        '{"displayName": "r", "trainingTaskInputs": {"modelType": "CLOUD_LOW_ACCURACY_1"}}',
      ),
    );
    assert.match(
      await page.textContent('#import-status'),
      /Its inputs are valid, but the request has 1 warning that the API would reject it for\.$/,
    );
  });
});

test(
  "pipeline export keeps the request's own values",
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await importFile(page, 'request.json', encoder.encode(request));
      await page.fill('#field-baseModelId', '123');
      // The request has no trainingTaskDefinition, which the API requires, so
      // its export opens the dialog first and lists the warning.
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        (async () => {
          await page.click('#pipeline-export-button');
          await page.locator('#confirm-dialog[open]').waitFor();
          assert.match(
            await page.textContent('#confirm-text'),
            /^The pipeline request has 1 warning, for which the API would reject it\./,
          );
          // The heading names the warnings too, since the inputs have no error.
          assert.equal(
            await page.textContent('#confirm-heading'),
            'The request has warnings',
          );
          assert.deepEqual(
            await page.$$eval('#confirm-list [data-code]', (items) =>
              items.map((item) => item.dataset.code),
            ),
            ['pipeline.missing_field'],
          );
          await page.click('#confirm-accept');
        })(),
      ]);
      const text = await readFile(await file.path(), 'utf8');
      // The status states that the API would reject the download.
      assert.match(
        await page.textContent('#action-status'),
        /^Downloaded training-pipeline-request\.json\. The API would reject the request as it is\./,
      );
      assert.doesNotMatch(text, /\n\s*,/);
      const exported = JSON.parse(text);
      assert.equal(exported.displayName, 'my-run');
      assert.equal(exported.inputDataConfig.datasetId, '12345');
      assert.deepEqual(exported.trainingTaskInputs, {
        modelType: 'CLOUD_HIGH_ACCURACY_1',
        baseModelId: '123',
      });
      // The plain export is the inputs alone, valid, so the status names
      // no errors.
      assert.deepEqual(
        JSON.parse(await download(page, '#export-button')),
        exported.trainingTaskInputs,
      );
      assert.equal(
        await page.textContent('#action-status'),
        'Downloaded training-inputs.json.',
      );
    });
  },
);

test(
  'faulty request exports canonical inputs',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      // A label of the request is set twice, and it has a member the API
      // rejects; its inputs are valid, in snake_case.
      await importFile(
        page,
        'request.json',
        encoder.encode(
          '{"displayName": "a", "trainingTaskDefinition": "gs://google-cloud-aiplatform/' +
            'schema/trainingjob/definition/automl_image_segmentation_1.0.0.yaml",\n' +
            ' "labels": {"team": "a", "team": "b"}, "priority": 1,\n' +
            ' "trainingTaskInputs": {"model_type": "CLOUD_LOW_ACCURACY_1"}}',
        ),
      );
      assert.match(
        await page.textContent('#preview-note'),
        /^The inputs are valid/,
      );
      assert.deepEqual(JSON.parse(await download(page, '#export-button')), {
        modelType: 'CLOUD_LOW_ACCURACY_1',
      });
      assert.equal(await page.locator('#confirm-dialog[open]').count(), 0);

      // The request's own export opens the dialog, which lists its error and
      // the unknown member.
      await page.click('#pipeline-export-button');
      await page.locator('#confirm-dialog[open]').waitFor();
      assert.match(
        await page.textContent('#confirm-text'),
        /^The pipeline request has 1 error and 1 warning, for which the API would reject it\./,
      );
      assert.deepEqual(
        await page.$$eval('#confirm-list [data-code]', (items) =>
          items.map((item) => item.dataset.code),
        ),
        ['json.duplicate_key', 'pipeline.unknown_field'],
      );
      await page.click('#confirm-cancel');
      assert.equal(
        await page.textContent('#action-status'),
        'Nothing was exported. Fix the 1 error and 1 warning first.',
      );
    });
  },
);

// A request for another task has inputs that are not image segmentation
// inputs, and they were exported as such.
test('other task inputs not exported', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    const text =
      '{"displayName": "a", "trainingTaskDefinition": "gs://google-cloud-aiplatform/' +
      'schema/trainingjob/definition/automl_image_classification_1.0.0.yaml",\n' +
      ' "trainingTaskInputs": {"modelType": "CLOUD_LOW_ACCURACY_1"}}';
    await importFile(page, 'request.json', encoder.encode(text));
    assert.equal(
      await page.textContent('#preview-note'),
      'Fix the 1 error first; the JSON to export appears here once the inputs are valid.',
    );
    await page.click('#export-button');
    await page.locator('#confirm-dialog[open]').waitFor();
    assert.deepEqual(
      await page.$$eval('#confirm-list [data-code]', (items) =>
        items.map((item) => item.dataset.code),
      ),
      ['pipeline.task_definition'],
    );
    await page.click('#confirm-cancel');
  });
});

test(
  'request parent that is no location asks',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await importFile(
        page,
        'create.json',
        encoder.encode(
          '{"parent": "projects/my-project/us-central1", "trainingPipeline": {"displayName": "a", ' +
            '"trainingTaskDefinition": "gs://google-cloud-aiplatform/schema/trainingjob/definition/' +
            'automl_image_segmentation_1.0.0.yaml", "trainingTaskInputs": {}}}',
        ),
      );
      await page.click('#pipeline-export-button');
      await page.locator('#confirm-dialog[open]').waitFor();
      assert.deepEqual(
        await page.$$eval('#confirm-list [data-code]', (items) =>
          items.map((item) => item.dataset.code),
        ),
        ['pipeline.invalid_parent'],
      );
      await page.click('#confirm-cancel');
    });
  },
);

test(
  'a tab-indented request exports with tabs',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await importFile(
        page,
        'request.json',
        encoder.encode(
          '{\n\t"displayName": "a",\n\t"trainingTaskDefinition": "gs://google-cloud-aiplatform/' +
            'schema/trainingjob/definition/automl_image_segmentation_1.0.0.yaml",\n' +
            '\t"trainingTaskInputs": {\n\t\t"model_type": 2, "budget_milli_node_hours": 8000}\n}\n',
        ),
      );
      const text = await download(page, '#pipeline-export-button');
      assert.match(
        text,
        /\n\t"trainingTaskInputs": \{\n\t\t"modelType": "CLOUD_LOW_ACCURACY_1",\n\t\t"budgetMilliNodeHours": "8000"\n\t\}\n\}/,
      );
      assert.doesNotMatch(text, /\t +"/);
    });
  },
);

test(
  'request exports keep their layout',
  { timeout: testTimeout },
  async () => {
    const definition =
      '"trainingTaskDefinition": "gs://google-cloud-aiplatform/schema/' +
      'trainingjob/definition/automl_image_segmentation_1.0.0.yaml"';
    await withPage(session, {}, async ({ page }) => {
      // Indented by four spaces: the inputs are too.
      await importFile(
        page,
        'request.json',
        encoder.encode(
          `{\n    "displayName": "a",\n    ${definition},\n    "trainingTaskInputs": {\n` +
            '        "model_type": 2\n    }\n}\n',
        ),
      );
      assert.match(
        await download(page, '#pipeline-export-button'),
        /\n {4}"trainingTaskInputs": \{\n {8}"modelType": "CLOUD_LOW_ACCURACY_1"\n {4}\}\n\}\n$/,
      );
      // Inputs written on one line stay on one line, spaced as the request
      // is. They were once written without spaces in a spaced request.
      await importFile(
        page,
        'request.json',
        encoder.encode(
          `{"displayName": "a", ${definition}, "trainingTaskInputs": {"model_type": 2, "budget_milli_node_hours": 30000}}`,
        ),
      );
      assert.match(
        await download(page, '#pipeline-export-button'),
        /, "trainingTaskInputs": \{"modelType": "CLOUD_LOW_ACCURACY_1", "budgetMilliNodeHours": "30000"\}\}$/,
      );
      await importFile(
        page,
        'request.json',
        encoder.encode(
          `{"displayName":"a",${definition.replace(': ', ':')},"trainingTaskInputs":{"model_type":2}}`,
        ),
      );
      assert.match(
        await download(page, '#pipeline-export-button'),
        /,"trainingTaskInputs":\{"modelType":"CLOUD_LOW_ACCURACY_1"\}\}$/,
      );
      // The inputs' own members tell their spacing, where the request's
      // text once misled: a space before its last brace, a line break
      // after its commas, a displayName holding '": '.
      const compact = definition.replace(': ', ':');
      const rows = [
        [
          `{"displayName":"a\\": b",${compact},"trainingTaskInputs":{"model_type":2,"budget_milli_node_hours":30000} }`,
          '{"modelType":"CLOUD_LOW_ACCURACY_1","budgetMilliNodeHours":"30000"} }',
        ],
        [
          `{\n  "displayName": "a",\n  ${definition},\n  "trainingTaskInputs": {"model_type": 2, "budget_milli_node_hours": 30000}\n}\n`,
          '{"modelType": "CLOUD_LOW_ACCURACY_1", "budgetMilliNodeHours": "30000"}\n}\n',
        ],
        // Line breaks after the request's commas do not show how the
        // inputs' commas are spaced: with no space.
        [
          `{\n"displayName":"a",\n${compact},\n"trainingTaskInputs":{"model_type":2,"base_model_id":"m"}\n}\n`,
          '{"modelType":"CLOUD_LOW_ACCURACY_1","baseModelId":"m"}\n}\n',
        ],
      ];
      for (const [request, end] of rows) {
        await importFile(page, 'request.json', encoder.encode(request));
        const exported = await download(page, '#pipeline-export-button');
        assert.ok(exported.endsWith(end), exported);
      }
    });
  },
);

test(
  'pipeline export of text that is no object is refused',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await page.locator(editorContent).waitFor();
      await page.click(editorContent);
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText('Alright');
      await page.click('#pipeline-export-button');
      // Refused at once: the dialog that offers the text as written never opens.
      assert.match(
        await page.textContent('#action-status'),
        /cannot be read as an object/,
      );
      assert.equal(await page.locator('#confirm-dialog[open]').count(), 0);
    });
  },
);

test(
  'default pipeline export has no stray comma',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      const text = await download(page, '#pipeline-export-button');
      assert.doesNotMatch(text, /\n\s*,/);
      assert.equal(
        JSON.parse(text).trainingTaskInputs.budgetMilliNodeHours,
        '192000',
      );
    });
  },
);

test(
  'a long list of unknown keys is cut short',
  { timeout: testTimeout },
  async () => {
    const keys = Array.from(
      { length: 300 },
      (_, index) => `"k${index}":0`,
    ).join(',');
    await withPage(session, {}, async ({ page }) => {
      await importFile(page, 'many.json', encoder.encode(`{${keys}}`));
      assert.equal(
        await page.locator('#unknown-list > li.unknown-field').count(),
        100,
      );
      assert.match(
        await page.textContent('#unknown-list'),
        /200 more keys not shown/,
      );
      const values = await readFormValues(page);
      assert.equal(values.budgetMilliNodeHours, '');
    });
  },
);

test('skip button passes unknown keys', { timeout: testTimeout }, async () => {
  const keys = Array.from({ length: 150 }, (_, index) => `"k${index}":0`).join(
    ',',
  );
  await withPage(session, {}, async ({ page }) => {
    await importFile(page, 'many.json', encoder.encode(`{${keys}}`));
    const skip = page.locator('#skip-unknown-button');
    assert.ok(
      (await skip.boundingBox()).width <= 1,
      'out of sight until focused',
    );
    // The last field comes before it in the Tab order, the first Remove
    // button after it.
    await page.focus('#field-baseModelId');
    await page.keyboard.press('Tab');
    assert.equal(
      await page.evaluate(() => document.activeElement.id),
      'skip-unknown-button',
    );
    assert.ok((await skip.boundingBox()).width > 1, 'in sight once focused');
    await page.keyboard.press('Enter');
    assert.equal(
      await page.evaluate(() => document.activeElement.id),
      'export-button',
    );
  });
});

test(
  'keystroke rebuilds changed rows only',
  { timeout: testTimeout },
  async () => {
    // One key per line, so that the budget's edit moves no finding's column.
    const keys = Array.from(
      { length: 150 },
      (_, index) => `"k${index}": 0`,
    ).join(',\n');
    await withPage(session, {}, async ({ page }) => {
      await importFile(
        page,
        'many.json',
        encoder.encode(`{"budgetMilliNodeHours": "50000",\n${keys}\n}`),
      );
      // The first edit drops the file name from every finding's place.
      await page.fill(budget, '60000');
      await page.evaluate(() => {
        window.rowsBefore = [
          ...document.querySelectorAll('#unknown-list > li'),
        ];
      });
      // The budget's error takes a place under the findings cap, so the last
      // row shown loses its finding and the count of keys not shown stays.
      await page.fill(budget, '5');
      await page
        .locator(`${budget}-findings [data-code="budget.out_of_range"]`)
        .waitFor();
      const kept = await page.evaluate(() => {
        const rows = [...document.querySelectorAll('#unknown-list > li')];
        return rows.map((row, index) => row === window.rowsBefore[index]);
      });
      assert.equal(kept.length, 101);
      assert.deepEqual(kept.slice(0, 99), Array(99).fill(true));
      assert.deepEqual(kept.slice(99), [false, true]);
      const lastRow = page.locator('#unknown-list > li.unknown-field').nth(99);
      assert.equal(await lastRow.locator('[data-code]').count(), 0);
      assert.match(
        await page.textContent('#unknown-list'),
        /50 more keys not shown/,
      );

      // Its Remove button still removes its own key.
      await lastRow.locator('.remove-button').click();
      assert.match(
        await page.textContent(
          '#unknown-list > li.unknown-field:nth-child(100)',
        ),
        /"k100"/,
      );
    });
  },
);

test(
  'no node hours for a budget parsers read differently',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      // Python reads the underscore, JavaScript rejects it.
      await page.fill(budget, '250_000');
      assert.equal(
        await page.locator('[data-code="budget.not_portable"]').count(),
        1,
      );
      assert.doesNotMatch(await page.textContent('form'), /node hours, or/);
      await page.fill(budget, '5000');
      assert.match(
        await page.textContent('form'),
        /5 node hours, or 0\.625 hours on 8 nodes/,
      );

      // Digits past 2^53 go into the text as a string, which every parser
      // reads exactly, so the finding is about the range and not about them.
      await page.fill(budget, '9007199254740993');
      assert.equal(
        await page.locator('[data-code="budget.not_portable"]').count(),
        0,
      );
      assert.equal(
        await page.locator('[data-code="budget.out_of_range"]').count(),
        1,
      );
    });
  },
);

test(
  'quoted values keep their runs of spaces',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      // innerText is the text as laid out, where white-space: normal once
      // made "  a  b  " read " a b ".
      await page.fill('#field-baseModelId', '  a  b  ');
      const fieldMessage = page.locator(
        '#field-baseModelId-findings .finding-message',
        { hasText: 'spaces' },
      );
      assert.match(await fieldMessage.innerText(), /" {2}a {2}b {2}"/);
      const listed = page.locator('.editor-findings .finding-link', {
        hasText: 'spaces',
      });
      assert.match(await listed.innerText(), /" {2}a {2}b {2}"/);
    });
  },
);

test(
  'inputs exported as written count their own errors',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      // The definition is another version's, so the request's inputs have
      // no canonical JSON, though they have no error of their own.
      await importFile(
        page,
        'request.json',
        encoder.encode(
          '{"displayName":"a","trainingTaskDefinition":"gs://google-cloud-aiplatform/schema/trainingjob/definition/automl_image_segmentation_1.0.1.yaml","trainingTaskInputs":{"modelType":"CLOUD_HIGH_ACCURACY_1"}}',
        ),
      );
      await page.click('#export-button');
      await page.locator('#confirm-dialog[open]').waitFor();
      await download(page, '#confirm-accept');
      assert.equal(
        await page.textContent('#action-status'),
        "Downloaded training-inputs.json. It is the request's inputs as " +
          'written, which have no error of their own.',
      );
    });
  },
);
