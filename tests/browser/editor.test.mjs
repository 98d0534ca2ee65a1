// The JSON editor pane and the text as the page's state: edits both ways,
// saved text restored on reload, import undo, paste, read-only form while
// the text does not parse, hostile keys, and the pipeline request export.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import {
  allFindings,
  importFile,
  openOtherTab,
  readFormValues,
  reloadPastPrompt,
  savedText,
  testTimeout,
  useSession,
  waitForSavedText,
  withPage,
} from './harness.mjs';

const budget = '#field-budgetMilliNodeHours';
const editorContent = '#editor-root .cm-content';

const session = useSession();

async function waitForEditor(page) {
  await page.locator(editorContent).waitFor();
}

/**
 * Reads the editor's text line by line (all lines of a short text render),
 * once edits typed in the form have reached it: the page applies them a
 * frame and a task after the keystroke.
 */
async function readEditorText(page) {
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        requestAnimationFrame(() => setTimeout(resolve));
      }),
  );
  return page.$$eval('#editor-root .cm-line', (lines) =>
    lines.map((line) => line.textContent).join('\n'),
  );
}

/** Replaces the editor's text as one typed input. */
async function setEditorText(page, text) {
  await page.click(editorContent);
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

test(
  'typing is saved without leaving the page',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await page.fill(budget, '260000');
      // Saving is throttled, so the record appears within a fraction of a second.
      await page.waitForFunction(() =>
        (localStorage.getItem('segform.jsonText') ?? '').includes('260000'),
      );
      const record = await page.evaluate(() =>
        localStorage.getItem('segform.jsonText'),
      );
      assert.ok(record.startsWith('segform-json-text-2\n'), record);
      assert.equal(
        String(JSON.parse(await savedText(page)).budgetMilliNodeHours),
        '260000',
      );
    });
  },
);

test('reload restores the last text', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await waitForEditor(page);
    await page.fill(budget, '250000');
    const text = await readEditorText(page);
    await page.reload();
    await page.locator('#validator-status.status-ok').waitFor();
    await waitForEditor(page);
    assert.equal(await readEditorText(page), text);
    assert.equal(await page.inputValue(budget), '250000');
    assert.match(
      await page.textContent('#import-status'),
      /Restored the JSON text/,
    );
  });
});

/**
 * Replaces the editor's text with a paste event built in the page. The text
 * is sent as JSON, which escapes a lone surrogate that the driver would
 * otherwise turn into U+FFFD.
 */
async function pasteInEditor(page, text) {
  await page.click(editorContent);
  await page.keyboard.press('Control+A');
  await page.evaluate((json) => {
    const data = new DataTransfer();
    data.setData('text/plain', JSON.parse(json));
    document
      .getElementById('editor-root')
      .shadowRoot.querySelector('.cm-content')
      .dispatchEvent(
        new ClipboardEvent('paste', {
          clipboardData: data,
          bubbles: true,
          cancelable: true,
        }),
      );
  }, JSON.stringify(text));
}

// Saved as JSON, each control character took six units of storage, and a
// text of 900,000 of them went past Chromium's quota and was not kept.
test(
  'control characters survive a reload',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await waitForEditor(page);
      const text =
        '{"baseModelId": "m\u0000\uD800"}\n' +
        `${'\u0001'.repeat(999)}\n`.repeat(900);
      await pasteInEditor(page, text);
      await waitForSavedText(page, (saved) => saved === text);
      assert.equal(await page.locator('#save-failed-bar').isHidden(), true);

      await page.reload();
      await waitForEditor(page);
      assert.match(
        await page.textContent('#import-status'),
        /Restored the JSON text/,
      );
      await page.locator('[data-code="json.invalid_utf8"]').first().waitFor();
      // The page saves its whole text after an edit, so an edit at the end
      // shows what the reload restored.
      await page.click(editorContent);
      await page.keyboard.press('Control+End');
      await page.keyboard.type('z');
      await waitForSavedText(page, (saved) => saved === `${text}z`);
    });
  },
);

// Opening another tab's inputs once took a text past the size limit, when
// storage written elsewhere held one.
test(
  'oversized other tab text rejected',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page, context }) => {
      const other = await openOtherTab(session, context);
      await page.evaluate(
        (text) => {
          localStorage.setItem(
            'segform.jsonText',
            JSON.stringify({ format: 'segform-json-text-1', text }),
          );
        },
        `{"x": "${'\u00e9'.repeat(600000)}"}`,
      );
      // It is set aside, or this tab's next save would replace it.
      await other
        .locator('#import-status', { hasText: 'Another tab saved' })
        .waitFor();
      assert.equal(
        await other.textContent('#import-status'),
        'Another tab saved a text longer than 1 MiB, the most this page ' +
          'checks and saves, so it is not offered here. That text is kept ' +
          "in this browser's storage, under the key segform.jsonText.unread. " +
          "This tab's inputs are saved in its place.",
      );
      assert.equal(await other.isHidden('#other-tab-bar'), true);
      assert.equal(await other.inputValue(budget), '192000');
      assert.match(
        await other.evaluate(() =>
          localStorage.getItem('segform.jsonText.unread'),
        ),
        /éééé/,
      );
      // Or a reload would show neither tab's inputs.
      await waitForSavedText(other, (text) => text?.includes('192000'));
    });
  },
);

// A tab that opens the other tab's inputs saves the text saved already, so
// the browser reports no change of it, and the other tab's notice stayed.
test('notice goes when inputs agree', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page, context }) => {
    const other = await openOtherTab(session, context);
    await page.fill(budget, '250000');
    await other.locator('#other-tab-bar').waitFor();
    await other.fill(budget, '300000');
    await page.locator('#other-tab-bar').waitFor();
    assert.equal(await other.isHidden('#other-tab-bar'), false);

    await page.click('#open-tab-button');
    assert.equal(await page.inputValue(budget), '300000');
    await other.locator('#other-tab-bar').waitFor({ state: 'hidden' });
  });
});

test('other tab save shows notice', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page, context }) => {
    const other = await openOtherTab(session, context);
    const saved = async () => (await savedText(page)) ?? '';

    await page.fill(budget, '250000');
    await page.waitForFunction(() =>
      (localStorage.getItem('segform.jsonText') ?? '').includes('250000'),
    );
    // The other tab, still at the defaults, hears of this tab's save.
    await other.locator('#other-tab-bar').waitFor();
    await other.fill(budget, '300000');
    await page.locator('#other-tab-bar').waitFor();
    // The other tab's edit was saved over this tab's inputs, which its
    // notice still offers to open.
    assert.equal(await other.isHidden('#other-tab-bar'), false);
    assert.match(
      await other.textContent('#other-tab-text'),
      /this tab's edits have since been saved over them/,
    );

    // Keeping this tab's inputs saves them again, and now the other tab
    // shows the notice.
    await page.focus('#keep-tab-button');
    await page.keyboard.press('Enter');
    assert.equal(await page.isHidden('#other-tab-bar'), true);
    assert.match(await saved(), /250000/);
    // The button is gone, so focus moves to the inputs, and the status
    // line reports what happened.
    assert.equal(
      await page.evaluate(() => document.activeElement.id),
      'field-modelType',
    );
    assert.match(
      await page.textContent('#import-status'),
      /^Kept the inputs of this tab/,
    );
    await other.locator('#other-tab-bar').waitFor();
    await other.focus('#open-tab-button');
    await other.keyboard.press('Enter');
    assert.equal(await other.inputValue(budget), '250000');
    assert.equal(await other.isHidden('#other-tab-bar'), true);
    assert.equal(
      await other.evaluate(() => document.activeElement.id),
      'undo-button',
    );
    assert.match(
      await other.textContent('#import-status'),
      /^Opened the inputs of the other tab/,
    );
    // The bar's text is announced by a live region that is always there.
    await other.waitForFunction(
      () =>
        document.getElementById('notice-announcer').textContent ===
        document.getElementById('undo-description').textContent,
    );
    await other.click('#undo-button');
    assert.equal(await other.inputValue(budget), '300000');
    // Undo saves this tab's inputs over the ones just opened, so the
    // notice comes back and can open them again.
    await other.waitForFunction(() =>
      (localStorage.getItem('segform.jsonText') ?? '').includes('300000'),
    );
    assert.equal(await other.isHidden('#other-tab-bar'), false);
    assert.match(
      await other.textContent('#other-tab-text'),
      /this tab's edits have since been saved over them/,
    );
    await other.click('#open-tab-button');
    assert.equal(await other.inputValue(budget), '250000');
    // A later save of the first tab is what the notice opens after an
    // Undo, not the inputs opened before it.
    await page.fill(budget, '260000');
    await other.waitForFunction(
      () => !document.getElementById('other-tab-bar').hidden,
    );
    await other.click('#undo-button');
    await other.click('#open-tab-button');
    assert.equal(await other.inputValue(budget), '260000');
    await other.close();
  });
});

/** Fills the rest of this origin's localStorage quota with filler keys. */
function fillStorage(page) {
  return page.evaluate(() => {
    for (let size = 1 << 20; size >= 1; size = Math.floor(size / 4)) {
      try {
        for (let i = 0; ; i += 1)
          localStorage.setItem(`filler-${size}-${i}`, 'x'.repeat(size));
      } catch {
        // full at this size; go on with smaller values
      }
    }
  });
}

