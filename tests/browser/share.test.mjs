// Share links: the text travels in the URL fragment, opens in a fresh
// browser, asks before it replaces saved work, and is refused when the link
// would be too long.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import {
  openOtherTab,
  savedText,
  testTimeout,
  useSession,
  waitForSavedText,
  withPage,
} from './harness.mjs';

const budget = '#field-budgetMilliNodeHours';
const clipboard = ['clipboard-read', 'clipboard-write'];

const session = useSession();

/** Loads the page anew at this URL, as a link opened from elsewhere does. */
async function openLink(page, link) {
  await page.goto('about:blank');
  await page.goto(link);
  await page.locator('#validator-status.status-ok').waitFor();
}

/** Sets the budget and returns the share link the page copies. */
async function copyLinkWithBudget(page, value) {
  await page.fill(budget, value);
  await page.click('#share-button');
  await page.locator('#action-status', { hasText: 'Copied a link' }).waitFor();
  return page.evaluate(() => navigator.clipboard.readText());
}

test(
  'shared link round-trips into a fresh browser',
  { timeout: testTimeout },
  async () => {
    let link;
    await withPage(session, { permissions: clipboard }, async ({ page }) => {
      link = await copyLinkWithBudget(page, '250000');
    });
    assert.ok(link.startsWith(`${session.url}#state=`), link);

    await withPage(session, {}, async ({ page }) => {
      // A browser that never saved anything for this page.
      await page.evaluate(() => localStorage.clear());
      await openLink(page, link);
      assert.equal(await page.inputValue(budget), '250000');
      assert.match(
        await page.textContent('#import-status'),
        /Opened the inputs from the shared link/,
      );
      assert.equal(await page.locator('[data-severity="error"]').count(), 0);
      assert.match(
        await page.textContent('#preview'),
        /"budgetMilliNodeHours": "250000"/,
      );
      // The fragment is dropped once read, so a reload shows the saved text.
      assert.equal(new URL(page.url()).hash, '');
    });
  },
);

// Without the clipboard, Copy share link once showed a JavaScript error
// ("Cannot read properties of undefined") and gave no way to the link.
test(
  'share link shown without clipboard',
  { timeout: testTimeout },
  async () => {
    const setups = [
      {
        name: 'denied',
        script: () => {
          navigator.clipboard.writeText = () =>
            Promise.reject(
              new DOMException('Write permission denied.', 'NotAllowedError'),
            );
        },
        status:
          /^Copying the link failed: .*Write permission denied.*\. The link is in the field below: copy it from there\.$/,
      },
      {
        name: 'missing',
        script: () => {
          Object.defineProperty(Navigator.prototype, 'clipboard', {
            get: () => undefined,
          });
        },
        status:
          /^This browser gives the page no clipboard access, so the link is in the field below: copy it from there\.$/,
      },
    ];
    for (const { name, script, status } of setups) {
      let link;
      const options = {
        beforeLoad: (context) => context.addInitScript(script),
      };
      await withPage(session, options, async ({ page }) => {
        await page.fill(budget, '250000');
        await page.click('#share-button');
        assert.match(await page.textContent('#action-status'), status, name);
        link = await page.inputValue('#share-link');
        assert.equal(
          await page.evaluate(() => document.activeElement.id),
          'share-link',
          name,
        );
        // An edit leaves the link out of date, so it goes.
        await page.fill(budget, '260000');
        assert.equal(await page.isHidden('#share-link'), true, name);
      });
      assert.ok(link.startsWith(`${session.url}#state=`), link);
      await withPage(session, {}, async ({ page }) => {
        await openLink(page, link);
        assert.equal(await page.inputValue(budget), '250000', name);
      });
    }
  },
);

