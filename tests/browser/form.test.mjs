// The form: the opening state, live findings next to fields, the budget's
// text rules and its node-hour summary, and a page whose wasm cannot load.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  exportDownload,
  fieldFindings,
  importFile,
  readFormValues,
  readPreview,
  testTimeout,
  useSession,
  withPage,
} from './harness.mjs';

const budget = '#field-budgetMilliNodeHours';
const budgetSummary = '#field-budgetMilliNodeHours-summary';

const session = useSession();

/** Types into the budget field as a user does: select all, then type. */
async function typeBudget(page, text) {
  await page.click(budget);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  if (text !== '') {
    await page.keyboard.type(text);
  }
}

test('defaults load valid', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    assert.deepEqual(await readFormValues(page), {
      modelType: 'CLOUD_HIGH_ACCURACY_1',
      budgetMilliNodeHours: '192000',
      baseModelId: '',
    });
    const errors = await page.$$eval(
      '[data-severity="error"]',
      (items) => items.length,
    );
    assert.equal(errors, 0);
    assert.deepEqual(JSON.parse(await readPreview(page)), {
      modelType: 'CLOUD_HIGH_ACCURACY_1',
      budgetMilliNodeHours: '192000',
    });
    assert.match(
      await page.textContent('#validator-status'),
      /Validator 0\.1\.0 loaded/,
    );
    assert.equal(
      await page.textContent('#finding-count'),
      'No problems found.',
    );
  });
});

test(
  'controls have labels and descriptions',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      for (const name of ['modelType', 'budgetMilliNodeHours', 'baseModelId']) {
        const control = page.locator(`#field-${name}`);
        const label = await page.textContent(`label[for="field-${name}"]`);
        assert.ok(label.trim().length > 0, `${name} has a visible label`);
        const describedBy = (
          await control.getAttribute('aria-describedby')
        ).split(' ');
        assert.ok(
          describedBy.includes(`field-${name}-description`),
          `${name} is described`,
        );
        const description = await page.textContent(
          `#field-${name}-description`,
        );
        assert.ok(description.length > 20, `${name} shows its description`);
      }
      assert.equal(await page.getAttribute(budget, 'type'), 'text');
      assert.equal(await page.getAttribute(budget, 'inputmode'), 'numeric');
      assert.match(
        await page.textContent('#field-budgetMilliNodeHours-range'),
        /20,000 to 2,000,000/,
      );
    });
  },
);

test(
  'model type select lists values with descriptions',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      const options = await page.$$eval('#field-modelType option', (items) =>
        items.map((item) => ({ value: item.value, text: item.textContent })),
      );
      assert.deepEqual(
        options.map((option) => option.value),
        [
          '',
          'MODEL_TYPE_UNSPECIFIED',
          'CLOUD_HIGH_ACCURACY_1',
          'CLOUD_LOW_ACCURACY_1',
          'MOBILE_TF_LOW_LATENCY_1',
        ],
      );
      assert.match(options[0].text, /Not set.*CLOUD_HIGH_ACCURACY_1/);
      assert.match(
        options[3].text,
        /CLOUD_LOW_ACCURACY_1: A model for use in the cloud, faster/,
      );

      await page.selectOption('#field-modelType', 'MOBILE_TF_LOW_LATENCY_1');
      assert.match(
        await page.textContent('#field-modelType-value-description'),
        /mobile or edge device/,
      );
      assert.deepEqual(JSON.parse(await readPreview(page)), {
        modelType: 'MOBILE_TF_LOW_LATENCY_1',
        budgetMilliNodeHours: '192000',
      });

      await page.selectOption('#field-modelType', '');
      assert.match(
        await page.textContent('#field-modelType-value-description'),
        /Not set.*CLOUD_HIGH_ACCURACY_1/,
      );
      assert.deepEqual(JSON.parse(await readPreview(page)), {
        budgetMilliNodeHours: '192000',
      });

      await page.selectOption('#field-modelType', 'MODEL_TYPE_UNSPECIFIED');
      const findings = await fieldFindings(page, 'modelType');
      assert.deepEqual(
        findings.map((finding) => finding.code),
        ['model_type.unspecified'],
      );
      assert.equal(findings[0].severity, 'warning');
      assert.equal(
        await page.getAttribute('#field-modelType', 'aria-invalid'),
        null,
      );
    });
  },
);