/** Returns the page's localStorage item at `key`, or null. */
function storageItem(page, key) {
  return page.evaluate((name) => localStorage.getItem(name), key);
}

/** Removes the filler keys that fillStorage wrote. */
function freeStorage(page) {
  return page.evaluate(() => {
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith('filler-')) localStorage.removeItem(key);
    }
  });
}

/**
 * Saves a budget of 250000, fills the storage quota, and then makes an edit
 * that makes the saved text longer, which no longer fits, and waits for
 * the failure's notice.
 */
async function failSaveAfterBudget(page) {
  await page.fill(budget, '250000');
  await page.waitForFunction(() =>
    (localStorage.getItem('segform.jsonText') ?? '').includes('250000'),
  );
  await fillStorage(page);
  await page.fill('#field-baseModelId', '1'.repeat(200));
  await page.locator('#save-failed-bar').waitFor();
}

test('unread saved record is kept', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    const record = JSON.stringify({
      format: 'segform-json-text-9',
      text: '{"later": 1}',
    });
    await page.evaluate(
      (value) => localStorage.setItem('segform.jsonText', value),
      record,
    );
    await page.reload();
    await page.locator('#validator-status.status-ok').waitFor();
    assert.match(
      await page.textContent('#import-status'),
      /^The text saved in this browser is not in a format this page reads, so the defaults are shown\. That text is kept in this browser's storage, under the key segform\.jsonText\.unread\.$/,
    );
    // The first edit is saved as usual, and the record stays aside.
    await page.fill(budget, '250000');
    await page.waitForFunction(() =>
      (localStorage.getItem('segform.jsonText') ?? '').includes('250000'),
    );
    assert.equal(
      await page.evaluate(() =>
        localStorage.getItem('segform.jsonText.unread'),
      ),
      record,
    );

    // Such a record saved by another tab while this one is open is kept
    // too, before this tab's next save replaces it, under a key of its own:
    // it once replaced the first record under the same key.
    const later = JSON.stringify({
      format: 'segform-json-text-9',
      text: '{"later": 2}',
    });
    await page.evaluate(
      (value) =>
        window.dispatchEvent(
          new StorageEvent('storage', {
            key: 'segform.jsonText',
            newValue: value,
            storageArea: localStorage,
          }),
        ),
      later,
    );
    assert.match(
      await page.textContent('#import-status'),
      /^Another tab saved text in a format this page does not read\. That text is kept in this browser's storage, under the key segform\.jsonText\.unread\.2\. This tab's inputs are saved in its place\.$/,
    );
    const setAside = await page.evaluate(() => [
      localStorage.getItem('segform.jsonText.unread'),
      localStorage.getItem('segform.jsonText.unread.2'),
    ]);
    assert.deepEqual(setAside, [record, later]);
    await waitForSavedText(page, (text) => text?.includes('250000'));
  });
});

// A saved text past the size limit, from storage written elsewhere, was
// restored and saved again.
test('oversized saved record set aside', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    const record = JSON.stringify({
      format: 'segform-json-text-1',
      text: `{"x": "${'\u00e9'.repeat(600000)}"}`,
    });
    await page.evaluate(
      (value) => localStorage.setItem('segform.jsonText', value),
      record,
    );
    await page.reload();
    await page.locator('#validator-status.status-ok').waitFor();
    assert.equal(
      await page.textContent('#import-status'),
      'The text saved in this browser is longer than 1 MiB, the most this ' +
        'page checks and saves, so the defaults are shown. That text is ' +
        "kept in this browser's storage, under the key " +
        'segform.jsonText.unread.',
    );
    assert.ok(
      (await page.evaluate(() =>
        localStorage.getItem('segform.jsonText.unread'),
      )) === record,
    );
  });
});

// A record in another format, or a text past the size limit, that could not
// be copied aside. Saving once stayed off until a reload, and a text past
// the limit was saved over on the next retry.
// A failed save before a reload that then set a record aside was reported
// nowhere, and its flag was cleared.
test('failed save named beside aside', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await page.evaluate(() =>
      sessionStorage.setItem('segform.saveFailed', '1'),
    );
    await page.evaluate(() =>
      localStorage.setItem('segform.jsonText', '{"format": "later"}'),
    );
    await page.reload();
    await page.locator('#validator-status.status-ok').waitFor();
    assert.match(
      await page.textContent('#import-status'),
      /under the key segform\.jsonText\.unread\. Saving failed before the page was reloaded, so the edits made then are missing too\.$/,
    );
  });
});

test('unread record not saved over', { timeout: testTimeout }, async () => {
  const records = [
    {
      name: 'another format',
      record: JSON.stringify({
        format: 'segform-json-text-9',
        text: 'x'.repeat(100_000),
      }),
      notice:
        /^The text saved in this browser is not in a format this page reads/,
    },
    {
      name: 'past the limit',
      record: `segform-json-text-2\n{"x": "${'y'.repeat(1_200_000)}"}`,
      notice: /^The text saved in this browser is longer than 1 MiB/,
    },
  ];
  for (const { name, record, notice } of records) {
    await withPage(session, {}, async ({ page }) => {
      await page.evaluate(
        (value) => localStorage.setItem('segform.jsonText', value),
        record,
      );
      // The quota is then too full to copy the record.
      await fillStorage(page);
      await page.reload();
      await page.locator('#validator-status.status-ok').waitFor();
      const status = await page.textContent('#import-status');
      assert.match(status, notice, name);
      assert.match(
        status,
        / Copying that text aside failed because this browser's storage for this page is full, so this page does not save over it\. Free some of this browser's storage for this page, and saving resumes with the next edit\.$/,
        name,
      );
      await page.fill(budget, '250000');
      await page.locator('#save-failed-bar').waitFor();
      assert.equal(
        await page.textContent('#save-failed-text'),
        'Saving the text in this browser failed: a save would replace a ' +
          'saved text this page cannot open, and copying that text aside ' +
          "failed because this browser's storage for this page is full. " +
          "Free some of this browser's storage for this page, and saving " +
          'resumes with the next edit. Edits made since are kept only ' +
          'while this page stays open. Use Export to keep them.',
        name,
      );
      await page.fill(budget, '255000');
      await page.waitForTimeout(400);
      assert.equal(
        await page.evaluate(() => localStorage.getItem('segform.jsonText')),
        record,
        name,
      );

      // Once space comes free, the next save copies the record aside first.
      await freeStorage(page);
      await page.fill(budget, '260000');
      await page.locator('#save-failed-bar').waitFor({ state: 'hidden' });
      assert.equal(
        await storageItem(page, 'segform.jsonText.unread'),
        record,
        name,
      );
      assert.match(
        await savedText(page),
        /"budgetMilliNodeHours": 260000/,
        name,
      );
      assert.equal(
        await page.textContent('#import-status'),
        "The saved text this page could not open is now kept in this browser's " +
          'storage, under the key segform.jsonText.unread.',
        name,
      );
    });
  }
});

// Every key for texts set aside already contains one: both notices give
// that reason and the remedy.
test('set-aside keys all taken', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    const record = 'segform-json-text-9\n{}';
    await page.evaluate((value) => {
      localStorage.setItem('segform.jsonText.unread', 'older 1');
      for (let i = 2; i <= 9; i += 1) {
        localStorage.setItem(`segform.jsonText.unread.${i}`, `older ${i}`);
      }
      localStorage.setItem('segform.jsonText', value);
    }, record);
    await page.reload();
    await page.locator('#validator-status.status-ok').waitFor();
    assert.match(
      await page.textContent('#import-status'),
      / Copying that text aside failed because the keys segform\.jsonText\.unread to segform\.jsonText\.unread\.9 already contain other texts set aside, so this page does not save over it\. Copy those texts out of this browser's storage and remove their keys, and saving resumes with the next edit\.$/,
    );
    await page.fill(budget, '250000');
    await page.locator('#save-failed-bar').waitFor();
    assert.match(
      await page.textContent('#save-failed-text'),
      /failed because the keys segform\.jsonText\.unread to segform\.jsonText\.unread\.9 already contain other texts set aside\. Copy those texts out/,
    );
    assert.equal(await storageItem(page, 'segform.jsonText'), record);

    // With one key free, the next edit sets the record aside and saves.
    await page.evaluate(() =>
      localStorage.removeItem('segform.jsonText.unread.5'),
    );
    await page.fill(budget, '260000');
    await page.locator('#save-failed-bar').waitFor({ state: 'hidden' });
    assert.equal(await storageItem(page, 'segform.jsonText.unread.5'), record);
  });
});

test('failed save stays on screen', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await failSaveAfterBudget(page);
    const text = await page.textContent('#save-failed-text');
    assert.equal(
      text,
      "Saving the text in this browser failed: this browser's storage for " +
        'this page is full. Once some of it is freed, the next edit is ' +
        'saved. Edits made since are kept only while this page stays open. ' +
        'Use Export to keep them.',
    );
    // Typing on neither hides nor rewrites it.
    await page.fill(budget, '270000');
    await page.waitForTimeout(400);
    assert.equal(await page.isHidden('#save-failed-bar'), false);
    assert.equal(await page.textContent('#save-failed-text'), text);

    await reloadPastPrompt(page);
    await page.locator('#validator-status.status-ok').waitFor();
    assert.equal(await page.inputValue(budget), '250000');
    assert.match(
      await page.textContent('#import-status'),
      /Saving failed before the page was reloaded, so the last edits may be missing/,
    );
  });
});