// The link's notice once replaced the one about the saved text set aside,
// so the user never learnt that it existed or where it was kept.
test(
  'link opened over unreadable saved text',
  { timeout: testTimeout },
  async () => {
    let link;
    await withPage(session, { permissions: clipboard }, async ({ page }) => {
      link = await copyLinkWithBudget(page, '250000');
    });
    await withPage(session, {}, async ({ page }) => {
      const unread = '{"format": "segform-json-text-9", "text": "{}"}';
      await page.evaluate(
        (value) => localStorage.setItem('segform.jsonText', value),
        unread,
      );
      await openLink(page, link);
      assert.equal(await page.inputValue(budget), '250000');
      assert.equal(
        await page.textContent('#import-status'),
        'Opened the inputs from the shared link. The text saved in this ' +
          "browser is not in a format this page reads, so the shared link's " +
          "inputs are shown. That text is kept in this browser's storage, " +
          'under the key segform.jsonText.unread.',
      );
      assert.equal(
        await page.evaluate(() =>
          localStorage.getItem('segform.jsonText.unread'),
        ),
        unread,
      );
    });
  },
);

test(
  'shared link asks before replacing saved work',
  { timeout: testTimeout },
  async () => {
    await withPage(session, { permissions: clipboard }, async ({ page }) => {
      const link = await copyLinkWithBudget(page, '250000');
      await page.fill(budget, '300000'); // saved work that differs from the link

      await openLink(page, link);
      await page.locator('#share-dialog[open]').waitFor();
      await page.keyboard.press('Escape');
      // The page reports the choice once the dialog's close event has run.
      await page
        .locator('#import-status', { hasText: 'Kept your saved text' })
        .waitFor();
      assert.equal(await page.inputValue(budget), '300000');
      // Focus moves on from the closed dialog, not to the page's body.
      assert.equal(
        await page.evaluate(() => document.activeElement.id),
        'field-modelType',
      );

      await openLink(page, link);
      await page.locator('#share-dialog[open]').waitFor();
      await page.click('#share-accept');
      await page
        .locator('#import-status', {
          hasText: 'Opened the inputs from the shared link',
        })
        .waitFor();
      assert.equal(await page.inputValue(budget), '250000');
      assert.equal(
        await page.evaluate(() => document.activeElement.id),
        'undo-button',
      );
      await page.click('#undo-button');
      assert.equal(await page.inputValue(budget), '300000');
    });
  },
);

test(
  'a link pasted into the open page asks too',
  { timeout: testTimeout },
  async () => {
    await withPage(session, { permissions: clipboard }, async ({ page }) => {
      const link = await copyLinkWithBudget(page, '250000');
      await page.fill(budget, '300000');
      await page.evaluate((url) => {
        window.location.href = url;
      }, link);
      await page.locator('#share-dialog[open]').waitFor();
      await page.click('#share-accept');
      assert.equal(await page.inputValue(budget), '250000');
    });
  },
);

/** Goes to the link from the open page, as pasting it into the address bar does. */
function pasteLink(page, link) {
  return page.evaluate((url) => {
    window.location.href = url;
  }, link);
}

test('link during export cancels it', { timeout: testTimeout }, async () => {
  await withPage(session, { permissions: clipboard }, async ({ page }) => {
    const link = await copyLinkWithBudget(page, '250000');
    // A budget out of range makes Copy ask first.
    await page.fill(budget, '5000');
    await page.click('#copy-button');
    await page.locator('#confirm-dialog[open]').waitFor();
    await pasteLink(page, link);
    await page.locator('#share-dialog[open]').waitFor();
    await page.click('#share-accept');
    // The export dialog described the text the link replaced.
    assert.equal(await page.locator('#confirm-dialog[open]').count(), 0);
    assert.equal(await page.inputValue(budget), '250000');
    assert.equal(
      await page.textContent('#action-status'),
      'Nothing was copied, because the text changed while the dialog was open.',
    );
  });
});