test(
  'budget 5000 errors, 250000 shows hours',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await typeBudget(page, '5000');
      const findings = await fieldFindings(page, 'budgetMilliNodeHours');
      assert.equal(findings.length, 1);
      assert.equal(findings[0].code, 'budget.out_of_range');
      assert.equal(findings[0].path, '/budgetMilliNodeHours');
      assert.equal(findings[0].severity, 'error');
      assert.match(findings[0].text, /20,000/);
      assert.match(findings[0].text, /2,000,000/);
      // Read as one text, as a screen reader does, the message ends before
      // the hint starts.
      assert.match(findings[0].text, /got 5,000\. Give a budget/);
      assert.equal(await page.getAttribute(budget, 'aria-invalid'), 'true');

      const findingId = await page.getAttribute(
        '#field-budgetMilliNodeHours-findings [data-code="budget.out_of_range"]',
        'id',
      );
      const describedBy = (
        await page.getAttribute(budget, 'aria-describedby')
      ).split(' ');
      assert.ok(
        describedBy.includes(findingId),
        'the finding describes the input',
      );
      assert.equal(await readPreview(page), null);
      assert.match(await page.textContent('#preview-note'), /1 error/);
      assert.equal(await page.textContent('#finding-count'), '1 error.');

      await typeBudget(page, '250000');
      assert.deepEqual(await fieldFindings(page, 'budgetMilliNodeHours'), []);
      assert.equal(await page.getAttribute(budget, 'aria-invalid'), null);
      const summary = await page.textContent(budgetSummary);
      assert.match(summary, /\b250 node hours\b/);
      assert.match(summary, /\b31\.25 hours on 8 nodes\b/);
    });
  },
);

test(
  'budget summary uses exact decimals',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      const expectations = [
        ['20000', /\b20 node hours\b.*\b2\.5 hours on 8 nodes\b/],
        ['2000000', /\b2,000 node hours\b.*\b250 hours on 8 nodes\b/],
        ['20001', /\b20\.001 node hours\b.*\b2\.500125 hours on 8 nodes\b/],
        ['2e5', /\b200 node hours\b.*\b25 hours on 8 nodes\b/],
      ];
      for (const [text, pattern] of expectations) {
        await typeBudget(page, text);
        assert.match(
          await page.textContent(budgetSummary),
          pattern,
          `budget ${text}`,
        );
      }
    });
  },
);

test('budget 2e5 is 200000', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await typeBudget(page, '2e5');
    assert.deepEqual(await fieldFindings(page, 'budgetMilliNodeHours'), []);
    const { text } = await exportDownload(page);
    assert.equal(JSON.parse(text).budgetMilliNodeHours, '200000');
    assert.equal(await page.inputValue(budget), '2e5');
  });
});

// A hint writes a value as JSON, in quotes; typed with them, it is read.
test('budget typed in quotes is read', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await typeBudget(page, '"250000"');
    assert.deepEqual(await fieldFindings(page, 'budgetMilliNodeHours'), []);
    const { text } = await exportDownload(page);
    assert.equal(JSON.parse(text).budgetMilliNodeHours, '250000');
  });
});

// "20.000" may be twenty or twenty thousand. It was once written into the
// text as the number 20, and exported as "20" for a type with no range.
test('budget 20.000 gets both readings', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await page.selectOption('#field-modelType', 'CLOUD_LOW_ACCURACY_1');
    await typeBudget(page, '20.000');
    const findings = await fieldFindings(page, 'budgetMilliNodeHours');
    assert.deepEqual(
      findings.map((finding) => finding.code),
      ['budget.not_integer'],
    );
    assert.match(
      findings[0].text,
      /If the full stop separates thousands, write "20000"; if it is a decimal point, write "20"\./,
    );
    assert.equal(await readPreview(page), null);
  });
});

for (const entry of ['2e', '-']) {
  test(`budget "${entry}" is not whole`, { timeout: testTimeout }, async () => {
    await withPage(session, {}, async ({ page }) => {
      // A valid value first, so a stale value would show up in the export.
      await typeBudget(page, '250000');
      await typeBudget(page, entry);
      const findings = await fieldFindings(page, 'budgetMilliNodeHours');
      assert.deepEqual(
        findings.map((finding) => finding.code),
        ['budget.not_integer'],
      );
      assert.match(findings[0].text, /whole number/);
      assert.equal(await page.inputValue(budget), entry);
      assert.equal(await readPreview(page), null);

      await page.click('#export-button');
      await page.click('#confirm-cancel');
      assert.match(
        await page.textContent('#action-status'),
        /Fix the error first/,
      );
      assert.equal(
        await page.evaluate(() => document.activeElement.id),
        'field-budgetMilliNodeHours',
      );
    });
  });
}