test(
  'failed save is retried on leaving',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await failSaveAfterBudget(page);
      // Space comes free without another edit; leaving the page saves.
      await freeStorage(page);
      await page.reload();
      await page.locator('#validator-status.status-ok').waitFor();
      assert.equal(
        await page.inputValue('#field-baseModelId'),
        '1'.repeat(200),
      );
      assert.match(
        await page.textContent('#import-status'),
        /^Restored the JSON text from your last visit/,
      );
    });
  },
);

test(
  'failed first save named on reload',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await fillStorage(page);
      await page.fill('#field-baseModelId', '1'.repeat(200));
      await page.locator('#save-failed-bar').waitFor();
      // The edit is not saved, so the page shows a leave-page prompt.
      await reloadPastPrompt(page);
      await page.locator('#validator-status.status-ok').waitFor();
      assert.match(
        await page.textContent('#import-status'),
        /^Saving failed before the page was reloaded, so the edits made then are missing/,
      );
      // Reported once: the next reload, with no failed save since, is quiet.
      await page.reload();
      await page.locator('#validator-status.status-ok').waitFor();
      assert.equal(await page.textContent('#import-status'), '');
    });
  },
);

test(
  'keeping inputs says when saving fails',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await page.locator('#validator-status.status-ok').waitFor();
      // Another tab's save, as the browser reports it.
      await page.evaluate(() =>
        window.dispatchEvent(
          new StorageEvent('storage', {
            key: 'segform.jsonText',
            newValue: JSON.stringify({
              format: 'segform-json-text-1',
              text: '{"modelType": 2}',
            }),
          }),
        ),
      );
      await page.locator('#other-tab-bar').waitFor();
      await fillStorage(page);
      await page.fill('#field-baseModelId', '1'.repeat(200));
      await page.locator('#save-failed-bar').waitFor();
      await page.click('#keep-tab-button');
      assert.match(
        await page.textContent('#import-status'),
        /^Kept the inputs of this tab, but saving them failed/,
      );
    });
  },
);

test(
  'foreign storage value is set aside',
  { timeout: testTimeout },
  async () => {
    const options = {
      async beforeLoad(context) {
        await context.addInitScript(() => {
          if (!sessionStorage.getItem('seeded')) {
            sessionStorage.setItem('seeded', '1');
            localStorage.setItem(
              'segform.jsonText',
              '{"format":"other","text":1',
            );
          }
        });
      },
    };
    await withPage(session, options, async ({ page }) => {
      assert.match(
        await page.textContent('#import-status'),
        /not in a format this page reads/,
      );
      assert.equal(await page.inputValue(budget), '192000');
      // A value that is not JSON at all is kept as it was too.
      assert.equal(
        await page.evaluate(() =>
          localStorage.getItem('segform.jsonText.unread'),
        ),
        '{"format":"other","text":1',
      );
    });
  },
);

test('import can be undone', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await waitForEditor(page);
    const before = await readEditorText(page);
    await importFile(page, 'low.json', '{"modelType":"CLOUD_LOW_ACCURACY_1"}');
    assert.equal(
      await readEditorText(page),
      '{"modelType":"CLOUD_LOW_ACCURACY_1"}',
    );
    await page.click('#undo-button');
    assert.equal(await readEditorText(page), before);
    assert.equal(await page.isHidden('#undo-bar'), true);

    // Ctrl+Z outside the editor undoes an import.
    await page.click('#reset-button');
    await importFile(page, 'low.json', '{"modelType":"CLOUD_LOW_ACCURACY_1"}');
    await page.focus('#export-button');
    await page.keyboard.press('Control+Z');
    assert.equal(await readEditorText(page), before);

    // So does Ctrl+Z in a form field, whose own undo would bring back the
    // typing from before the import and end the offer.
    await page.fill(budget, '300000');
    const typed = await readEditorText(page);
    await importFile(page, 'low.json', '{"modelType":"CLOUD_LOW_ACCURACY_1"}');
    await page.focus(budget);
    await page.keyboard.press('Control+Z');
    assert.equal(await readEditorText(page), typed);
    assert.equal(await page.inputValue(budget), '300000');
    assert.equal(await page.isHidden('#undo-bar'), true);
    // Focus stays in the field.
    assert.equal(
      await page.evaluate(() => document.activeElement.id),
      'field-budgetMilliNodeHours',
    );

    // Blanks typed in an empty field change no text, but they are typing,
    // so they end the offer, and Ctrl+Z is the field's own again.
    await importFile(page, 'low.json', '{"modelType":"CLOUD_LOW_ACCURACY_1"}');
    await page.focus(budget);
    await page.keyboard.type('  ');
    assert.equal(await page.isHidden('#undo-bar'), true);
    await page.keyboard.press('Control+Z');
    assert.equal(
      await readEditorText(page),
      '{"modelType":"CLOUD_LOW_ACCURACY_1"}',
    );
  });
});

/**
 * Types the line "foo": 1, after the editor's first line, and returns the
 * editor's text.
 */
async function typeFooLine(page) {
  await waitForEditor(page);
  await page.click('#editor-root .cm-line >> nth=0');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('"foo": 1,');
  return readEditorText(page);
}

// Chromium keeps one undo history for the whole page, so Ctrl+Z in a form
// field, once the field's own typing is undone, reached the editor and
// undid its last edit, then the page's imports in turn.
test(
  'form field undo stays out of editor',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      const typed = await typeFooLine(page);
      assert.match(typed, /"foo": 1,/);

      // A field with no typing of its own.
      await page.focus('#field-modelType');
      await page.keyboard.press('Control+Z');
      assert.equal(await readEditorText(page), typed);

      // A field whose typing is undone one key at a time, and no further.
      await page.focus('#field-baseModelId');
      await page.keyboard.type('abc');
      for (const value of ['ab', 'a', '', '', '']) {
        await page.keyboard.press('Control+Z');
        assert.equal(await page.inputValue('#field-baseModelId'), value);
      }
      assert.equal(await readEditorText(page), typed);

      // After the page's Undo of an import, a second Ctrl+Z brings back
      // neither the import nor anything older.
      await importFile(
        page,
        'low.json',
        '{"modelType":"CLOUD_LOW_ACCURACY_1"}',
      );
      await page.focus('#field-baseModelId');
      await page.keyboard.press('Control+Z');
      assert.equal(await readEditorText(page), typed);
      await page.keyboard.press('Control+Z');
      assert.equal(await readEditorText(page), typed);

      // Ctrl+Z in the editor still walks the editor's history: the form's
      // edits of the base model ID, then the typed line.
      await page.click('#editor-root .cm-line >> nth=1');
      let presses = 0;
      while (/"foo"/.test(await readEditorText(page)) && presses < 3) {
        await page.keyboard.press('Control+Z');
        presses += 1;
      }
      assert.doesNotMatch(await readEditorText(page), /"foo"/);
    });
  },
);

// The page-wide undo history also links the form's fields: once one
// field's typing is undone, Ctrl+Z there undid another field's typing.
test('field undo stays in its field', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await waitForEditor(page);
    // Typing in two fields: Ctrl+Z in the second undoes its own typing
    // only, and neither the first field's nor the editor's.
    await page.focus('#field-baseModelId');
    await page.keyboard.type('xy');
    await page.focus(budget);
    await page.keyboard.press('End');
    await page.keyboard.type('1');
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('Control+Z');
    assert.equal(await page.inputValue(budget), '192000');
    assert.equal(await page.inputValue('#field-baseModelId'), 'xy');
    // Redo there, too, is the field's own.
    await page.keyboard.press('Control+Shift+Z');
    assert.equal(await page.inputValue(budget), '1920001');
    await page.keyboard.press('Control+Shift+Z');
    assert.equal(await page.inputValue('#field-baseModelId'), 'xy');
    const text = await readEditorText(page);
    assert.match(text, /"budgetMilliNodeHours": 1920001/);
    assert.match(text, /"baseModelId": "xy"/);
  });
});

// A field's undo once left a step in the editor's history that changed
// nothing, so the first Ctrl+Z in the editor seemed to do nothing.
test('field undo takes back its step', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    const typed = await typeFooLine(page);
    // Later than the half second within which CodeMirror joins changes.
    await page.waitForTimeout(600);

    await page.focus(budget);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('5');
    assert.match(await readEditorText(page), /"budgetMilliNodeHours": 5\n/);
    await page.keyboard.press('Control+Z');
    assert.equal(await page.inputValue(budget), '192000');
    assert.equal(await readEditorText(page), typed);

    // The first Ctrl+Z in the editor undoes the editor's own typing.
    await page.click('#editor-root .cm-line >> nth=2');
    await page.keyboard.press('Control+Z');
    assert.doesNotMatch(await readEditorText(page), /"foo"/);
    // Redo in the editor brings back the typing, then the field's edit.
    await page.keyboard.press('Control+Shift+Z');
    assert.equal(await readEditorText(page), typed);
    await page.keyboard.press('Control+Shift+Z');
    assert.equal(await page.inputValue(budget), '5');
  });
});

