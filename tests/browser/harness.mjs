// Shared set-up for the browser tests. Each test file starts one server and
// one Chromium, and each test gets a fresh browser context. Guards in that
// context record console errors, page errors, Content-Security-Policy
// violations, dialogs and requests to any other origin, and withPage() fails
// the test on any of them.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

import { startServer } from '../../scripts/serve.mjs';
import { readSavedRecord } from '../../web/saved-text.js';

// The flags keep Chromium from dialling out and let it run as root.
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Hang guard for one test. A passing test takes about a second. */
export const testTimeout = 30_000;

export const casesFolder = new URL('../cases/', import.meta.url);

/** Starts the page server and Chromium. Call close() when the file ends. */
export async function startSession() {
  const { server, url } = await startServer({ port: 0 });
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: chromiumArgs,
    });
  } catch (error) {
    server.close();
    throw error;
  }
  return {
    url,
    browser,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * Starts one server and Chromium for the calling test file, before its
 * first test, and closes them after its last. Returns the session object,
 * whose url, browser and close() are set once the file's tests begin.
 */
export function useSession() {
  const session = {};
  before(async () => {
    Object.assign(session, await startSession());
  });
  after(async () => {
    await session.close?.();
  });
  return session;
}

/**
 * Runs `body({page, context, problems})` in a fresh context with the page
 * loaded, then closes the context and asserts that no guard fired.
 *
 * Options:
 *   permissions, viewport, colorScheme  passed to the new context
 *   expectedProblems  patterns of problems the test provokes on purpose
 *   waitForValidator  wait until the validator reports it loaded (default true)
 *   beforeLoad(context)  runs before the page opens
 */
export async function withPage(session, options, body) {
  const {
    permissions = [],
    expectedProblems = [],
    waitForValidator = true,
    beforeLoad,
    viewport,
    colorScheme,
  } = options;
  const context = await session.browser.newContext({
    acceptDownloads: true,
    permissions,
    ...(viewport ? { viewport } : {}),
    ...(colorScheme ? { colorScheme } : {}),
  });
  const problems = [];
  try {
    await guardContext(context, session.url, problems);
    if (beforeLoad) {
      await beforeLoad(context);
    }
    const page = await context.newPage();
    guardPage(page, problems);
    await page.goto(session.url);
    if (waitForValidator) {
      await page.locator('#validator-status.status-ok').waitFor();
    }
    await body({ page, context, problems });
    // Violation reports arrive asynchronously, so let pending ones land.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  } finally {
    await context.close();
  }
  const unexpected = problems.filter(
    (problem) => !expectedProblems.some((pattern) => pattern.test(problem)),
  );
  assert.deepEqual(unexpected, [], 'the page logged errors or broke a guard');
}

async function guardContext(context, serverUrl, problems) {
  const origin = new URL(serverUrl).origin;
  // Requests to any other origin are recorded and never leave the machine.
  await context.route('**/*', (route) => {
    const requestUrl = route.request().url();
    if (new URL(requestUrl).origin === origin) {
      return route.continue();
    }
    problems.push(`request to another origin: ${requestUrl}`);
    return route.abort();
  });
  await context.exposeFunction('reportViolationToTest', (text) => {
    problems.push(`CSP violation: ${text}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      window.reportViolationToTest(
        `${event.violatedDirective} blocked ${event.blockedURI}`,
      );
    });
  });
}

/** Opens another tab of the page and returns it once its validator loads. */
export async function openOtherTab(session, context) {
  const other = await context.newPage();
  await other.goto(session.url);
  await other.locator('#validator-status.status-ok').waitFor();
  return other;
}

// Pages whose next beforeunload dialog the guard accepts.
const leavingExpected = new WeakSet();

/**
 * Reloads a page that must show a leave-page prompt, since it contains
 * edits it could not save, and accepts the prompt.
 */
export async function reloadPastPrompt(page) {
  leavingExpected.add(page);
  await page.reload();
  assert.equal(
    leavingExpected.has(page),
    false,
    'the page did not ask before it was left',
  );
}

/**
 * Records a page's console errors and Content-Security-Policy messages,
 * page errors, dialogs and requests with schemes other than http(s), data
 * and blob into problems.
 */
export function guardPage(page, problems) {
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error') {
      problems.push(`console error: ${text}`);
    } else if (/Content.Security.Policy/i.test(text)) {
      problems.push(`console CSP message: ${text}`);
    }
  });
  page.on('pageerror', (error) =>
    problems.push(`page error: ${error.message}`),
  );
  page.on('dialog', (dialog) => {
    if (dialog.type() === 'beforeunload' && leavingExpected.delete(page)) {
      dialog.accept().catch(() => {});
      return;
    }
    problems.push(`dialog opened: ${dialog.type()} ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'http:' || url.protocol === 'https:') {
      return;
    }
    if (url.protocol !== 'data:' && url.protocol !== 'blob:') {
      problems.push(`request with scheme ${url.protocol} ${request.url()}`);
    }
  });
}

/**
 * Imports a file through the file picker and waits until the import status
 * shows the result of this import (the status is replaced on every import).
 */
export async function importFile(page, name, bytes) {
  const previous = await page.evaluateHandle(
    () => document.getElementById('import-status').firstChild,
  );
  await page.setInputFiles('#import-input', {
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(bytes),
  });
  // A file with errors imported before the editor has loaded waits for
  // it. The status that reports the wait is not yet the result.
  await page.waitForFunction((before) => {
    const status = document.getElementById('import-status');
    const current = status.firstChild;
    return (
      current !== null &&
      current !== before &&
      !status.textContent.includes('so it loads once the editor has loaded.')
    );
  }, previous);
  await previous.dispose();
}

/** Reads the input bytes of the case tests/cases/NAME.in. */
export function readCase(name) {
  return readFile(new URL(`${name}.in`, casesFolder));
}

/** Reads the values the form controls show, by field JSON name. */
export function readFormValues(page) {
  return page.evaluate(() => {
    const values = {};
    for (const control of document.querySelectorAll(
      '#fields input, #fields select',
    )) {
      values[control.name] = control.value;
    }
    return values;
  });
}

/** Lists the findings shown next to one field, as {code, path, severity, text}. */
export function fieldFindings(page, jsonName) {
  return page.$$eval(
    `#field-${jsonName}-findings [data-code]`,
    describeFindingElements,
  );
}

/** Lists every finding element on the page, as {code, path, severity, text}. */
export function allFindings(page) {
  return page.$$eval('[data-code]', describeFindingElements);
}

function describeFindingElements(items) {
  return items.map((item) => ({
    code: item.dataset.code,
    path: item.dataset.path,
    severity: item.dataset.severity,
    text: item.textContent,
  }));
}

/** Reads the text of the JSON preview, or null while it is hidden. */
export function readPreview(page) {
  return page.evaluate(() => {
    const preview = document.getElementById('preview');
    return preview.hidden ? null : preview.textContent;
  });
}

/** Clicks Export and returns {fileName, text} of the download. */
export async function exportDownload(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('#export-button'),
  ]);
  const path = await download.path();
  return {
    fileName: download.suggestedFilename(),
    text: await readFile(path, 'utf8'),
  };
}

/**
 * Returns the text the page has saved in localStorage, or null when there
 * is none or it is in no format the page reads.
 */
export async function savedText(page) {
  // Sent as JSON, which escapes a lone surrogate that the driver would
  // otherwise turn into U+FFFD.
  const record = JSON.parse(
    await page.evaluate(() =>
      JSON.stringify(localStorage.getItem('segform.jsonText')),
    ),
  );
  return record === null ? null : readSavedRecord(record);
}

/** Waits until the saved text, or null, passes check(). */
export async function waitForSavedText(page, check, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  let text = await savedText(page);
  while (!check(text)) {
    if (Date.now() > deadline) {
      assert.fail(
        `the saved text did not pass the check within ${timeoutMs} ms; ` +
          `it is ${text === null ? 'null' : `${text.length} units long`}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    text = await savedText(page);
  }
  return text;
}