test('budget 1e400 is out of range', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await typeBudget(page, '1e400');
    const generalCodes = await page.$$eval(
      '#general-findings [data-code]',
      (items) =>
        items.map((item) => `${item.dataset.code}: ${item.textContent}`),
    );
    assert.deepEqual(
      generalCodes,
      [],
      'the budget number is reported as a whole-text problem',
    );
    const findings = await fieldFindings(page, 'budgetMilliNodeHours');
    assert.deepEqual(
      findings.map((finding) => finding.code),
      ['budget.int64_overflow'],
    );
    const pageText = await page.textContent('body');
    assert.doesNotMatch(pageText, /Infinity/);
    assert.doesNotMatch(pageText, /1\.7976931348623157e\+?308/);
    assert.equal(await readPreview(page), null);
  });
});

test('budget 192000 after 2e is valid', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await typeBudget(page, '2e');
    await typeBudget(page, '192000');
    assert.deepEqual(await fieldFindings(page, 'budgetMilliNodeHours'), []);
    const { text } = await exportDownload(page);
    assert.equal(JSON.parse(text).budgetMilliNodeHours, '192000');
    assert.match(text, /"budgetMilliNodeHours": "192000"/);
  });
});

test('cleared budget is unset', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await typeBudget(page, '50000');
    assert.deepEqual(await fieldFindings(page, 'budgetMilliNodeHours'), []);
    await typeBudget(page, '1000');
    assert.equal((await fieldFindings(page, 'budgetMilliNodeHours')).length, 1);
    await typeBudget(page, '');

    assert.equal(await page.inputValue(budget), '');
    assert.deepEqual(await fieldFindings(page, 'budgetMilliNodeHours'), []);
    assert.equal(await page.getAttribute(budget, 'aria-invalid'), null);
    assert.equal(await page.getAttribute(budget, 'placeholder'), '192000');
    const summary = await page.textContent(budgetSummary);
    assert.match(summary, /192,000/);
    assert.match(summary, /\b192 node hours\b/);

    const preview = JSON.parse(await readPreview(page));
    assert.deepEqual(preview, { modelType: 'CLOUD_HIGH_ACCURACY_1' });
    const { text } = await exportDownload(page);
    assert.equal(
      Object.hasOwn(JSON.parse(text), 'budgetMilliNodeHours'),
      false,
    );
    assert.doesNotMatch(text, /budget/);
  });
});

// The service default of 192,000 is documented only for the model types
// the budget's range is, so the unset budget's note and placeholder name it
// only for them.
test('unset budget default per type', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    const rows = [
      ['{}', /default of 192,000 applies/, '192000'],
      [
        '{"modelType": "MODEL_TYPE_UNSPECIFIED"}',
        /default of 192,000 applies/,
        '192000',
      ],
      [
        '{"modelType": "CLOUD_LOW_ACCURACY_1"}',
        /^Not set, so the service applies its default for CLOUD_LOW_ACCURACY_1, which is not documented\.$/,
        '',
      ],
      [
        '{"modelType": 3, "budgetMilliNodeHours": "0"}',
        /^Not set, so the service applies its default for MOBILE_TF_LOW_LATENCY_1, which is not documented\.$/,
        '',
      ],
      [
        '{"modelType": 7}',
        /^Not set, so the service applies its default\.$/,
        '',
      ],
      // A model type with an error may stand for another type than the
      // one shown, so the note names no default, as the checker does not.
      [
        '{"modelType": "1", "budgetMilliNodeHours": 0}',
        /^Not set, so the service applies its default\.$/,
        '',
      ],
      [
        '{"modelType": "CLOUD_HIGH_ACCURACY_1", "model_type": "CLOUD_LOW_ACCURACY_1"}',
        /^Not set, so the service applies its default\.$/,
        '',
      ],
      // A warning leaves the type known.
      [
        '{"modelType": "MODEL_TYPE_UNSPECIFIED", "budgetMilliNodeHours": 0}',
        /default of 192,000 applies/,
        '192000',
      ],
    ];
    for (const [text, summary, placeholder] of rows) {
      await importFile(page, 'inputs.json', text);
      assert.match(await page.textContent(budgetSummary), summary, text);
      assert.equal(
        await page.getAttribute(budget, 'placeholder'),
        placeholder,
        text,
      );
    }
  });
});

