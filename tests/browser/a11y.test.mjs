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

// Taller than the editor, so that it scrolls, with a line that turns
// highlighting off and shows the editor's panel.
const fileWithLongLine = `{\n  "baseModelId": "${'7'.repeat(20_001)}"${Array.from(
  { length: 60 },
  (_, i) => `,\n  "key${i}": ${i}`,
).join('')}\n}\n`;

const textsByVariant = {
  '': null,
  ' with errors': fileWithErrors,
  ' with a long line': fileWithLongLine,
};

for (const colorScheme of ['light', 'dark']) {
  for (const [variant, text] of Object.entries(textsByVariant)) {
    test(`axe ${colorScheme}${variant}`, { timeout: testTimeout }, async () => {
      await withPage(session, {}, async ({ page }) => {
        await page.emulateMedia({ colorScheme });
        await page.locator('#editor-root .cm-content').waitFor();
        if (text !== null) {
          await importFile(page, 'inputs.json', text);
        }
        if (text === fileWithLongLine) {
          await page.locator('#editor-root .cm-long-line-panel').waitFor();
        }
        const { violations } = await new AxeBuilder({ page }).analyze();
        const summary = violations.map(
          (violation) =>
            `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
        );
        assert.deepEqual(summary, []);
      });
    });
  }
}

// axe-core passes a control drawn on a gradient, which CodeMirror gives its
// panels' buttons, so the contrast of the search and go-to-line panels'
// controls is computed here: at least 4.5 to 1, in both colour schemes.
for (const colorScheme of ['light', 'dark']) {
  test(
    `editor panels readable ${colorScheme}`,
    { timeout: testTimeout },
    async () => {
      await withPage(session, {}, async ({ page }) => {
        await page.emulateMedia({ colorScheme });
        // A word given twice, so that selecting one marks the other.
        await importFile(
          page,
          'twice.json',
          '{\n  "baseModelId": "abc",\n  "other": "abc",\n  "budgetMilliNodeHours": 50000\n}',
        );
        const word = '#editor-root .cm-line >> nth=1 >> text=abc';
        await page.dblclick(word);
        await page.keyboard.press('Control+f');
        await page.keyboard.type('budget');
        // The go-to-line key works in the text, not in the search field.
        await page.dblclick(word);
        await page.locator('#editor-root .cm-selectionMatch').waitFor();
        await page.keyboard.press('Control+Alt+g');
        await page.keyboard.type('3');
        await page.locator('#editor-root .cm-goto-line').waitFor();
        const controls = await page.evaluate(() => {
          const root = document.getElementById('editor-root').shadowRoot;
          const channels = (colour) => colour.match(/[\d.]+/g).map(Number);
          const luminance = (colour) => {
            const [r, g, b] = channels(colour).map((value) => {
              const c = value / 255;
              return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
            });
            return 0.2126 * r + 0.7152 * g + 0.0722 * b;
          };
          // The first background at or above the element that is not
          // transparent. A translucent one fails the check below.
          const backgroundOf = (element) => {
            for (let at = element; at; at = at.parentElement) {
              const colour = getComputedStyle(at).backgroundColor;
              if (channels(colour)[3] !== 0) return colour;
            }
            return getComputedStyle(document.body).backgroundColor;
          };
          // The panels' controls, and the text of the search's matches and
          // of the selected word's other places, whose token colours are
          // drawn over the marks' backgrounds.
          const matchText = [
            ...root.querySelectorAll(
              '.cm-searchMatch, .cm-searchMatch *, .cm-selectionMatch, .cm-selectionMatch *',
            ),
          ].filter((element) => element.childNodes[0]?.nodeType === 3);
          return [
            ...root.querySelectorAll('.cm-panel input, .cm-panel button'),
            ...matchText,
          ].map((element) => {
            const style = getComputedStyle(element);
            const background = backgroundOf(element);
            const [lighter, darker] = [
              luminance(style.color),
              luminance(background),
            ].sort((a, b) => b - a);
            return {
              translucent: (channels(background)[3] ?? 1) < 1,
              panel: element.closest('.cm-goto-line')
                ? 'go to line'
                : element.closest('.cm-searchMatch')
                  ? 'match'
                  : element.closest('.cm-selectionMatch')
                    ? 'selection match'
                    : 'search',
              name: element.name || element.textContent,
              image: style.backgroundImage,
              contrast: (lighter + 0.05) / (darker + 0.05),
            };
          });
        });
        // The search panel's fields and buttons, the go-to-line field and
        // button, the matches of "budget" and the other "abc".
        assert.ok(controls.length >= 8, JSON.stringify(controls));
        assert.ok(
          controls.some((control) => control.panel === 'go to line'),
          JSON.stringify(controls),
        );
        for (const panel of ['match', 'selection match']) {
          assert.ok(
            controls.some((control) => control.panel === panel),
            `${panel}: ${JSON.stringify(controls)}`,
          );
        }
        for (const control of controls) {
          assert.equal(control.image, 'none', control.name);
          assert.equal(control.translucent, false, control.name);
          assert.ok(
            control.contrast >= 4.5,
            `${control.name}: ${control.contrast.toFixed(2)}`,
          );
        }
      });
    },
  );
}

// The editor's text box reports to assistive technology whether the text has an
// error, and how many findings it has, since the list of them is outside
// its shadow root.
test(
  'editor text box states its findings',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      const content = page.locator('#editor-root .cm-content');
      await content.waitFor();
      assert.equal(await content.getAttribute('aria-invalid'), 'false');
      assert.equal(
        await content.getAttribute('aria-description'),
        'No problems found.',
      );

      await importFile(page, 'inputs.json', fileWithErrors);
      assert.equal(await content.getAttribute('aria-invalid'), 'true');
      assert.equal(
        await content.getAttribute('aria-description'),
        '3 errors, 1 warning.',
      );

      // Only warnings: not invalid, and still described.
      await importFile(page, 'inputs.json', '{"modelType":0}');
      assert.equal(await content.getAttribute('aria-invalid'), 'false');
      assert.equal(
        await content.getAttribute('aria-description'),
        '1 warning.',
      );
    });
  },
);

// The notice bars hold buttons, so they are no live region: a screen reader
// would read "Undo" with the notice. Their texts alone are announced.
test(
  'notices are announced without buttons',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      assert.equal(await page.getAttribute('#notice-bars', 'role'), null);
      assert.equal(
        await page.getAttribute('#notice-announcer', 'role'),
        'status',
      );
      const announced = () => page.textContent('#notice-announcer');
      await importFile(page, 'first.json', '{"modelType":0}');
      await page.locator('#undo-bar').waitFor();
      const description = await page.textContent('#undo-description');
      assert.match(description, /first\.json/);
      await page.waitForFunction(
        (text) =>
          document.getElementById('notice-announcer').textContent === text,
        description,
      );
      assert.equal(await announced(), description);

      // A new notice in the same bar is announced in its turn.
      await importFile(page, 'second.json', '{}');
      const next = await page.textContent('#undo-description');
      assert.match(next, /second\.json/);
      await page.waitForFunction(
        (text) =>
          document.getElementById('notice-announcer').textContent === text,
        next,
      );
    });
  },
);

// On a small screen, a dialog that lists 100 findings keeps its heading and
// its buttons in view: the list scrolls inside it.
test('long export dialog fits a phone', { timeout: testTimeout }, async () => {
  const viewport = { width: 360, height: 640 };
  await withPage(session, { viewport }, async ({ page }) => {
    const keys = Array.from({ length: 150 }, (_, i) => `"k${i}": ${i}`);
    await importFile(page, 'many.json', `{${keys.join(', ')}}`);
    await page.click('#export-button');
    await page.locator('#confirm-dialog[open]').waitFor();
    for (const selector of [
      '#confirm-heading',
      '#confirm-cancel',
      '#confirm-accept',
    ]) {
      const box = await page.locator(selector).boundingBox();
      assert.ok(
        box.y >= 0 && box.y + box.height <= viewport.height,
        `${selector} at ${box.y}`,
      );
    }
    assert.equal(await page.locator('#confirm-list li').count(), 100);
    const { violations } = await new AxeBuilder({ page }).analyze();
    assert.deepEqual(
      violations.map((violation) => violation.id),
      [],
    );
  });
});
