// Helpers for the Node tests: the shared cases and the native checker.

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const casesDir = `${repoRoot}tests/cases/`;
export const nativeCli = `${repoRoot}build/segform`;

/** Returns [{name, bytes, expect}] for every case in tests/cases. */
export function loadCases() {
  return readdirSync(casesDir)
    .filter((file) => file.endsWith('.in'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.in'.length);
      return {
        name,
        bytes: new Uint8Array(readFileSync(`${casesDir}${file}`)),
        expect: JSON.parse(
          readFileSync(`${casesDir}${name}.expect.json`, 'utf8'),
        ),
      };
    });
}

/**
 * Keeps the fields that the expect files pin: params too, as part of the
 * contract, when a finding has any.
 */
export function summarize(findings) {
  return findings.map(({ severity, code, path, line, column, params }) => ({
    severity,
    code,
    path,
    line,
    column,
    ...(Object.keys(params).length > 0 ? { params } : {}),
  }));
}

/** Runs the native checker with --format json; returns its report array. */
export function runNativeCheck(...files) {
  try {
    return JSON.parse(
      execFileSync(nativeCli, ['check', '--format', 'json', ...files]),
    );
  } catch (error) {
    if (error.status === 1) return JSON.parse(error.stdout);
    throw error;
  }
}