// A paste of megabytes into a field once went whole into the text, which
// the page could then neither check nor save. JSON writes a control
// character in six, so a field's own limit alone does not keep the text
// within the page's.
test(
  'field edit past size limit undone',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      const field = '#field-baseModelId';
      const note =
        'That edit was not made: it would make the text longer than 1 MiB, ' +
        'the most this page checks and saves.';
      await page.fill(field, 'seg_model');
      const before = await readPreview(page);
      // The second status is the same note with a no-break space at its
      // end, so that the status region changes and a screen reader says it.
      const pastes = ['1'.repeat(1048586), '\u0001'.repeat(200000)];
      for (const [index, paste] of pastes.entries()) {
        await page.focus(field);
        await page.keyboard.press('Control+A');
        await page.keyboard.insertText(paste);
        assert.equal(await page.inputValue(field), 'seg_model');
        assert.equal(
          await page.textContent('#action-status'),
          index === 0 ? note : `${note}\u00a0`,
        );
        assert.equal(await readPreview(page), before);
      }
      // Within the limit, a long paste is an ordinary edit.
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText('\u0001'.repeat(1000));
      assert.equal((await page.inputValue(field)).length, 1000);
    });
  },
);

test('base model ID is validated live', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await page.fill('#field-baseModelId', '123 ');
    const findings = await fieldFindings(page, 'baseModelId');
    assert.deepEqual(
      findings.map((finding) => finding.code),
      ['base_model_id.whitespace'],
    );
    assert.equal(
      await page.getAttribute('#field-baseModelId', 'aria-invalid'),
      'true',
    );

    await page.fill('#field-baseModelId', '1234567890');
    assert.deepEqual(await fieldFindings(page, 'baseModelId'), []);
    assert.deepEqual(JSON.parse(await readPreview(page)), {
      modelType: 'CLOUD_HIGH_ACCURACY_1',
      budgetMilliNodeHours: '192000',
      baseModelId: '1234567890',
    });
  });
});

test(
  'finding count is a polite live region',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      assert.equal(
        await page.getAttribute('#finding-count', 'aria-live'),
        'polite',
      );
      await typeBudget(page, '5');
      await page.fill('#field-baseModelId', ' x');
      assert.equal(await page.textContent('#finding-count'), '2 errors.');
    });
  },
);

test(
  'finding count includes cut findings',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      const keys = Array.from({ length: 1500 }, (_, i) => `"k${i}": 1`).join(
        ', ',
      );
      await importFile(page, 'many-keys.json', `{${keys}}`);
      // 100 errors are shown, and the cap's summary, which is not counted,
      // reports 1,400 more.
      assert.equal(await page.textContent('#finding-count'), '1,500 errors.');
      assert.match(
        await page.textContent('#preview-note'),
        /Fix the 1,500 errors first/,
      );
      await page.click('#export-button');
      await page.locator('#confirm-dialog[open]').waitFor();
      assert.match(
        await page.textContent('#confirm-text'),
        /^The inputs have 1,500 errors, so there is no canonical JSON yet\. The first 100 are listed\./,
      );
      assert.equal(await page.locator('#confirm-list > li').count(), 100);
      await page.click('#confirm-cancel');
      assert.equal(
        await page.textContent('#action-status'),
        'Nothing was exported. Fix the 1,500 errors first.',
      );

      // A request whose inputs' cap cut its note, with a warning kept, 30
      // nested duplicates outside the inputs in 30 members the request does
      // not have (a warning each), and no displayName or
      // trainingTaskDefinition, a warning each.
      const unknown = Array.from({ length: 120 }, (_, i) => `"k${i}": 1`).join(
        ', ',
      );
      const outside = Array.from(
        { length: 30 },
        (_, i) => `"o${i}": {"d": 1, "d": 2}`,
      ).join(', ');
      await importFile(
        page,
        'request.json',
        `{"trainingTaskInputs": {${unknown}, "budgetMilliNodeHours": 0}, ${outside}}`,
      );
      assert.equal(
        await page.textContent('#finding-count'),
        '150 errors, 33 warnings, 1 note.',
      );
    });
  },
);

