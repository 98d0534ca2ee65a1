// Prints the README's table of fields, rendered from the C++ declarations
// that the WebAssembly module exports. A Node test checks that the README
// contains exactly this table; run `node scripts/fields-table.mjs` to refresh it.

import { fileURLToPath } from 'node:url';

import { loadSegform } from '../web/segform.mjs';

function describeRule(field) {
  const parts = [];
  if (field.values) {
    parts.push(
      field.values
        .map(
          (value) =>
            `\`${value.name}\` (${value.number}): ${value.description}`,
        )
        .join('<br>'),
    );
  }
  if (field.range) {
    const limits = `${Number(field.range.min).toLocaleString('en-US')} to ${Number(field.range.max).toLocaleString('en-US')}`;
    const when = field.range.selectorValues
      .map((value) => `\`${value}\``)
      .join(' or ');
    parts.push(
      `${limits} inclusive when \`${field.range.selector}\` is ${when} or absent.`,
    );
  }
  return parts.length === 0 ? '–' : parts.join('<br>');
}

/** Returns the Markdown table of the message's fields. */
export function renderFieldsTable(inputs) {
  const rows = inputs.fields.map((field) => {
    const defaultText =
      field.serviceDefault === '' ? '(empty)' : `\`${field.serviceDefault}\``;
    const cells = [
      `\`${field.jsonName}\``,
      `\`${field.protoName}\``,
      field.kind,
      defaultText,
      field.description,
      describeRule(field),
    ];
    return `| ${cells.join(' | ')} |`;
  });
  return [
    '| JSON name | proto name | type | service default | meaning | values and limits |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const segform = await loadSegform();
  console.log(renderFieldsTable(segform.inputs));
}
