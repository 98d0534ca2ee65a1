// Client for build/segform_parse_probe, which runs segform's parse stage on
// each input. Build it first (scripts/build.sh, or cmake --build build).

import { existsSync } from 'node:fs';

import { LineProcessClient, repoRoot } from './line_client.mjs';

export const probePath = `${repoRoot}build/segform_parse_probe`;

/**
 * Starts the segform parse probe. Each parse() resolves to
 * {ok: true, values} or {ok: false, codes}; call close() when done.
 *
 * @param {{ignoreUnknownFields?: boolean}} [options]
 * @returns {LineProcessClient}
 */
export function startSegformProbe({ ignoreUnknownFields = false } = {}) {
  if (!existsSync(probePath)) {
    throw new Error(`${probePath} not found: build it with scripts/build.sh`);
  }
  return new LineProcessClient(
    'segform parse probe',
    probePath,
    ignoreUnknownFields ? ['--ignore-unknown-fields'] : [],
  );
}