test(
  'second inputs copy keeps its findings apart',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await importFile(
        page,
        'two-inputs.json',
        '{"trainingTaskInputs": {"modelType": "CLOUD_HIGH_ACCURACY_1", "x": 1},' +
          ' "trainingTaskInputs": {"modelType": 1, "modelType": 2, "x": 1, "x": 2}}',
      );
      // The second copy is checked too. Its findings share paths with the
      // first copy's members, which are valid, so they go to the findings
      // about the text, not to the fields and keys the form shows.
      assert.deepEqual(await fieldFindings(page, 'modelType'), []);
      assert.notEqual(
        await page.getAttribute('#field-modelType', 'aria-invalid'),
        'true',
      );
      assert.equal(await page.locator('#unknown-list > li').count(), 1);
      const general = await page.$$eval(
        '#general-findings [data-code]',
        (items) =>
          items.map((item) => `${item.dataset.code} ${item.dataset.path}`),
      );
      for (const expected of [
        'field.duplicate /trainingTaskInputs',
        'field.duplicate /trainingTaskInputs/modelType',
        'field.unknown /trainingTaskInputs/x',
        'field.duplicate /trainingTaskInputs/x',
      ]) {
        assert.ok(general.includes(expected), `${expected} in ${general}`);
      }
    });
  },
);

test('editor load failure note', { timeout: testTimeout }, async () => {
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
      await context.addInitScript(() => {
        localStorage.setItem(
          'segform.jsonText',
          JSON.stringify({
            format: 'segform-json-text-1',
            text: '{"modelType": ',
          }),
        );
      });
    },
  };
  await withPage(session, options, async ({ page }) => {
    await page
      .locator('#editor-loading', { hasText: 'The editor failed to load' })
      .waitFor();
    assert.equal(
      await page.textContent('#editor-loading'),
      'The editor failed to load: /gen/editor.js could not be fetched (HTTP 404). ' +
        'The form still works.',
    );
    assert.match(
      await page.textContent('#form-note'),
      /The editor did not load, so to keep this text, Export it as written and fix it elsewhere; or Import a file or reset to the defaults\.$/,
    );
    await page.click('#reset-button');
    assert.equal(await page.inputValue(budget), '192000');
  });
});

// The reason is on the page, and nothing goes to the console: the module's
// glue once printed it there twice.
test('wasm start failure message', { timeout: testTimeout }, async () => {
  const options = {
    waitForValidator: false,
    async beforeLoad(context) {
      await context.route('**/gen/segform.wasm', (route) =>
        route.fulfill({
          status: 200,
          contentType: 'application/wasm',
          body: 'not wasm',
        }),
      );
    },
  };
  await withPage(session, options, async ({ page }) => {
    await page.locator('#validator-status.status-error').waitFor();
    const status = await page.textContent('#validator-status');
    assert.match(status, /^The validator failed to load: CompileError: /);
    assert.doesNotMatch(status, /Aborted|ASSERTIONS/);
    assert.match(
      status,
      /\(\/gen\/segform\.wasm itself can be fetched now\)\. The form is disabled/,
    );
  });
});

test(
  'failed wasm load disables the form',
  { timeout: testTimeout },
  async () => {
    const options = {
      waitForValidator: false,
      // The browser and the Emscripten loader log the failed fetch.
      expectedProblems: [/console error: /],
      async beforeLoad(context) {
        await context.route('**/gen/segform.wasm', (route) =>
          route.fulfill({
            status: 404,
            contentType: 'text/plain',
            body: 'Not found',
          }),
        );
      },
    };
    await withPage(session, options, async ({ page }) => {
      await page.locator('#validator-status.status-error').waitFor();
      // The cause in plain words, not the loader's own.
      assert.equal(
        await page.textContent('#validator-status'),
        'The validator failed to load: /gen/segform.wasm could not be fetched (HTTP 404). ' +
          'The form is disabled; reload the page to try again.',
      );
      assert.equal(
        await page.textContent('#editor-loading'),
        'The editor is not loaded, since the validator is not.',
      );
      assert.equal(
        await page.$eval('#inputs-fieldset', (fieldset) => fieldset.disabled),
        true,
      );
      for (const button of [
        '#export-button',
        '#copy-button',
        '#import-button',
      ]) {
        assert.equal(
          await page.$eval(button, (element) => element.disabled),
          true,
          button,
        );
      }
    });
  },
);