test('later link replaces pending link', { timeout: testTimeout }, async () => {
  // The first link is pasted into the open page, or loads the page anew,
  // as a click on a link does. The second is pasted while the dialog is
  // open.
  for (const openFirst of [pasteLink, openLink]) {
    await withPage(session, { permissions: clipboard }, async ({ page }) => {
      const first = await copyLinkWithBudget(page, '250000');
      const second = await copyLinkWithBudget(page, '260000');
      await page.fill(budget, '300000');
      await openFirst(page, first);
      await page.locator('#share-dialog[open]').waitFor();
      await pasteLink(page, second);
      await page.waitForFunction(() => window.location.hash === '');
      await page.click('#share-accept');
      assert.equal(await page.inputValue(budget), '260000', openFirst.name);
      assert.equal(await page.locator('#share-dialog[open]').count(), 0);
    });
  }
});

test(
  'unchanged or broken link closes dialog',
  { timeout: testTimeout },
  async () => {
    await withPage(session, { permissions: clipboard }, async ({ page }) => {
      const first = await copyLinkWithBudget(page, '250000');
      const own = await copyLinkWithBudget(page, '300000');
      await pasteLink(page, first);
      await page.locator('#share-dialog[open]').waitFor();
      // A link to the text the page shows leaves nothing to open.
      await pasteLink(page, own);
      await page
        .locator('#share-dialog:not([open])')
        .waitFor({ state: 'attached' });
      assert.equal(await page.inputValue(budget), '300000');

      // A broken link closes it too, with a status that names the problem.
      await pasteLink(page, first);
      await page.locator('#share-dialog[open]').waitFor();
      await pasteLink(page, `${session.url}#state=%%%`);
      await page
        .locator('#import-status', { hasText: 'could not be read' })
        .waitFor();
      assert.equal(await page.locator('#share-dialog[open]').count(), 0);
      assert.equal(await page.inputValue(budget), '300000');
    });
  },
);

test(
  'CRLF link text edits like LF text',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      const crlf =
        '{\r\n  "modelType": "CLOUD_HIGH_ACCURACY_1",\r\n' +
        '  "budgetMilliNodeHours": 5000\r\n}\r\n';
      await openLink(
        page,
        `${session.url}#state=${Buffer.from(crlf).toString('base64url')}`,
      );
      await page.locator('#editor-root .cm-content').waitFor();
      assert.equal(
        await page.textContent('#editor-root .cm-lintRange-error'),
        '5000',
      );

      await page.fill('#field-baseModelId', 'abc');
      await page.fill(budget, '250000');
      const expected =
        '{\n  "modelType": "CLOUD_HIGH_ACCURACY_1",\n' +
        '  "budgetMilliNodeHours": 250000,\n  "baseModelId": "abc"\n}\n';
      await page.waitForFunction((text) => {
        const lines = [
          ...document
            .getElementById('editor-root')
            .shadowRoot.querySelectorAll('.cm-line'),
        ].map((line) => line.textContent);
        return lines.join('\n') === text;
      }, expected);
      await page.evaluate(() =>
        window.dispatchEvent(new PageTransitionEvent('pagehide')),
      );
      assert.equal(await savedText(page), expected);
    });
  },
);

test(
  'a CRLF link opened twice asks nothing',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      const crlf = '{\r\n  "budgetMilliNodeHours": "250000"\r\n}\r\n';
      const link = `${session.url}#state=${Buffer.from(crlf).toString('base64url')}`;
      await openLink(page, link);
      assert.equal(await page.inputValue(budget), '250000');
      // The saved text has LF line ends. It is the link's text all the same,
      // so the second opening shows no dialog and drops the fragment at once.
      await openLink(page, link);
      await page.waitForFunction(() => window.location.hash === '', null, {
        timeout: 5_000,
      });
      assert.equal(await page.locator('#share-dialog[open]').count(), 0);
      assert.match(
        await page.textContent('#import-status'),
        /Opened the inputs from the shared link/,
      );
    });
  },
);

test(
  'the newest edit of two tabs is kept',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page, context }) => {
      const other = await openOtherTab(session, context);
      // This tab's save waits for its timer while the other tab, edited
      // later, closes and saves at once.
      await page.fill(budget, '211111');
      await other.fill(budget, '222222');
      await other.close({ runBeforeUnload: true });
      await page.waitForTimeout(600);
      assert.match(await savedText(page), /222222/);
    });
  },
);