// CodeMirror joins changes made less than half a second apart, so one
// Ctrl+Z in the editor took back a model type chosen in the form together
// with the typing just before it.
test('form edit is its own undo step', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await waitForEditor(page);
    const typed = '{"modelType": "FOO"}';
    await setEditorText(page, typed);
    await page.selectOption('#field-modelType', 'CLOUD_LOW_ACCURACY_1');
    const chosen = await readEditorText(page);
    assert.equal(chosen, '{"modelType": "CLOUD_LOW_ACCURACY_1"}');
    await page.focus(editorContent);
    await page.keyboard.press('Control+Z');
    assert.equal(await readEditorText(page), typed);

    // Typing in the editor right after an edit in the form is a step of its
    // own too.
    await page.fill(budget, '250000');
    const filled = await readEditorText(page);
    assert.match(filled, /"budgetMilliNodeHours": 250000/);
    await page.focus(editorContent);
    await page.keyboard.press('Control+Home');
    await page.keyboard.type(' ');
    assert.equal(await readEditorText(page), ` ${filled}`);
    await page.keyboard.press('Control+Z');
    assert.equal(await readEditorText(page), filled);
  });
});

// The editor's undo, run for a field's undo, scrolled a narrow page to the
// editor's selection, away from the field.
test('field undo keeps the page still', { timeout: testTimeout }, async () => {
  await withPage(
    session,
    { viewport: { width: 420, height: 700 } },
    async ({ page }) => {
      await waitForEditor(page);
      await page.focus(budget);
      await page.keyboard.press('End');
      await page.keyboard.type('5');
      await readEditorText(page);
      const scrolled = await page.evaluate(() => window.scrollY);
      await page.keyboard.press('Control+Z');
      assert.equal(await page.inputValue(budget), '192000');
      await readEditorText(page);
      assert.equal(await page.evaluate(() => window.scrollY), scrolled);
      await page.keyboard.press('Control+Shift+Z');
      assert.equal(await page.inputValue(budget), '1920005');
      await readEditorText(page);
      assert.equal(await page.evaluate(() => window.scrollY), scrolled);
    },
  );
});

test('double reset keeps undo text', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await waitForEditor(page);
    await page.fill(budget, '250000');
    const typed = await readEditorText(page);
    await page.click('#reset-button');
    await page.click('#reset-button');
    assert.equal(await page.inputValue(budget), '192000');
    await page.click('#undo-button');
    assert.equal(await page.inputValue(budget), '250000');
    assert.equal(await readEditorText(page), typed);
    // The text is saved a moment after each change.
    await waitForSavedText(page, (text) => text === typed);
  });
});

test(
  'refused import says what undo does',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await waitForEditor(page);
      const before = await readEditorText(page);
      await importFile(
        page,
        'low.json',
        '{"modelType":"CLOUD_LOW_ACCURACY_1"}',
      );
      // A file that is not UTF-8 changes nothing, and the Undo bar stays for
      // the import before it.
      await importFile(page, 'bad.json', Buffer.from([0x7b, 0xff, 0x7d]));
      const status = await page.textContent('#import-status');
      assert.match(
        status,
        /This import changed nothing, so Undo still takes back the earlier change it names\./,
      );
      await page.click('#undo-button');
      assert.equal(await readEditorText(page), before);
    });
  },
);

test(
  'file dropped on editor imports once',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await waitForEditor(page);
      const before = await readEditorText(page);
      await page.locator('.cm-content').evaluate((content) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File(['{"baseModelId":"7"}'], 'dropped.json'));
        const { left, top } = content.getBoundingClientRect();
        content.dispatchEvent(
          new DragEvent('drop', {
            dataTransfer: transfer,
            bubbles: true,
            cancelable: true,
            composed: true,
            clientX: left + 5,
            clientY: top + 5,
          }),
        );
      });
      await page
        .locator('#import-status', { hasText: 'dropped.json' })
        .waitFor();
      // The editor's own file reader would insert the text after this read.
      await page.waitForTimeout(200);
      assert.equal(await readEditorText(page), '{"baseModelId":"7"}');
      await page.click('#undo-button');
      assert.equal(await readEditorText(page), before);
    });
  },
);

test('pasted and dropped text imports', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await waitForEditor(page);
    await page.evaluate(() => {
      const transfer = new DataTransfer();
      transfer.setData(
        'text/plain',
        '\ufeff{"budgetMilliNodeHours":"30000"}\r\n',
      );
      document.body.dispatchEvent(
        new ClipboardEvent('paste', {
          clipboardData: transfer,
          bubbles: true,
          cancelable: true,
        }),
      );
    });
    assert.equal(await page.inputValue(budget), '30000');
    assert.equal(
      await readEditorText(page),
      '{"budgetMilliNodeHours":"30000"}\n',
    );

    await page.evaluate(() => {
      const transfer = new DataTransfer();
      const file = new File(['{"baseModelId":"7"}'], 'dropped.json');
      transfer.items.add(file);
      document.body.dispatchEvent(
        new DragEvent('drop', {
          dataTransfer: transfer,
          bubbles: true,
          cancelable: true,
        }),
      );
    });
    await page.locator('#import-status', { hasText: 'dropped.json' }).waitFor();
    assert.equal(await readEditorText(page), '{"baseModelId":"7"}');

    // Pasted text that is not JSON names its place without a file name.
    await page.evaluate(() => {
      const transfer = new DataTransfer();
      transfer.setData('text/plain', '{"a": 1,}');
      document.body.dispatchEvent(
        new ClipboardEvent('paste', {
          clipboardData: transfer,
          bubbles: true,
          cancelable: true,
        }),
      );
    });
    const status = await page.textContent('#import-status');
    assert.match(
      status,
      /^The pasted text was not loaded, and the form is unchanged\./,
    );
    assert.match(status, /line 1, column 9/);
    assert.equal(await readEditorText(page), '{"baseModelId":"7"}');

    // A select takes no pasted text, so a paste while it has focus imports
    // the text.
    await page.focus('#field-modelType');
    await page.evaluate(() => {
      const transfer = new DataTransfer();
      transfer.setData('text/plain', '{"modelType": "CLOUD_LOW_ACCURACY_1"}');
      document.activeElement.dispatchEvent(
        new ClipboardEvent('paste', {
          clipboardData: transfer,
          bubbles: true,
          cancelable: true,
        }),
      );
    });
    assert.equal(
      await page.inputValue('#field-modelType'),
      'CLOUD_LOW_ACCURACY_1',
    );
    assert.equal(
      await readEditorText(page),
      '{"modelType": "CLOUD_LOW_ACCURACY_1"}',
    );
  });
});

test('form edit keeps layout and caret', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await waitForEditor(page);
    const original =
      '{\n  "budgetMilliNodeHours": 192000,\n    "extra":   [1, 2],\n' +
      '  "modelType": "CLOUD_HIGH_ACCURACY_1"\n}';
    await importFile(page, 'layout.json', original);
    await page.click(editorContent);
    await page.keyboard.press('Control+End');

    await page.fill(budget, '30000');
    await page.fill('#field-baseModelId', '42');
    await page.selectOption('#field-modelType', '');
    const expected =
      '{\n  "budgetMilliNodeHours": 30000,\n    "extra":   [1, 2],\n' +
      '  "baseModelId": "42"\n}';
    assert.equal(await readEditorText(page), expected);

    // The caret stayed at the end of the text through the form's edits.
    await page.focus(editorContent);
    await page.keyboard.type(' ');
    assert.equal(await readEditorText(page), `${expected} `);
  });
});

test(
  'form typing reaches the editor with findings',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await waitForEditor(page);
      await page.fill(budget, '5000');
      assert.match(await readEditorText(page), /"budgetMilliNodeHours": 5000/);
      assert.equal(
        await page.textContent('#editor-root .cm-lintRange-error'),
        '5000',
      );
    });
  },
);

test(
  'editor findings wait for pending form edits',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await waitForEditor(page);
      // In the keystroke's own task the editor still shows the old text, so
      // the new text's findings must not be drawn on it yet.
      const underlinedAtOnce = await page.evaluate(() => {
        const input = document.getElementById('field-budgetMilliNodeHours');
        input.value = '5000';
        input.dispatchEvent(new Event('input', { bubbles: true }));
        return [
          ...document
            .getElementById('editor-root')
            .shadowRoot.querySelectorAll('.cm-lintRange'),
        ].map((range) => range.textContent);
      });
      assert.deepEqual(underlinedAtOnce, []);
      await readEditorText(page);
      assert.equal(
        await page.textContent('#editor-root .cm-lintRange-error'),
        '5000',
      );
    });
  },
);

