// The last step of npm run bench: loads the built page in headless Chromium
// and prints what a user downloads and waits for. Bytes come from the Chrome
// DevTools Protocol. Times are taken inside the page on its performance.now()
// clock, which starts at navigation start, so the driver's round trips to
// Chromium are not in them. The one exception is the time to the first
// finding, and its table rows show that round trip on its own. Figures, not
// pass/fail: the script exits non-zero only when a measurement fails, and
// then prints why instead of a number.

import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { build } from 'esbuild';

import { guardPage, startSession } from '../tests/browser/harness.mjs';
import { loadSegform } from '../web/segform.mjs';

const coldLoadCount = 5;
const keystrokesPerLoad = 50;
const bigDocumentKeystrokes = 20;
// Generous, so that a slow machine still finishes. A hang fails the run
// instead of blocking npm run bench.
const waitTimeoutMs = 20_000;

const budgetField = 'budgetMilliNodeHours';
const pageIds = {
  inputId: `field-${budgetField}`,
  findingsId: `field-${budgetField}-findings`,
};
// The page restores its text from this localStorage record (web/app.js).
const storageKey = 'segform.jsonText';
const storageFormat = 'segform-json-text-1';

/** A failed measurement. The script prints its message and exits with 1. */
class MeasurementError extends Error {}

/**
 * Init script: runs in every document of the context before the page's own
 * scripts, and stores its records in window.pageBench.
 */
