// Client for google_reference.py, the Google protobuf (Python) reference
// parser, run as one long-lived process under /usr/bin/python3 because
// Debian's python3-protobuf imports only there.

import { LineProcessClient, repoRoot } from './line_client.mjs';

export const googlePython = '/usr/bin/python3';
export const googleReferenceScript = `${repoRoot}tests/differential/google_reference.py`;

/**
 * Starts the Google reference. Each parse() resolves to
 * {ok: true, values} or {ok: false, error}; call close() when done.
 *
 * @param {{ignoreUnknownFields?: boolean}} [options]
 * @returns {LineProcessClient}
 */
export function startGoogleReference({ ignoreUnknownFields = false } = {}) {
  return new LineProcessClient('Google reference', googlePython, [
    googleReferenceScript,
    ...(ignoreUnknownFields ? ['--ignore-unknown-fields'] : []),
  ]);
}