test(
  'editor input first applies pending form edits',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await waitForEditor(page);
      // One task: a form edit, then a pointer press in the editor before the
      // page's deferred sync has run.
      const seen = await page.evaluate(() => {
        const input = document.getElementById('field-budgetMilliNodeHours');
        input.value = '30000';
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const content = document
          .getElementById('editor-root')
          .shadowRoot.querySelector('.cm-content');
        const before = content.textContent.includes('30000');
        content.dispatchEvent(
          new PointerEvent('pointerdown', { bubbles: true, composed: true }),
        );
        return { before, after: content.textContent.includes('30000') };
      });
      assert.equal(seen.before, false);
      assert.equal(seen.after, true);

      // Typing in the editor then edits the up-to-date text.
      await page.click(editorContent);
      await page.keyboard.press('Control+End');
      await page.keyboard.type(' ');
      assert.match(
        await readEditorText(page),
        /"budgetMilliNodeHours": 30000\n}\n $/,
      );
      assert.equal(await page.inputValue(budget), '30000');
    });
  },
);

test('editor edit updates the form', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await waitForEditor(page);
    await setEditorText(
      page,
      '{"modelType": "MOBILE_TF_LOW_LATENCY_1", "baseModelId": "9"}',
    );
    assert.deepEqual(await readFormValues(page), {
      modelType: 'MOBILE_TF_LOW_LATENCY_1',
      budgetMilliNodeHours: '',
      baseModelId: '9',
    });
    const underline = page.locator('#editor-root .cm-lintRange');
    assert.equal(await underline.count(), 0);

    await setEditorText(page, '{"budgetMilliNodeHours": 5000}');
    assert.equal(
      await page.textContent('#editor-root .cm-lintRange-error'),
      '5000',
    );
    // The list under the editor gives the hint too.
    assert.match(
      await page.textContent('#editor-findings li'),
      /^Error, line 1, column 26: .*got 5,000\. Give a budget from 20,000 to 2,000,000 milli node hours/,
    );
    // The hint, beside the button, describes it for screen readers.
    const description = await page.$eval(
      '#editor-findings .finding-link',
      (button) =>
        document.getElementById(button.getAttribute('aria-describedby'))
          .textContent,
    );
    assert.match(
      description,
      /^Give a budget from 20,000 to 2,000,000 milli node hours/,
    );
    await page.click('#editor-findings .finding-link');
    assert.equal(
      await page.evaluate(() =>
        document
          .getElementById('editor-root')
          .shadowRoot.getSelection()
          .toString(),
      ),
      '5000',
    );
  });
});

test(
  'unchanged findings lists are kept',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await waitForEditor(page);
      const lines = (budgetText) =>
        [
          '{',
          `  "budgetMilliNodeHours": ${budgetText},`,
          '  "k1": 1,',
          '  "k2": 2',
          '}',
        ].join('\n');
      await setEditorText(page, lines('"30000"'));
      await page.evaluate(() => {
        document.querySelector('#unknown-list li').dataset.mark = 'kept';
        document.querySelector('#editor-findings li').dataset.mark = 'kept';
      });
      // A longer budget, still valid: the keys' findings, on lines of their
      // own, keep their text and place.
      await page.fill(budget, '300000');
      assert.equal(await readEditorText(page), lines('300000'));
      assert.equal(
        await page.getAttribute('#unknown-list li', 'data-mark'),
        'kept',
      );
      assert.equal(
        await page.getAttribute('#editor-findings li', 'data-mark'),
        'kept',
      );

      // The kept links and buttons use the offsets of the text as it is now,
      // one character earlier than when they were made.
      await page.click('#editor-findings li:nth-child(2) .finding-link');
      assert.equal(
        await page.evaluate(() =>
          document
            .getElementById('editor-root')
            .shadowRoot.getSelection()
            .toString(),
        ),
        '"k2"',
      );
      await page.click('#unknown-list li:first-child .remove-button');
      assert.equal(
        await readEditorText(page),
        ['{', '  "budgetMilliNodeHours": 300000,', '  "k2": 2', '}'].join('\n'),
      );

      // A click in the frame before the editor catches up with a form edit
      // still selects the finding clicked: the key's, when the edit adds a
      // finding before it, and the budget's, when the edit changes its
      // message.
      for (const [value, selected] of [
        ['3000000', '"k2"'],
        ['3000001', '3000001'],
      ]) {
        await page.evaluate((typed) => {
          const input = document.getElementById('field-budgetMilliNodeHours');
          input.value = typed;
          input.dispatchEvent(new Event('input', { bubbles: true }));
          document.querySelector('#editor-findings .finding-link').click();
        }, value);
        assert.equal(
          await page.evaluate(() =>
            document
              .getElementById('editor-root')
              .shadowRoot.getSelection()
              .toString(),
          ),
          selected,
        );
      }
    });
  },
);

test(
  'unparsable text makes form read-only',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await waitForEditor(page);
      await page.fill(budget, '250000');
      const summary = `${budget}-summary`;
      const summaryBefore = await page.textContent(summary);
      assert.match(summaryBefore, /250/);
      await setEditorText(page, '{"budgetMilliNodeHours": 30000,');
      assert.equal(
        await page.$eval('#inputs-fieldset', (fieldset) => fieldset.disabled),
        true,
      );
      assert.match(
        await page.textContent('#form-note'),
        /read-only and shows the last values read/,
      );
      assert.match(
        await page.textContent('#form-note'),
        /cannot be read as an object\. First error: invalid JSON: expected .*\. Fix the text in the editor\.$/,
      );
      assert.equal(await page.inputValue(budget), '250000');
      // The summary still describes the value shown, not an unset field.
      assert.equal(await page.textContent(summary), summaryBefore);
      // The syntax error gives its line and column, as no field can show it.
      assert.match(
        await page.textContent('#general-findings'),
        /line 1, column 32: invalid JSON/,
      );

      await page.keyboard.insertText(' "baseModelId": "1"}');
      assert.equal(
        await page.$eval('#inputs-fieldset', (fieldset) => fieldset.disabled),
        false,
      );
      assert.equal(await page.inputValue(budget), '30000');
    });
  },
);

test(
  'focused editor has a whole focus ring',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await waitForEditor(page);
      await page.click(editorContent);
      // The ring is on the host, outside the box whose overflow clips its
      // content, so all four sides show.
      const ring = await page.$eval('.editor-host', (host) => {
        const style = getComputedStyle(host);
        return `${style.outlineStyle} ${style.outlineWidth}`;
      });
      assert.equal(ring, 'solid 3px');
    });
  },
);

test(
  'typed unknown keys are not said to come from a file',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await waitForEditor(page);
      await setEditorText(page, '{"multiLabel": true}');
      const note = await page.textContent('#unknown-section .section-note');
      assert.match(note, /in the JSON text but are not fields/);
      assert.doesNotMatch(note, /imported file/);
    });
  },
);

test(
  'each import is an undo step of its own',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await waitForEditor(page);
      await importFile(page, 'first.json', '{"baseModelId":"1"}');
      await importFile(page, 'second.json', '{"baseModelId":"2"}');
      await page.click(editorContent);
      await page.keyboard.press('Control+Z');
      assert.equal(await readEditorText(page), '{"baseModelId":"1"}');
    });
  },
);

test('markup in lint tooltip is text', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await waitForEditor(page);
    await importFile(page, 'x.json', '{"<img src=x onerror=alert(1)>": 1}');
    await page.hover('#editor-root .cm-lintRange-error');
    const tooltip = page.locator('#editor-root .cm-tooltip-lint');
    await tooltip.waitFor();
    assert.match(await tooltip.textContent(), /<img src=x onerror=alert\(1\)>/);
    const images = await page.evaluate(
      () =>
        document.querySelectorAll('img').length +
        document
          .getElementById('editor-root')
          .shadowRoot.querySelectorAll('img').length,
    );
    assert.equal(images, 0);
    await page.waitForTimeout(200);
  });
});

test('proto keys change nothing else', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await waitForEditor(page);
    await importFile(
      page,
      'proto.json',
      '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 2}},' +
        ' "budgetMilliNodeHours": "30000"}',
    );
    const codes = (await allFindings(page)).map((finding) => finding.code);
    assert.deepEqual(codes, ['field.unknown', 'field.unknown']);
    assert.equal(await page.evaluate(() => ({}).polluted), undefined);
    assert.equal(
      await page.evaluate(() => Object.prototype.polluted),
      undefined,
    );
    assert.deepEqual(await readFormValues(page), {
      modelType: '',
      budgetMilliNodeHours: '30000',
      baseModelId: '',
    });
  });
});

test(
  'clearing a field set twice clears both',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await waitForEditor(page);
      const rows = [
        [
          '{"modelType": "CLOUD_HIGH_ACCURACY_1", "modelType": "CLOUD_LOW_ACCURACY_1"}',
          '{}',
        ],
        [
          '{"modelType": "CLOUD_HIGH_ACCURACY_1", "model_type": "CLOUD_LOW_ACCURACY_1", ' +
            '"budgetMilliNodeHours": "30000"}',
          '{"budgetMilliNodeHours": "30000"}',
        ],
      ];
      for (const [text, expected] of rows) {
        await setEditorText(page, text);
        await page.selectOption('#field-modelType', '');
        assert.equal(await readEditorText(page), expected);
        // The saved text is the page's own, which the editor must match.
        await waitForSavedText(page, (text) => text === expected);
      }
    });
  },
);