test(
  'a link over 8 KB is refused with a message',
  { timeout: testTimeout },
  async () => {
    await withPage(session, { permissions: clipboard }, async ({ page }) => {
      await page.evaluate(() => navigator.clipboard.writeText('before'));
      await page.fill('#field-baseModelId', 'a'.repeat(7000));
      await page.click('#share-button');
      // The lengths are grouped by thousands, as elsewhere on the page.
      assert.match(
        await page.textContent('#action-status'),
        /^These inputs are too long for a link \(\d{1,3}(,\d{3})+ characters, over 8,192\)\./,
      );
      assert.equal(
        await page.evaluate(() => navigator.clipboard.readText()),
        'before',
      );
    });
  },
);

test(
  'an unreadable shared link changes nothing',
  { timeout: testTimeout },
  async () => {
    await withPage(session, {}, async ({ page }) => {
      await openLink(page, `${session.url}#state=%%%`);
      assert.match(
        await page.textContent('#import-status'),
        /could not be read/,
      );
      assert.match(await page.textContent('#import-status'), /not base64url/);
      assert.doesNotMatch(await page.textContent('#import-status'), /atob/);
      assert.equal(await page.inputValue(budget), '192000');
    });
  },
);

/**
 * Pastes text into the editor at its caret with a paste event built in the
 * page, since the driver would send U+FFFD for a lone surrogate.
 */
function pasteIntoEditor(page, text) {
  return page.evaluate((pasted) => {
    const content = document
      .getElementById('editor-root')
      .shadowRoot.querySelector('.cm-content');
    content.focus();
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    content.dispatchEvent(
      new ClipboardEvent('paste', {
        clipboardData: data,
        bubbles: true,
        cancelable: true,
      }),
    );
  }, text);
}

test(
  'half a surrogate pair is not shared',
  { timeout: testTimeout },
  async () => {
    await withPage(session, { permissions: clipboard }, async ({ page }) => {
      await page.locator('#editor-root .cm-content').waitFor();
      await pasteIntoEditor(page, '{"baseModelId": "m\uD800"}');
      await page.locator('[data-code="json.invalid_utf8"]').first().waitFor();
      await page.evaluate(() => navigator.clipboard.writeText('unchanged'));
      await page.click('#share-button');
      assert.equal(
        await page.textContent('#action-status'),
        'These inputs contain half of a surrogate pair, which a link cannot carry. Fix the ' +
          'invalid UTF-8 error first.',
      );
      assert.equal(
        await page.evaluate(() => navigator.clipboard.readText()),
        'unchanged',
      );

      // Exported as written, the half becomes U+FFFD, as UTF-8 needs, and
      // the status reports it, which it once did not.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        (async () => {
          await page.click('#export-button');
          await page.click('#confirm-accept');
        })(),
      ]);
      const bytes = await readFile(await download.path());
      // The paste went before the default text.
      assert.ok(
        bytes.toString('utf8').startsWith('{"baseModelId": "m\uFFFD"}{'),
      );
      assert.equal(
        await page.textContent('#action-status'),
        'Downloaded training-inputs.json. It is the text as written, with 1 ' +
          'error. Half of a surrogate pair in it was written as U+FFFD, since ' +
          'UTF-8 cannot carry it.',
      );
      // More than one are counted.
      await pasteIntoEditor(page, '\uDC00\uDBFF');
      await Promise.all([
        page.waitForEvent('download'),
        (async () => {
          await page.click('#export-button');
          await page.click('#confirm-accept');
        })(),
      ]);
      assert.equal(
        await page.textContent('#action-status'),
        'Downloaded training-inputs.json. It is the text as written, with 1 ' +
          'error. 3 halves of surrogate pairs in it were written as U+FFFD, ' +
          'since UTF-8 cannot carry them.',
      );

      // Copy reports them too, which it once left out. Whether they stay
      // depends on the system's clipboard, so the status states they may not.
      await page.click('#copy-button');
      await page.click('#confirm-accept');
      await page.waitForFunction(() =>
        document
          .getElementById('action-status')
          .textContent.startsWith('Copied'),
      );
      assert.equal(
        await page.textContent('#action-status'),
        'Copied the JSON to the clipboard. It is the text as written, with 1 ' +
          'error. It has 3 halves of surrogate pairs, which may be pasted as ' +
          'U+FFFD, depending on the system.',
      );
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.ok(copied.startsWith('{"baseModelId": "m'));
    });
  },
);