function instrumentPage({ inputId, findingsId }) {
  const bench = {
    // performance.now() when the observer first saw the budget input and its
    // findings list. That is after the script that built the form and ran
    // the first validation has finished.
    formReadyAt: null,
    // {key, timeStamp} of every keydown, taken in the capture phase.
    keydowns: [],
    // {at, text, codes, value} each time the budget's findings text changed.
    changes: [],
    // {startTime, duration} of every long task (longer than 50 ms).
    longTasks: [],
    longTasksSupported:
      PerformanceObserver.supportedEntryTypes.includes('longtask'),
  };
  window.pageBench = bench;

  const waiters = new Set();
  function wakeWaiters() {
    for (const waiter of waiters) {
      if (waiter.check()) {
        waiters.delete(waiter);
        clearTimeout(waiter.timer);
        waiter.resolve();
      }
    }
  }
  // Resolves once check() is true, checked after every record.
  bench.waitUntil = (check, timeoutMs, description) =>
    new Promise((resolve, reject) => {
      if (check()) {
        resolve();
        return;
      }
      const waiter = { check, resolve };
      waiter.timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for ${description}`,
          ),
        );
      }, timeoutMs);
      waiters.add(waiter);
    });

  window.addEventListener(
    'keydown',
    (event) =>
      bench.keydowns.push({ key: event.key, timeStamp: event.timeStamp }),
    { capture: true },
  );

  if (bench.longTasksSupported) {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        bench.longTasks.push({
          startTime: entry.startTime,
          duration: entry.duration,
        });
      }
    }).observe({ type: 'longtask', buffered: true });
  }

  // A MutationObserver runs right after the script that changed the DOM and
  // before the next paint, so `at` is when the text is in the DOM, not when
  // it is on screen.
  let shownText = '';
  function recordFindings(list) {
    const text = list.textContent;
    if (text === shownText) {
      return;
    }
    shownText = text;
    bench.changes.push({
      at: performance.now(),
      text,
      codes: [...list.querySelectorAll('[data-code]')].map(
        (item) => item.dataset.code,
      ),
      value: document.getElementById(inputId).value,
    });
    wakeWaiters();
  }

  // The form is built once the validator has loaded. Until then the whole
  // document is watched. Afterwards only the budget's findings list is, so
  // the observer adds next to nothing to a keystroke.
  const documentObserver = new MutationObserver(() => {
    const list = document.getElementById(findingsId);
    if (!list || !document.getElementById(inputId)) {
      return;
    }
    documentObserver.disconnect();
    bench.formReadyAt = performance.now();
    new MutationObserver(() => recordFindings(list)).observe(list, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    recordFindings(list);
    wakeWaiters();
  });
  documentObserver.observe(document, { childList: true, subtree: true });
}

/** Init script: stores the page's text record before the page reads it. */
function seedStorage({ origin, key, value }) {
  if (window.location.origin === origin) {
    window.localStorage.setItem(key, value);
  }
}

/**
 * Runs body(page) in a fresh browser context, which starts with an empty
 * cache and empty storage, then closes the context. Page errors, console
 * errors, dialogs and requests to another origin make the measurement fail.
 */
async function withFreshPage(session, { seed } = {}, body) {
  const context = await session.browser.newContext();
  try {
    context.setDefaultTimeout(waitTimeoutMs);
    await context.addInitScript(instrumentPage, pageIds);
    if (seed) {
      await context.addInitScript(seedStorage, seed);
    }
    const page = await context.newPage();
    const problems = [];
    guardPage(page, problems);
    // The tests' route-based guard would delay every request, so other
    // origins are only recorded here.
    const origin = new URL(session.url).origin;
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.protocol.startsWith('http') && url.origin !== origin) {
        problems.push(`request to another origin: ${request.url()}`);
      }
    });
    const result = await body(page);
    if (problems.length > 0) {
      throw new MeasurementError(
        `the page reported problems: ${problems.join('; ')}`,
      );
    }
    return result;
  } finally {
    await context.close();
  }
}

/**
 * Records every HTTP request of the page through the DevTools Protocol:
 * the URL from Network.responseReceived and the bytes on the wire, response
 * headers included, from Network.loadingFinished's encodedDataLength.
 * Timestamps are the protocol's monotonic clock, in seconds.
 */
async function recordNetwork(page) {
  const cdp = await page.context().newCDPSession(page);
  const requests = new Map();
  const entry = (requestId) => {
    if (!requests.has(requestId)) {
      requests.set(requestId, {
        requestId,
        url: null,
        sentAt: null,
        finishedAt: null,
      });
    }
    return requests.get(requestId);
  };
  cdp.on('Network.requestWillBeSent', ({ requestId, request, timestamp }) => {
    if (request.url.startsWith('http')) {
      entry(requestId).sentAt = timestamp;
    }
  });
  cdp.on('Network.responseReceived', ({ requestId, response }) => {
    if (response.url.startsWith('http')) {
      entry(requestId).url = response.url;
    }
  });
  cdp.on(
    'Network.loadingFinished',
    ({ requestId, timestamp, encodedDataLength }) => {
      if (requests.has(requestId)) {
        Object.assign(requests.get(requestId), {
          finishedAt: timestamp,
          bytes: encodedDataLength,
        });
      }
    },
  );
  cdp.on('Network.loadingFailed', ({ requestId, errorText }) => {
    if (requests.has(requestId)) {
      Object.assign(requests.get(requestId), {
        finishedAt: -1,
        error: errorText,
      });
    }
  });
  await cdp.send('Network.enable');

  return {
    /** Resolves once no request has been open for 300 ms. */
    async waitForIdle() {
      const deadline = Date.now() + waitTimeoutMs;
      let quietSince = Date.now();
      while (Date.now() - quietSince < 300) {
        if (Date.now() > deadline) {
          throw new MeasurementError(
            `timed out after ${waitTimeoutMs} ms waiting for the requests to finish`,
          );
        }
        if (
          [...requests.values()].some((request) => request.finishedAt === null)
        ) {
          quietSince = Date.now();
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    /**
     * Lists {path, phase, bytes, gzipBytes} per request. Requests sent before
     * segform.wasm finished loading are in phase 'first', because the page
     * requests its script bundle and the module together and validates as
     * soon as the .wasm is compiled. The rest are 'later'.
     */
    async summarize() {
      const all = [...requests.values()];
      const failed = all.filter((request) => request.error !== undefined);
      if (failed.length > 0) {
        throw new MeasurementError(
          'requests failed: ' +
            failed
              .map((request) => `${request.url} (${request.error})`)
              .join(', '),
        );
      }
      const wasm = all.find((request) =>
        request.url?.endsWith('/gen/segform.wasm'),
      );
      if (!wasm) {
        throw new MeasurementError(
          'the protocol reported no request for gen/segform.wasm',
        );
      }
      const files = [];
      for (const request of all) {
        if (request.sentAt === null) {
          throw new MeasurementError(
            `the protocol reported a response for ${request.url} ` +
              'but no request',
          );
        }
        const { body, base64Encoded } = await cdp.send(
          'Network.getResponseBody',
          { requestId: request.requestId },
        );
        const bodyBytes = Buffer.from(body, base64Encoded ? 'base64' : 'utf8');
        files.push({
          path: new URL(request.url).pathname,
          phase: request.sentAt < wasm.finishedAt ? 'first' : 'later',
          bytes: request.bytes,
          gzipBytes: gzipSync(bodyBytes, { level: 9 }).length,
        });
      }
      return files;
    },
  };
}

/**
 * Presses one key in the focused budget field and waits for the findings
 * text to change. Checks that the field contains `expectedValue` and that a
 * finding naming that value is shown, then returns the milliseconds from
 * the keydown's timeStamp to the change, both on the page's clock.
 */
async function pressAndMeasure(page, key, expectedValue) {
  const before = await page.evaluate(() => ({
    changes: window.pageBench.changes.length,
    keydowns: window.pageBench.keydowns.length,
  }));
  await page.keyboard.press(key);
  const { change, keydowns } = await page.evaluate(
    async ({ changeCount, keydownCount, timeoutMs }) => {
      const bench = window.pageBench;
      await bench.waitUntil(
        () => bench.changes.length > changeCount,
        timeoutMs,
        'a change of the budget findings',
      );
      return {
        change: bench.changes[changeCount],
        keydowns: bench.keydowns.slice(keydownCount),
      };
    },
    {
      changeCount: before.changes,
      keydownCount: before.keydowns,
      timeoutMs: waitTimeoutMs,
    },
  );

  if (keydowns.length !== 1 || keydowns[0].key !== key) {
    throw new MeasurementError(
      `pressing ${key} gave the keydowns ` +
        `${JSON.stringify(keydowns.map((keydown) => keydown.key))}, expected exactly one`,
    );
  }
  if (change.value !== expectedValue) {
    throw new MeasurementError(
      `after pressing ${key} the budget field contains ` +
        `"${change.value}", expected "${expectedValue}"`,
    );
  }
  // The range finding quotes the value typed, so the text changes with it.
  // A full stop may end the message right after the value.
  const quotesValue = new RegExp(
    `(^|[^\\d,.])${expectedValue}(?![\\d,]|\\.\\d)`,
  );
  if (change.codes.length === 0 || !quotesValue.test(change.text)) {
    throw new MeasurementError(
      `after pressing ${key} the budget findings read ` +
        `"${change.text}", which is no finding naming ${expectedValue}`,
    );
  }
  const latency = change.at - keydowns[0].timeStamp;
  if (!(latency >= 0)) {
    throw new MeasurementError(
      `keydown at ${keydowns[0].timeStamp} ms came after the ` +
        `change at ${change.at} ms; the two clocks do not match`,
    );
  }
  return latency;
}

/**
 * Types `count` keys into the budget field, which contains `startValue` (a
 * few digits, far under the 20,000 minimum). Digits and Backspace alternate,
 * so the value gains at most one digit, stays out of range, and every key
 * changes the finding.
 */
async function typeOutOfRangeValues(page, startValue, count) {
  const latencies = [];
  let value = startValue;
  for (let i = 0; i < count; i += 1) {
    const key = i % 2 === 0 ? String(((i / 2) % 9) + 1) : 'Backspace';
    value = key === 'Backspace' ? value.slice(0, -1) : value + key;
    latencies.push(await pressAndMeasure(page, key, value));
  }
  return latencies;
}

/**
 * Focuses the budget field and selects its text once the field exists, and
 * returns performance.now() after that. focus() brings style and layout up
 * to date, which on a fresh page is the first layout of the whole form.
 */
function focusBudgetField(page) {
  return page.evaluate(
    async ({ inputId, timeoutMs }) => {
      const bench = window.pageBench;
      await bench.waitUntil(
        () => bench.formReadyAt !== null,
        timeoutMs,
        'the budget field',
      );
      const input = document.getElementById(inputId);
      input.focus();
      input.select();
      return performance.now();
    },
    { inputId: pageIds.inputId, timeoutMs: waitTimeoutMs },
  );
}

/** Waits until the editor pane, a lazily loaded bundle, is in place. */
async function waitForEditor(page) {
  try {
    await page.waitForFunction(
      () =>
        document.getElementById('editor-loading') === null &&
        document.getElementById('editor-root').shadowRoot !== null,
    );
  } catch (error) {
    const status = await page.evaluate(
      () => document.getElementById('editor-loading')?.textContent,
    );
    throw new MeasurementError(
      `the editor pane did not load (${status ?? error.message})`,
    );
  }
}

/**
 * Measures one cold load of the page with its default text: bytes (1), time
 * to the first finding (2) and keystroke-to-finding latency (3).
 */
function measureColdLoad(session) {
  return withFreshPage(session, {}, async (page) => {
    const network = await recordNetwork(page);
    await page.goto(session.url, { waitUntil: 'commit' });

    // (2) Replace the budget with "5" as soon as the field exists.
    const focusedAt = await focusBudgetField(page);
    const keyToFinding = await pressAndMeasure(page, '5', '5');
    const timings = await page.evaluate(() => {
      const bench = window.pageBench;
      const [navigation] = performance.getEntriesByType('navigation');
      const wasm = performance
        .getEntriesByType('resource')
        .find((entry) => entry.name.endsWith('/gen/segform.wasm'));
      return {
        htmlResponseEnd: navigation.responseEnd,
        wasmResponseEnd: wasm?.responseEnd,
        formReadyAt: bench.formReadyAt,
        keydownAt: bench.keydowns[0].timeStamp,
        firstFindingAt: bench.changes[0].at,
      };
    });
    if (timings.wasmResponseEnd === undefined) {
      throw new MeasurementError(
        'the page has no resource timing entry for gen/segform.wasm',
      );
    }

    // (1) Let the editor pane and anything else lazy arrive, then count.
    await waitForEditor(page);
    await network.waitForIdle();
    const files = await network.summarize();

    // (3) Type after the editor pane has loaded, since that is the page a
    // user types into.
    const latencies = await typeOutOfRangeValues(page, '5', keystrokesPerLoad);
    return {
      files,
      timings: { ...timings, focusedAt, keyToFinding },
      latencies,
    };
  });
}

/**
 * Builds a hostile 1 MiB document: a budget, and then as many unknown keys
 * as fit, one per line, or all on one line without spaces, which fits
 * nearly twice as many. Every keystroke reads all of them, and the page
 * shows the 100 findings the cap keeps.
 */
function buildManyKeysDocument(maxTextBytes, { oneLine = false } = {}) {
  const head = oneLine
    ? '{"budgetMilliNodeHours":"192000"'
    : '{\n  "budgetMilliNodeHours": "192000"';
  const tail = oneLine ? '}' : '\n}\n';
  const members = [];
  let bytes = head.length + tail.length;
  for (let i = 0; ; i += 1) {
    const member = oneLine ? `,"key${i}":${i}` : `,\n  "key${i}": ${i}`;
    if (bytes + member.length > maxTextBytes) break;
    members.push(member);
    bytes += member.length;
  }
  const text = `${head}${members.join('')}${tail}`;
  return {
    text,
    bytes: Buffer.byteLength(text),
    keys: members.length,
    searchQuery: 'key1',
  };
}

/**
 * Builds a document of the three fields plus one unknown field whose string
 * value fills it to 64 bytes under the size limit, so that typing into the
 * budget field (which only shortens it) keeps it under the limit.
 */
function buildBigDocument(maxTextBytes) {
  const head =
    '{\n  "modelType": "CLOUD_HIGH_ACCURACY_1",\n' +
    '  "budgetMilliNodeHours": "192000",\n  "baseModelId": "1234567890",\n  "padding": "';
  const tail = '"\n}\n';
  const text =
    head + 'x'.repeat(maxTextBytes - 64 - head.length - tail.length) + tail;
  return { text, bytes: Buffer.byteLength(text), searchQuery: 'xxxx' };
}

/**
 * (4) Loads the big document from localStorage, waits until the page shows
 * it, types into the budget field, and then types the document's search
 * query into the editor's search panel. Returns the long tasks of loading,
 * of typing in the form and of searching, and the keystroke-to-finding
 * latencies.
 */
function measureBigDocument(
  session,
  { text, searchQuery },
  allowedCodes = ['field.unknown'],
) {
  const origin = new URL(session.url).origin;
  const value = JSON.stringify({ format: storageFormat, text });
  return withFreshPage(
    session,
    { seed: { origin, key: storageKey, value } },
    async (page) => {
      await page.goto(session.url);
      await waitForEditor(page);
      const pageState = await page.evaluate(
        ({ inputId }) => ({
          budget: document.getElementById(inputId).value,
          codes: [...document.querySelectorAll('[data-code]')].map(
            (item) => item.dataset.code,
          ),
        }),
        pageIds,
      );
      if (
        pageState.budget !== '192000' ||
        pageState.codes.length === 0 ||
        pageState.codes.some((code) => !allowedCodes.includes(code))
      ) {
        throw new MeasurementError(
          'the page did not show the 1 MiB document: budget ' +
            `"${pageState.budget}", finding codes [${pageState.codes.join(', ')}]`,
        );
      }

      // Waits for an idle period (at most 5 s), so that the long tasks of
      // loading the document are over before typing starts.
      const typingStartAt = await page.evaluate(async ({ inputId }) => {
        await new Promise((resolve) =>
          requestIdleCallback(resolve, { timeout: 5000 }),
        );
        const input = document.getElementById(inputId);
        input.focus();
        input.select();
        return performance.now();
      }, pageIds);
      const latencies = [await pressAndMeasure(page, '5', '5')];
      const secondKeystrokeAt = await page.evaluate(() => performance.now());
      latencies.push(
        ...(await typeOutOfRangeValues(page, '5', bigDocumentKeystrokes - 1)),
      );

      // (5) Open the editor's search panel and type the query a key at a
      // time. Its first key matches most of the text.
      const searchStartAt = await page.evaluate(
        () =>
          new Promise((resolve) =>
            setTimeout(() => resolve(performance.now()), 200),
          ),
      );
      await page.focus('#editor-root .cm-content');
      await page.keyboard.press('Control+f');
      await page.keyboard.type(searchQuery, { delay: 100 });

      // The observer reports a long task only after it ends, so the last one
      // gets 200 ms to arrive.
      const { supported, longTasks } = await page.evaluate(async () => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        const bench = window.pageBench;
        return {
          supported: bench.longTasksSupported,
          longTasks: bench.longTasks,
        };
      });
      if (!supported) {
        throw new MeasurementError(
          "this Chromium does not report 'longtask' entries",
        );
      }
      const between = (from, to) =>
        longTasks.filter(
          (task) => task.startTime >= from && task.startTime < to,
        );
      return {
        latencies,
        typingLongTasks: between(typingStartAt, searchStartAt),
        laterLongTasks: between(secondKeystrokeAt, searchStartAt),
        loadingLongTasks: between(0, typingStartAt),
        searchLongTasks: between(searchStartAt, Infinity),
      };
    },
  );
}

// The same keystroke-to-text measurement on a bare input whose input event
// sets one list item's text: what Chromium itself costs on this machine,
// the floor under the page's own figure.
async function measureKeystrokeFloor(session) {
  const context = await session.browser.newContext();
  try {
    const page = await context.newPage();
    await page.setContent(
      '<input id="floor-input"><ul id="floor-list"><li>-</li></ul>',
    );
    await page.evaluate(() => {
      const latencies = [];
      let keydownAt = 0;
      window.floorLatencies = latencies;
      window.addEventListener(
        'keydown',
        (event) => {
          keydownAt = event.timeStamp;
        },
        true,
      );
      const list = document.getElementById('floor-list');
      document
        .getElementById('floor-input')
        .addEventListener('input', (event) => {
          list.firstChild.textContent = `got ${event.target.value}`;
        });
      new MutationObserver(() => {
        if (keydownAt !== 0) latencies.push(performance.now() - keydownAt);
        keydownAt = 0;
      }).observe(list, { childList: true, subtree: true, characterData: true });
    });
    await page.click('#floor-input');
    for (let i = 0; i < keystrokesPerLoad; i += 1) {
      await page.keyboard.press(i % 2 === 0 ? '5' : 'Backspace');
    }
    const latencies = await page.evaluate(() => window.floorLatencies);
    if (latencies.length !== keystrokesPerLoad) {
      throw new MeasurementError(
        `the bare input saw ${latencies.length} of ` +
          `${keystrokesPerLoad} keystrokes`,
      );
    }
    return latencies;
  } finally {
    await context.close();
  }
}

// Two bare pages, loaded cold like the page, that tell what the first
// finding costs without the page's own work. Their budget field and its
// findings list are in the HTML, so they exist as soon as it is parsed.
// On the first, a few lines of script write a finding that names the value
// typed: that is Chromium's and the driver's share. The second shows the
// budget's findings from segform's module, loaded as the page loads it,
// which adds the module's download, compile and first call.

// The start of both bare pages' scripts: the field, its findings list, and
// show(findings), which writes {code, message} items into the list.
const floorScriptStart = `
  const input = document.getElementById('${pageIds.inputId}');
  const list = document.getElementById('${pageIds.findingsId}');
  function show(findings) {
    list.replaceChildren(
      ...findings.map((finding) => {
        const item = document.createElement('li');
        item.dataset.code = finding.code;
        item.textContent = finding.message;
        return item;
      }),
    );
  }`;

const floorPages = {
  bare: {
    html: 'bare.html',
    script: 'bare.js',
    // The field may be typed into before the script runs, since a module
    // script waits for the document, so it also shows a value typed
    // earlier, as the page does once it has loaded.
    source: `${floorScriptStart}
      function check() {
        if (input.value === input.defaultValue) return;
        show([{ code: 'floor', message: 'The budget ' + input.value + ' is too small.' }]);
      }
      input.addEventListener('input', check);
      check();`,
  },
  module: {
    html: 'module.html',
    // In gen/, beside segform.wasm, which the module's glue fetches from
    // its own folder.
    script: 'gen/floor.js',
    source: `${floorScriptStart}
      import { loadSegform } from './segform.mjs';
      let segform = null;
      function check() {
        if (segform === null) return;
        show(
          segform.validate(JSON.stringify({ ${budgetField}: input.value }))
            .findings,
        );
      }
      input.addEventListener('input', check);
      loadSegform().then((loaded) => {
        segform = loaded;
        check();
      });`,
  },
};

function floorHtml(script, preloadModule) {
  const preload = preloadModule
    ? '<link rel="preload" href="gen/segform.wasm" as="fetch" ' +
      'type="application/wasm" crossorigin>'
    : '';
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<link rel="icon" href="data:,">' +
    `<title>floor</title><script type="module" src="${script}"></script>` +
    `${preload}</head><body><label for="${pageIds.inputId}">Budget</label>` +
    `<input id="${pageIds.inputId}" value="192000">` +
    `<ul id="${pageIds.findingsId}"></ul></body></html>`
  );
}

/** Starts the server of the bare pages on 127.0.0.1 and returns its URL. */
async function startFloorServer() {
  const files = new Map();
  for (const [name, floor] of Object.entries(floorPages)) {
    files.set(`/${floor.html}`, {
      type: 'text/html; charset=utf-8',
      body: floorHtml(floor.script, name === 'module'),
    });
    const { outputFiles } = await build({
      stdin: {
        contents: floor.source,
        resolveDir: fileURLToPath(new URL('../web/', import.meta.url)),
      },
      bundle: true,
      format: 'esm',
      minify: true,
      target: 'es2020',
      write: false,
      external: ['node:*'],
      logLevel: 'warning',
    });
    files.set(`/${floor.script}`, {
      type: 'text/javascript; charset=utf-8',
      body: outputFiles[0].contents,
    });
  }
  files.set('/gen/segform.wasm', {
    type: 'application/wasm',
    body: await readFile(new URL('../web/gen/segform.wasm', import.meta.url)),
  });
  const server = http.createServer((request, response) => {
    const file = files.get(new URL(request.url, 'http://x').pathname);
    response.statusCode = file ? 200 : 404;
    response.setHeader('Content-Type', file?.type ?? 'text/plain');
    response.setHeader('Cache-Control', 'no-store');
    response.end(file?.body ?? 'Not found\n');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

/**
 * Loads one bare page cold, types "5" into its budget field as soon as the
 * field exists, as measureColdLoad does on the page, and returns the time
 * to the finding less the driver's round trip.
 */
function measureFirstFindingFloor(session, floorUrl, floor) {
  const floorSession = { browser: session.browser, url: floorUrl };
  return withFreshPage(floorSession, {}, async (page) => {
    await page.goto(new URL(floor.html, floorUrl).href, {
      waitUntil: 'commit',
    });
    const focusedAt = await focusBudgetField(page);
    await pressAndMeasure(page, '5', '5');
    const { keydownAt, firstFindingAt } = await page.evaluate(() => ({
      keydownAt: window.pageBench.keydowns[0].timeStamp,
      firstFindingAt: window.pageBench.changes.find(
        (change) => change.value === '5',
      ).at,
    }));
    return firstFindingAt - (keydownAt - focusedAt);
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

const longestDuration = (tasks) =>
  Math.max(0, ...tasks.map((task) => task.duration));
const sumOf = (files, phase, key) =>
  files
    .filter((file) => file.phase === phase)
    .reduce((sum, file) => sum + file[key], 0);

const formatBytes = (bytes) => `${Math.round(bytes)} B`;
const formatMs = (ms) => `${ms.toFixed(1)} ms`;
// Only tasks longer than 50 ms are reported, so 0 means none was seen.
const formatLongTask = (ms) => (ms === 0 ? 'none over 50 ms' : formatMs(ms));

function printReport({
  chromiumVersion,
  loads,
  floorLatencies,
  firstFindingFloors,
  bigLoads,
  bigDocumentBytes,
  manyKeysDocuments,
}) {
  const rows = [
    [
      'bytes on the wire up to the first validation',
      formatBytes,
      loads.map((load) => sumOf(load.files, 'first', 'bytes')),
    ],
    [
      'gzip -9 of those files',
      formatBytes,
      loads.map((load) => sumOf(load.files, 'first', 'gzipBytes')),
    ],
    [
      'bytes on the wire loaded later (editor pane)',
      formatBytes,
      loads.map((load) => sumOf(load.files, 'later', 'bytes')),
    ],
    [
      'gzip -9 of those files',
      formatBytes,
      loads.map((load) => sumOf(load.files, 'later', 'gzipBytes')),
    ],
    [
      'navigation start → HTML response end',
      formatMs,
      loads.map((load) => load.timings.htmlResponseEnd),
    ],
    [
      'navigation start → segform.wasm response end',
      formatMs,
      loads.map((load) => load.timings.wasmResponseEnd),
    ],
    [
      'navigation start → form built, first validation in the DOM',
      formatMs,
      loads.map((load) => load.timings.formReadyAt),
    ],
    [
      'form built → budget field focused (first layout of the page)',
      formatMs,
      loads.map((load) => load.timings.focusedAt - load.timings.formReadyAt),
    ],
    [
      'field focused → keydown "5" (driver round trip, not page work)',
      formatMs,
      loads.map((load) => load.timings.keydownAt - load.timings.focusedAt),
    ],
    [
      'keydown "5" → finding in the DOM',
      formatMs,
      loads.map((load) => load.timings.keyToFinding),
    ],
    [
      'navigation start → first finding in the DOM',
      formatMs,
      loads.map((load) => load.timings.firstFindingAt),
    ],
    [
      'first finding less the driver round trip (estimate)',
      formatMs,
      loads.map(
        (load) =>
          load.timings.firstFindingAt -
          (load.timings.keydownAt - load.timings.focusedAt),
      ),
    ],
    [
      'browser floor: first finding on a bare page, no module (as above)',
      formatMs,
      firstFindingFloors.bare,
    ],
    [
      "first finding on a bare page with segform's module (as above)",
      formatMs,
      firstFindingFloors.module,
    ],
    [
      `keystroke → finding text changed, median of ${keystrokesPerLoad}`,
      formatMs,
      loads.map((load) => median(load.latencies)),
    ],
    [
      `keystroke → finding text changed, slowest of ${keystrokesPerLoad}`,
      formatMs,
      loads.map((load) => Math.max(...load.latencies)),
    ],
    [
      `browser floor: keystroke → text changed on a bare input, median of ${keystrokesPerLoad}`,
      formatMs,
      [median(floorLatencies)],
    ],
    [
      `1 MiB document: longest task while typing ${bigDocumentKeystrokes} keys`,
      formatLongTask,
      bigLoads.map((load) => longestDuration(load.typingLongTasks)),
    ],
    [
      '1 MiB document: keystroke → finding text changed, median',
      formatMs,
      bigLoads.map((load) => median(load.latencies)),
    ],
    [
      '1 MiB document: keystroke → finding text changed, slowest',
      formatMs,
      bigLoads.map((load) => Math.max(...load.latencies)),
    ],
    [
      '1 MiB document: longest task while loading it (before typing)',
      formatLongTask,
      bigLoads.map((load) => longestDuration(load.loadingLongTasks)),
    ],
    [
      '1 MiB document: longest task while typing "xxxx" into the editor\'s search',
      formatLongTask,
      bigLoads.map((load) => longestDuration(load.searchLongTasks)),
    ],
    ...manyKeysDocuments.flatMap(({ label, loads: keyLoads }) => [
      [
        `${label}: longest task while typing ${bigDocumentKeystrokes} keys`,
        formatLongTask,
        keyLoads.map((load) => longestDuration(load.typingLongTasks)),
      ],
      [
        `${label}: longest task from the second keystroke on`,
        formatLongTask,
        keyLoads.map((load) => longestDuration(load.laterLongTasks)),
      ],
      [
        `${label}: keystroke → finding text changed, median`,
        formatMs,
        keyLoads.map((load) => median(load.latencies)),
      ],
      [
        `${label}: longest task while loading it (before typing)`,
        formatLongTask,
        keyLoads.map((load) => longestDuration(load.loadingLongTasks)),
      ],
      [
        `${label}: longest task while typing "key1" into the editor's search`,
        formatLongTask,
        keyLoads.map((load) => longestDuration(load.searchLongTasks)),
      ],
    ]),
  ];

  console.log(
    `Chromium ${chromiumVersion} (headless), ${new Date().toISOString().slice(0, 10)}, ` +
      `Node ${process.version}; ${loads.length} cold loads per figure, each in a fresh context, ` +
      'after one load not counted',
  );
  console.log('');
  console.log('| measure | median | min | max |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const [name, format, values] of rows) {
    console.log(
      `| ${name} | ${format(median(values))} | ${format(Math.min(...values))} | ` +
        `${format(Math.max(...values))} |`,
    );
  }
  const typingWithLongTask = bigLoads.filter(
    (load) => load.typingLongTasks.length > 0,
  ).length;
  console.log('');
  console.log(
    `1 MiB document: ${bigDocumentBytes} bytes; a long task while typing in ` +
      `${typingWithLongTask} of ${bigLoads.length} loads. Times end when the text is in the DOM, ` +
      'before paint.',
  );
  for (const { label, document } of manyKeysDocuments) {
    console.log(`${label}: ${document.bytes} bytes, ${document.keys} keys.`);
  }
  console.log(
    'The first keystroke in each makes the valid budget an error, which changes the ' +
      'findings the cap keeps.',
  );

  console.log('');
  console.log('| file (first load) | loaded | bytes on the wire | gzip -9 |');
  console.log('| --- | --- | ---: | ---: |');
  const phaseNames = { first: 'up to the first validation', later: 'later' };
  for (const file of loads[0].files) {
    console.log(
      `| ${file.path} | ${phaseNames[file.phase]} | ${file.bytes} | ${file.gzipBytes} |`,
    );
  }
}