test(
  'pipeline request wraps the inputs',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      // The dialog for inputs with an error names the request it exports.
      // Its heading once spoke of the inputs over a text about the request.
      await page.fill(budget, '5');
      await page.click('#pipeline-export-button');
      await page.locator('#confirm-dialog[open]').waitFor();
      assert.equal(
        await page.textContent('#confirm-heading'),
        'The request has errors',
      );
      assert.match(
        await page.textContent('#confirm-text'),
        /^The pipeline request has 1 error, for which the API would reject it\./,
      );
      await page.click('#confirm-cancel');

      await page.fill(budget, '250000');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('#pipeline-export-button'),
      ]);
      assert.equal(
        download.suggestedFilename(),
        'training-pipeline-request.json',
      );
      const request = JSON.parse(await readFile(await download.path(), 'utf8'));
      assert.equal(request.displayName, 'REPLACE_WITH_DISPLAY_NAME');
      assert.equal(
        request.inputDataConfig.datasetId,
        'REPLACE_WITH_DATASET_ID',
      );
      assert.match(
        request.trainingTaskDefinition,
        /automl_image_segmentation_1\.0\.0\.yaml$/,
      );
      assert.deepEqual(request.trainingTaskInputs, {
        modelType: 'CLOUD_HIGH_ACCURACY_1',
        budgetMilliNodeHours: '250000',
      });
      assert.equal(
        request.modelToUpload.displayName,
        'REPLACE_WITH_MODEL_DISPLAY_NAME',
      );
      assert.equal(
        await page.textContent('#action-status'),
        'Downloaded ' +
          'training-pipeline-request.json. Fill in its REPLACE_WITH_... values before you send it.',
      );

      // Brought back with its placeholders, the request gets a warning for
      // each, and exporting it again opens the dialog first.
      await importFile(
        page,
        'request.json',
        await readFile(await download.path()),
      );
      assert.deepEqual(
        await page.$$eval('[data-code="pipeline.placeholder"]', (items) =>
          items.map((item) => item.dataset.path),
        ),
        [
          '/displayName',
          '/inputDataConfig/datasetId',
          '/modelToUpload/displayName',
        ],
      );
      await page.click('#pipeline-export-button');
      await page.locator('#confirm-dialog[open]').waitFor();
      assert.match(
        await page.textContent('#confirm-list'),
        /is still the placeholder/,
      );
      await page.click('#confirm-cancel');
    });
  },
);

test(
  'reset of unchanged text offers no undo',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await waitForEditor(page);
      await page.click('#reset-button');
      assert.equal(await page.isHidden('#undo-bar'), true);
      assert.equal(
        await page.textContent('#import-status'),
        'The inputs are the defaults already.',
      );
    });
  },
);

test('export with errors asks first', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await waitForEditor(page);
    await page.fill(budget, '5000');
    await page.click('#export-button');
    assert.equal(
      await page.$eval('#confirm-dialog', (dialog) => dialog.open),
      true,
    );
    assert.match(await page.textContent('#confirm-text'), /1 error/);
    assert.match(
      await page.textContent('#confirm-text'),
      /You can cancel and fix it,/,
    );
    assert.equal(
      await page.textContent('#confirm-accept'),
      'Export the text as written',
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#confirm-accept'),
    ]);
    const text = await readFile(await download.path(), 'utf8');
    assert.equal(text.trim(), (await readEditorText(page)).trim());
    assert.equal(
      await page.$eval('#confirm-dialog', (dialog) => dialog.open),
      false,
    );

    // Copying opens the same dialog, with a Copy button.
    await page.click('#copy-button');
    assert.equal(
      await page.$eval('#confirm-dialog', (dialog) => dialog.open),
      true,
    );
    assert.equal(
      await page.textContent('#confirm-accept'),
      'Copy the text as written',
    );
    await page.click('#confirm-cancel');
  });
});

// Export as written once dropped the text's first indentation, took two
// spaces off the lines after it and added a newline.
test(
  'text with errors exported exactly',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await waitForEditor(page);
      const text = '  {"modelType": "FAST",\n    "budgetMilliNodeHours": 5}';
      await setEditorText(page, text);
      await page.click('#export-button');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('#confirm-accept'),
      ]);
      assert.equal(await readFile(await download.path(), 'utf8'), text);
    });
  },
);

test('invalid control reports validity', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await page.fill(budget, '5000');
    assert.equal(
      await page.$eval(budget, (input) => input.matches(':invalid')),
      true,
    );
    assert.match(
      await page.$eval(budget, (input) => input.validationMessage),
      /20,000/,
    );
    await page.fill(budget, '50000');
    assert.equal(
      await page.$eval(budget, (input) => input.checkValidity()),
      true,
    );
  });
});

/** Returns whether the editor wraps long lines. */
function isWrapping(page) {
  return page.$eval(editorContent, (content) =>
    content.classList.contains('cm-lineWrapping'),
  );
}

/** Counts the highlighted tokens the editor draws: spans of its own classes. */
function countHighlightedTokens(page) {
  return page.$$eval(
    '#editor-root .cm-line span',
    (spans) =>
      spans.filter((span) =>
        [...span.classList].some((name) => !name.startsWith('cm-')),
      ).length,
  );
}

// One line just over the limit of 20,000 characters that keeps highlighting.
const longLineText = `{"budgetMilliNodeHours": "100000", "baseModelId": "${'7'.repeat(19_948)}"}`;
const longLinePanel = '#editor-root .cm-long-line-panel';

/** Counts the brackets the editor marks beside the cursor, matched or not. */
function countMarkedBrackets(page) {
  return page
    .locator(
      '#editor-root .cm-matchingBracket, #editor-root .cm-nonmatchingBracket',
    )
    .count();
}

test('long line turns highlighting off', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await waitForEditor(page);
    assert.ok(
      (await countHighlightedTokens(page)) > 0,
      'the default text is highlighted',
    );
    assert.equal(await page.locator(longLinePanel).count(), 0);

    assert.equal(longLineText.length, 20_001);
    await setEditorText(page, longLineText);
    await page.locator(longLinePanel).waitFor();
    assert.equal(
      await page.textContent(longLinePanel),
      'Highlighting, bracket matching and line wrapping are off while a line is longer than 20,000 characters or has more than 600 commas, colons and brackets.',
    );
    assert.equal(await countHighlightedTokens(page), 0);
    assert.equal(await isWrapping(page), false);
    // Beside the line's opening brace, no bracket is marked.
    await page.keyboard.press('Control+Home');
    assert.equal(await countMarkedBrackets(page), 0);

    // One character less is within the limit.
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Backspace');
    await page.locator(longLinePanel).waitFor({ state: 'detached' });
    assert.ok((await countHighlightedTokens(page)) > 0);
    assert.equal(await isWrapping(page), true);
    // The opening brace, whose closing one is gone, is marked again.
    await page.keyboard.press('Control+Home');
    await page.locator('#editor-root .cm-nonmatchingBracket').waitFor();
    assert.equal(await countMarkedBrackets(page), 1);
  });
});

test(
  'long line counts characters, not units',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await waitForEditor(page);
      // 20,000 emoji are 40,000 UTF-16 units but 20,000 characters.
      const emoji = '\u{1F600}'.repeat(20_000);
      await setEditorText(page, emoji);
      // The page validates the typed text first, then the editor draws it.
      await page.locator('#editor-findings li').first().waitFor();
      assert.equal(await page.locator(longLinePanel).count(), 0);
      await page.keyboard.type('x');
      await page.locator(longLinePanel).waitFor();
    });
  },
);

test(
  'edit beside long line keeps it plain',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await waitForEditor(page);
      const text = `{\n  "budgetMilliNodeHours": "100000",\n  "baseModelId": "${'7'.repeat(20_001)}"\n}`;
      await setEditorText(page, text);
      await page.locator(longLinePanel).waitFor();
      // Back at the top, the lines the form's edit touches are drawn.
      await page.keyboard.press('Control+Home');
      // The form's edit touches the first member's line only.
      await page.fill(budget, '250000');
      const edited = await readEditorText(page);
      assert.match(edited, /"budgetMilliNodeHours": 250000,/);
      assert.equal(await page.locator(longLinePanel).count(), 1);
      assert.equal(await countHighlightedTokens(page), 0);
    });
  },
);

test('restored long line starts plain', { timeout: testTimeout }, async () => {
  const options = {
    async beforeLoad(context) {
      await context.addInitScript((text) => {
        localStorage.setItem(
          'segform.jsonText',
          JSON.stringify({ format: 'segform-json-text-1', text }),
        );
      }, `${longLineText}\n`);
    },
  };
  await withPage(session, options, async ({ page }) => {
    await waitForEditor(page);
    await page.locator(longLinePanel).waitFor();
    assert.equal(await countHighlightedTokens(page), 0);
    assert.equal(await page.inputValue(budget), '100000');
  });
});

