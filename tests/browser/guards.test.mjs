// The guards of withPage() must fail a test. Each case provokes one problem
// on the real page and expects withPage() to reject, naming that problem.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { testTimeout, useSession, withPage } from './harness.mjs';

const session = useSession();

const provocations = [
  {
    name: 'inline style element',
    expected: /CSP violation: style-src/,
    provoke: () => {
      const style = document.createElement('style');
      style.textContent = 'body { color: red; }';
      document.head.append(style);
    },
  },
  {
    name: 'inline script element',
    expected: /CSP violation: script-src/,
    provoke: () => {
      const script = document.createElement('script');
      script.textContent = 'void 0;';
      document.head.append(script);
    },
  },
  {
    name: 'style attribute',
    expected: /CSP violation: style-src-attr/,
    provoke: () => document.body.setAttribute('style', 'color: red'),
  },
  {
    name: 'image from another host',
    expected: /CSP violation: img-src blocked http:\/\/192\.0\.2\.1/,
    provoke: () => {
      const image = new Image();
      image.src = 'http://192.0.2.1/image.png';
      document.body.append(image);
    },
  },
  {
    name: 'window on another host',
    expected: /request to another origin: http:\/\/192\.0\.2\.1\//,
    provoke: () => window.open('http://192.0.2.1/'),
  },
  {
    name: 'console error',
    expected: /console error: provoked/,
    provoke: () => console.error('provoked'),
  },
  {
    name: 'uncaught exception',
    expected: /page error: provoked/,
    provoke: () =>
      setTimeout(() => {
        throw new Error('provoked');
      }),
  },
  {
    name: 'alert dialog',
    expected: /dialog opened: alert provoked/,
    provoke: () => setTimeout(() => alert('provoked')),
  },
];

for (const { name, expected, provoke } of provocations) {
  test(`guard catches ${name}`, { timeout: testTimeout }, async () => {
    const run = withPage(session, {}, async ({ page }) => {
      await page.evaluate(provoke);
      await page.waitForTimeout(300);
    });
    await assert.rejects(run, (error) => {
      assert.ok(Array.isArray(error.actual), 'withPage lists the problems');
      assert.ok(
        error.actual.some((problem) => expected.test(problem)),
        `expected a problem matching ${expected}: ${JSON.stringify(error.actual)}`,
      );
      return true;
    });
  });
}