async function main() {
  const { maxTextBytes } = (await loadSegform()).limits;
  const bigDocument = buildBigDocument(maxTextBytes);
  const manyKeysDocuments = [
    {
      label: '1 MiB of unknown keys',
      document: buildManyKeysDocument(maxTextBytes),
      loads: [],
    },
    {
      label: '1 MiB of unknown keys on one line',
      document: buildManyKeysDocument(maxTextBytes, { oneLine: true }),
      loads: [],
    },
  ];
  const session = await startSession();
  try {
    // In trials the first load in a new browser was clearly slower than the
    // next ones, although each context starts with an empty cache, so one
    // load runs first and is not counted.
    await measureColdLoad(session);
    const loads = [];
    for (let i = 0; i < coldLoadCount; i += 1) {
      loads.push(await measureColdLoad(session));
    }
    const floorLatencies = await measureKeystrokeFloor(session);
    const floorServer = await startFloorServer();
    const firstFindingFloors = { bare: [], module: [] };
    try {
      // As for the page, one load of each is not counted, and the two
      // take turns so that a slow spell of the machine hits both.
      for (let i = 0; i <= coldLoadCount; i += 1) {
        for (const [name, floor] of Object.entries(floorPages)) {
          const ms = await measureFirstFindingFloor(
            session,
            floorServer.url,
            floor,
          );
          if (i > 0) firstFindingFloors[name].push(ms);
        }
      }
    } finally {
      floorServer.server.close();
    }
    const bigLoads = [];
    for (let i = 0; i < coldLoadCount; i += 1) {
      bigLoads.push(await measureBigDocument(session, bigDocument));
    }
    for (const { document, loads: keyLoads } of manyKeysDocuments) {
      for (let i = 0; i < coldLoadCount; i += 1) {
        keyLoads.push(
          await measureBigDocument(session, document, [
            'field.unknown',
            'findings.truncated',
          ]),
        );
      }
    }
    printReport({
      chromiumVersion: session.browser.version(),
      loads,
      floorLatencies,
      firstFindingFloors,
      bigLoads,
      bigDocumentBytes: bigDocument.bytes,
      manyKeysDocuments,
    });
  } finally {
    await session.close();
  }
}

try {
  await main();
} catch (error) {
  const reason =
    error instanceof MeasurementError ? error.message : error.stack;
  console.error(`page-bench: measurement failed: ${reason}`);
  process.exitCode = 1;
}