test(
  'bidi and invisible characters show',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await waitForEditor(page);
      // A right-to-left override in a key and in a model type, a zero-width
      // space and a no-break space in a value, and an override closed early
      // by a stray pop-directional-isolate.
      await setEditorText(
        page,
        '{"\u202eyek_eno": "eu\u202elav", "modelType": "CLOUD\u202e_HIGH", ' +
          '"baseModelId": "abc\u200bdef\u00a0", "\u2069\u202ex": 1}',
      );
      // The editor shows a placeholder for each of them, CodeMirror's own
      // list and the rest of the characters the messages escape alike, each
      // labelled with its code point.
      const placeholders = page.locator('#editor-root .cm-specialChar');
      assert.equal(await placeholders.count(), 7);
      assert.deepEqual(
        await placeholders.evaluateAll((spans) =>
          spans.map((span) => span.getAttribute('aria-label')),
        ),
        [
          'Hidden character U+202E, right-to-left override',
          'Hidden character U+202E, right-to-left override',
          'Hidden character U+202E, right-to-left override',
          'Hidden character U+200B, zero width space',
          'Hidden character U+00A0',
          'Hidden character U+2069, pop directional isolate',
          'Hidden character U+202E, right-to-left override',
        ],
      );

      // The list of unknown keys, the model type's option and the Remove
      // buttons' names escape them as the findings do. Set in an isolate,
      // a key once read backwards, its closing quote first.
      const keys = await page.$$eval('#unknown-list .unknown-key', (items) =>
        items.map((item) => item.textContent),
      );
      assert.deepEqual(keys, ['"\\u202Eyek_eno"', '"\\u2069\\u202Ex"']);
      assert.equal(
        await page.textContent('#unknown-list .unknown-value'),
        '"eu\\u202Elav"',
      );
      assert.deepEqual(
        await page.$$eval('#unknown-list .remove-button', (buttons) =>
          buttons.map((button) => button.getAttribute('aria-label')),
        ),
        ['Remove key \\u202Eyek_eno', 'Remove key \\u2069\\u202Ex'],
      );
      const findingText = await page.textContent('#unknown-list .findings');
      assert.ok(findingText.includes('"\\u202Eyek_eno"'), findingText);
      const option = await page.$eval(
        '#field-modelType .imported-option',
        (item) => item.text,
      );
      assert.equal(option, '"CLOUD\\u202E_HIGH" (from the JSON text)');

      // Joiners and variation selectors, which emoji need, stay unmarked.
      await setEditorText(
        page,
        '{"key": "\u{1f469}\u200d\u{1f4bb} \u2764\ufe0f"}',
      );
      assert.equal(await placeholders.count(), 0);

      // A value written over lines keeps its layout, which the row
      // collapses. It once showed \u000A for each line break.
      await setEditorText(page, '{"obj": {\n  "inner": [1,\n\t2]\n}}');
      assert.equal(
        await page.$eval('#unknown-list .unknown-value', (span) =>
          span.textContent.replace(/\s+/g, ' '),
        ),
        '{ "inner": [1, 2] }',
      );

      // An empty key's button once had the name "Remove key" and nothing,
      // and spaces around a key went unheard.
      await setEditorText(page, '{"": 1, " k ": 2}');
      assert.deepEqual(
        await page.$$eval('#unknown-list .remove-button', (buttons) =>
          buttons.map((button) => button.getAttribute('aria-label')),
        ),
        ['Remove key ""', 'Remove key " k "'],
      );
    });
  },
);

// A megabyte of model type once went into its option's label again on every
// keystroke anywhere on the page, 0.26 s each. An unknown key's row showed
// all of its key.
test('long names are shown cut', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await waitForEditor(page);
    const name = `\u{1f600}${'A'.repeat(198)}\u{1f600}${'B'.repeat(5000)}`;
    await setEditorText(
      page,
      `{"modelType": "${name}", "${'k'.repeat(5000)}": "${'v'.repeat(5000)}"}`,
    );
    const option = '#field-modelType .imported-option';
    // The cut keeps the first emoji whole and drops the second, which
    // straddles the 200th code unit.
    assert.equal(
      await page.$eval(option, (item) => item.text),
      `"\u{1f600}${'A'.repeat(198)}…" (from the JSON text)`,
    );
    assert.equal(
      await page.textContent('#unknown-list .unknown-key'),
      `"${'k'.repeat(200)}…"`,
    );
    assert.equal(
      await page.textContent('#unknown-list .unknown-value'),
      `"${'v'.repeat(199)}…`,
    );

    // A keystroke elsewhere keeps the option, and the whole name.
    await page.$eval(option, (item) => {
      item.dataset.mark = 'kept';
    });
    await page.fill(budget, '100000');
    await page.waitForFunction(() =>
      (localStorage.getItem('segform.jsonText') ?? '').includes('100000'),
    );
    assert.equal(
      await page.$eval(option, (item) => item.dataset.mark ?? 'rebuilt'),
      'kept',
    );
    assert.equal((await readFormValues(page)).modelType, name);
  });
});

// A paste of 16 MiB went in, left each keystroke 60 to 140 ms long and made
// every save fail.
test(
  'edit past the size limit rejected',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await waitForEditor(page);
      const note = page.locator('#editor-root .cm-long-line-panel', {
        hasText: 'That edit was not made',
      });
      await setEditorText(page, '{"budgetMilliNodeHours": "250000"}');
      const limit = 1048576;
      await page.keyboard.insertText(`{"x": "${'a'.repeat(limit - 8)}"}`);
      await note.waitFor();
      const sizeNote =
        'That edit was not made: it would make the text longer than 1 MiB, ' +
        'the most this page checks and saves.';
      assert.equal(await note.textContent(), sizeNote);
      // Saved a moment after the text before the rejected edit.
      await waitForSavedText(
        page,
        (text) => text === '{"budgetMilliNodeHours": "250000"}',
      );
      // The page's status region announces each rejection, the same one
      // again too; the panel, inserted with its text, is not a live region.
      assert.equal(await note.getAttribute('role'), null);
      assert.equal(await page.textContent('#action-status'), sizeNote);
      await page.keyboard.insertText(`{"x": "${'a'.repeat(limit - 8)}"}`);
      assert.equal(
        await page.textContent('#action-status'),
        `${sizeNote}\u00a0`,
      );
      // The limit is in UTF-8 bytes: 350,000 CJK characters are 1,050,000.
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(`{"x": "${'中'.repeat(350000)}"}`);
      assert.equal(
        await readEditorText(page),
        '{"budgetMilliNodeHours": "250000"}',
      );
      // A text of the limit's length is taken, and the note goes.
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(`{"x": "${'a'.repeat(limit - 9)}"}`);
      await note.waitFor({ state: 'detached' });
      await waitForSavedText(page, (text) => text?.length === limit);
    });
  },
);

// Chromium laid out 19,000 accents after one letter again on every edit of
// their line, 0.26 s a keystroke, and a jump past 27 such lines took 3.5 s.
test('long runs of marks are counted', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await waitForEditor(page);
    const runs = '#editor-root .cm-specialChar[aria-label$="combining marks"]';
    const text = `{"a": "e${'\u0301'.repeat(30)}",\n"b": "e${'\u0301'.repeat(40)}"}`;
    await setEditorText(page, text);
    // Thirty marks in a row are drawn as text, forty are not.
    assert.deepEqual(
      await page.$$eval(runs, (spans) =>
        spans.map((span) => span.getAttribute('aria-label')),
      ),
      ['40 combining marks'],
    );
    assert.equal(await page.textContent(runs), '[40 combining marks]');
    // A mark typed after the run counts, and the text keeps every mark.
    await page.keyboard.press('Control+End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.insertText('\u0301');
    await page.locator(runs, { hasText: '41' }).waitFor();
    const expected = text.replace('"}', '\u0301"}');
    await waitForSavedText(page, (saved) => saved === expected);
  });
});

// Setting a field to a megabyte made Chromium lay out the whole value on
// every keystroke, anywhere on the page: 90 to 110 ms each.
test('long field value is read-only', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await waitForEditor(page);
    const field = '#field-baseModelId';
    const note = '#field-baseModelId-long-value';
    await setEditorText(page, `{"baseModelId": "${'m'.repeat(10001)}"}`);
    await page.locator(note).waitFor();
    assert.equal(
      await page.textContent(note),
      'This value is 10,001 characters long, too long to edit here: the ' +
        'field shows its start. Edit it in the JSON text.',
    );
    assert.equal(await page.inputValue(field), `${'m'.repeat(200)}…`);
    assert.equal(await page.$eval(field, (input) => input.readOnly), true);

    // At the limit, the field shows the value and takes edits again.
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Backspace');
    await page.locator(note).waitFor({ state: 'hidden' });
    assert.equal(await page.inputValue(field), 'm'.repeat(10000));
    assert.equal(await page.$eval(field, (input) => input.readOnly), false);

    // The limit counts characters, not UTF-16 units: 5,001 emoji are
    // 10,002 units.
    await setEditorText(page, `{"baseModelId": "${'\u{1f600}'.repeat(5001)}"}`);
    await page.waitForFunction(
      (selector) => document.querySelector(selector).value.length === 10002,
      field,
    );
    assert.equal(await page.$eval(field, (input) => input.readOnly), false);
  });
});