test('link opened in place keeps focus', { timeout: testTimeout }, async () => {
  await withPage(session, { permissions: clipboard }, async ({ page }) => {
    // A link to inputs with an error, pasted into the address bar of the
    // open page: only the fragment changes, and the dialog opens.
    const link = await copyLinkWithBudget(page, '5000');
    await page.fill(budget, '300000');
    await page.focus(budget);
    await page.evaluate((hash) => {
      window.location.hash = hash;
    }, new URL(link).hash);
    await page.locator('#share-dialog[open]').waitFor();
    await page.keyboard.press('Escape');
    await page
      .locator('#import-status', { hasText: 'Kept your saved text' })
      .waitFor();
    // Focus goes back to where it was, not to the first field.
    assert.equal(
      await page.evaluate(() => document.activeElement.id),
      'field-budgetMilliNodeHours',
    );

    await page.evaluate((hash) => {
      window.location.hash = hash;
    }, new URL(link).hash);
    await page.locator('#share-dialog[open]').waitFor();
    await page.click('#share-accept');
    await page
      .locator('#import-status', { hasText: 'Opened the inputs' })
      .waitFor();
    assert.equal(
      await page.textContent('#import-status'),
      'Opened the inputs from the shared link. It has 1 error to fix before export.',
    );
  });
});

test('link to open inputs shows status', { timeout: testTimeout }, async () => {
  await withPage(session, { permissions: clipboard }, async ({ page }) => {
    const otherLink = await copyLinkWithBudget(page, '300000');
    // The second copy's status matches the first one's, so the clipboard
    // is emptied to detect when the second link is in it.
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await page.fill(budget, '250000');
    await page.click('#share-button');
    let sameLink = '';
    while (sameLink === '') {
      sameLink = await page.evaluate(() => navigator.clipboard.readText());
    }
    assert.notEqual(sameLink, otherLink);
    const textBefore = await waitForSavedText(page, (text) =>
      /: 250000\b/.test(text ?? ''),
    );

    // Pasted into the address bar of the page that shows those inputs.
    await page.evaluate((hash) => {
      window.location.hash = hash;
    }, new URL(sameLink).hash);
    // Without the status, this fails here, within the time given.
    await page
      .locator('#import-status', { hasText: 'already open' })
      .waitFor({ timeout: 5_000 });
    assert.equal(
      await page.textContent('#import-status'),
      "The shared link's inputs are already open, so nothing was changed.",
    );
    await page.waitForFunction(() => window.location.hash === '');
    assert.equal(await savedText(page), textBefore);

    // A link to other inputs opens the dialog. The link to the open
    // inputs, pasted after it, closes it without changing the text.
    await page.evaluate((hash) => {
      window.location.hash = hash;
    }, new URL(otherLink).hash);
    await page.locator('#share-dialog[open]').waitFor();
    await page.evaluate((hash) => {
      window.location.hash = hash;
    }, new URL(sameLink).hash);
    await page
      .locator('#share-dialog:not([open])')
      .waitFor({ state: 'attached' });
    assert.equal(
      await page.textContent('#import-status'),
      "The shared link's inputs are already open, so nothing was changed.",
    );
    assert.equal(await page.inputValue(budget), '250000');
    assert.equal(await savedText(page), textBefore);
  });
});