// A form field drops line breaks from a value it is given, so it showed
// "abc" for "ab\nc", and the next keystroke there wrote "abc" back.
test(
  'value with line breaks is read-only',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await waitForEditor(page);
      const note = (name) => `#field-${name}-long-value`;
      await setEditorText(
        page,
        '{"baseModelId": "ab\\nc\\r\\nd", "budgetMilliNodeHours": "\\n192000"}',
      );
      await page.locator(note('baseModelId')).waitFor();
      assert.equal(
        await page.inputValue('#field-baseModelId'),
        'ab\u23CEc\u23CEd',
      );
      assert.equal(
        await page.textContent(note('baseModelId')),
        'This value has line breaks, which a form field cannot hold: the ' +
          'field shows each as \u23CE. Edit it in the JSON text.',
      );
      assert.equal(
        await page.$eval('#field-baseModelId', (input) => input.readOnly),
        true,
      );
      assert.equal(
        await page.inputValue('#field-budgetMilliNodeHours'),
        '\u23CE192000',
      );
      assert.equal(
        await page.$eval(
          '#field-budgetMilliNodeHours',
          (input) => input.readOnly,
        ),
        true,
      );

      // A long value shows its start with the breaks marked too.
      await setEditorText(page, `{"baseModelId": "a\\nb${'c'.repeat(10001)}"}`);
      await page.waitForFunction(() =>
        document
          .getElementById('field-baseModelId')
          .value.startsWith('a\u23CEbc'),
      );

      // Without them, the field takes edits again.
      await setEditorText(page, '{"baseModelId": "abc"}');
      await page.locator(note('baseModelId')).waitFor({ state: 'hidden' });
      assert.equal(await page.inputValue('#field-baseModelId'), 'abc');
      assert.equal(
        await page.$eval('#field-baseModelId', (input) => input.readOnly),
        false,
      );
    });
  },
);

// Replace-all once drew each run once per change on its line (9 for 3), and
// a Delete that joined two lines of marks left the cursor inside the run
// it made, so typed letters went after it in reverse order.
test('runs of marks stay whole', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await waitForEditor(page);
    const runs = '#editor-root .cm-specialChar[aria-label$="combining marks"]';
    const marks = (count) => '\u0301'.repeat(count);
    await setEditorText(
      page,
      `{"a": "${`a${marks(31)}`.repeat(3)}",\n"b": "x${marks(20)}\n${marks(20)}y"}`,
    );
    await page.keyboard.press('Control+f');
    await page.keyboard.insertText('a');
    await page.fill('#editor-root input[name=replace]', 'c');
    await page.click('#editor-root button[name=replaceAll]');
    assert.deepEqual(
      await page.$$eval(runs, (spans) =>
        spans.map((span) => span.getAttribute('aria-label')),
      ),
      Array(3).fill('31 combining marks'),
    );

    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('End');
    await page.keyboard.press('Delete');
    await page.locator(runs, { hasText: '40' }).waitFor();
    await page.keyboard.type('qj');
    const ending = `"x${marks(40)}qjy"}`;
    await waitForSavedText(page, (text) => text?.endsWith(ending));
  });
});

// Chromium lays out a line of placeholders once per placeholder an edit
// removes: replacing a line of 1,000 hidden characters took 8 s. Past 100
// in a line, none are drawn and a panel gives the reason, and selecting all and
// typing over it is an ordinary edit.
test(
  'many hidden characters are not marked',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await waitForEditor(page);
      const placeholders = '#editor-root .cm-specialChar';
      const panel = '#editor-root .cm-long-line-panel';
      await setEditorText(page, `{"x": "${'\u200b'.repeat(100)}"}`);
      await page.locator(placeholders).first().waitFor();
      assert.equal(await page.locator(placeholders).count(), 100);
      assert.equal(await page.locator(panel).count(), 0);

      await page.keyboard.press('End');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.insertText('\u00a0');
      await page.locator(panel).waitFor();
      assert.equal(
        await page.textContent(panel),
        'Hidden characters are not marked while a line has more than 100 of them.',
      );
      assert.equal(await page.locator(placeholders).count(), 0);

      await setEditorText(page, `{"x": "${'\u200b'.repeat(1000)}"}`);
      await page.keyboard.press('Control+A');
      await page.keyboard.type('x');
      assert.equal(await readEditorText(page), 'x');
      await page.locator(panel).waitFor({ state: 'detached' });
      // A line with a few again has them marked.
      await setEditorText(page, `{"x\u200b": 1}`);
      await page.locator(placeholders).first().waitFor();
    });
  },
);

// A request whose inputs have an error is exported as written when the
// user accepts: the request as the text has it, and the inputs alone
// without the indentation they had inside it.
test(
  'request with errors exports as written',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await waitForEditor(page);
      const inputs = {
        modelType: 'CLOUD_HIGH_ACCURACY_1',
        budgetMilliNodeHours: '5000',
      };
      const request = `${JSON.stringify(
        {
          displayName: 'd',
          trainingTaskDefinition:
            'gs://google-cloud-aiplatform/schema/trainingjob/definition/automl_image_segmentation_1.0.0.yaml',
          trainingTaskInputs: inputs,
        },
        null,
        2,
      )}\n`;
      await setEditorText(page, request);
      await page.locator('#editor-findings li').first().waitFor();

      const exportAnyway = async (button) => {
        await page.click(button);
        await page.locator('#confirm-dialog[open]').waitFor();
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.click('#confirm-accept'),
        ]);
        return readFile(await download.path(), 'utf8');
      };
      assert.equal(await exportAnyway('#pipeline-export-button'), request);
      assert.equal(
        await exportAnyway('#export-button'),
        `${JSON.stringify(inputs, null, 2)}\n`,
      );
      // The dialog of Export states that it takes the inputs, not the whole text.
      // It once offered "the JSON text as written" and gave the inputs.
      await page.click('#export-button');
      await page.locator('#confirm-dialog[open]').waitFor();
      assert.match(
        await page.textContent('#confirm-text'),
        /or take the request's inputs as written\.$/,
      );
      assert.equal(
        await page.textContent('#confirm-accept'),
        'Export the inputs as written',
      );
      await page.click('#confirm-cancel');
    });
  },
);

// Reset replaces the inputs of a request, as the form's edits change only
// them, and keeps the rest of the request.
test('reset keeps the request around', { timeout: testTimeout }, async () => {
  await withPage(session, {}, async ({ page }) => {
    await waitForEditor(page);
    const defaults = JSON.parse(await readEditorText(page));
    const create = {
      parent: 'projects/p/locations/us-central1',
      trainingPipeline: {
        displayName: 'd',
        trainingTaskDefinition:
          'gs://google-cloud-aiplatform/schema/trainingjob/definition/automl_image_segmentation_1.0.0.yaml',
        inputDataConfig: { datasetId: '123' },
        trainingTaskInputs: { budgetMilliNodeHours: '250000' },
      },
    };
    const text = `${JSON.stringify(create, null, 4)}\n`;
    await setEditorText(page, text);
    await page.locator('#field-budgetMilliNodeHours').waitFor();
    await page.waitForFunction(
      () =>
        document.getElementById('field-budgetMilliNodeHours').value ===
        '250000',
    );

    await page.click('#reset-button');
    assert.equal(
      await page.textContent('#import-status'),
      "Reset the request's inputs to the defaults.",
    );
    const reset = await readEditorText(page);
    assert.deepEqual(JSON.parse(reset), {
      ...create,
      trainingPipeline: {
        ...create.trainingPipeline,
        trainingTaskInputs: defaults,
      },
    });
    // Laid out with the request's own step of four spaces.
    assert.match(reset, /\n {12}"modelType"/);

    await page.click('#reset-button');
    assert.equal(
      await page.textContent('#import-status'),
      "The request's inputs are the defaults already.",
    );
    await page.click('#undo-button');
    assert.equal(await readEditorText(page), text);
  });
});

// Reset once took a request of just under the size limit past it, and its
// status reported the inputs reset.
test(
  'reset past the size limit rejected',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await waitForEditor(page);
      const head = '{"trainingTaskInputs": {}, "displayName": "';
      await setEditorText(
        page,
        `${head}${'d'.repeat(1048576 - head.length - 12)}"}`,
      );
      await page.waitForFunction(() =>
        (localStorage['segform.jsonText'] ?? '').includes('dddd'),
      );
      const before = await savedText(page);
      await page.click('#reset-button');
      assert.equal(
        await page.textContent('#import-status'),
        "The request's inputs were not reset: with the defaults, the text " +
          'would be longer than 1 MiB, the most this page checks and saves.',
      );
      assert.equal(await page.inputValue('#field-budgetMilliNodeHours'), '');
      assert.ok((await savedText(page)) === before, 'the text changed');
    });
  },
);

// A line of many tokens is slow to draw long before 20,000 characters:
// typing in a line of 9,900 numbers took seconds a keystroke.
test(
  'dense line turns highlighting off',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await waitForEditor(page);
      // 596 commas, a colon and four brackets: one over the limit.
      const numbers = Array.from({ length: 597 }, (_, i) => i);
      await setEditorText(page, `{"x": [${numbers.join(',')}]}`);
      await page.locator(longLinePanel).waitFor();
      assert.equal(await countHighlightedTokens(page), 0);
      // One number fewer is within it.
      await setEditorText(page, `{"x": [${numbers.slice(1).join(',')}]}`);
      await page.locator(longLinePanel).waitFor({ state: 'detached' });
      assert.ok((await countHighlightedTokens(page)) > 0);
    });
  },
);
