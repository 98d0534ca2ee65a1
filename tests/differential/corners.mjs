// Named corner inputs of AutoMlImageSegmentationInputs in proto3 JSON: the
// spellings where the two reference parsers (Google's protobuf for Python
// and @bufbuild/protobuf) may disagree with each other or with segform.
// characterize.mjs prints how each parser reads them, and generator.mjs
// combines their values into random inputs.

const encoder = new TextEncoder();

/** Returns the UTF-8 bytes of a string. */
export function utf8(text) {
  return encoder.encode(text);
}

/** Returns the bytes of the parts in order: strings as UTF-8, numbers as bytes. */
export function joinBytes(...parts) {
  const chunks = parts.map((part) =>
    typeof part === 'string' ? utf8(part) : Uint8Array.from([].concat(part)),
  );
  const bytes = new Uint8Array(
    chunks.reduce((sum, chunk) => sum + chunk.length, 0),
  );
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

// Value spellings as JSON text, which the generator puts under either name of
// their field. String.raw keeps JSON escapes such as \t and \u00a0 as written.
export const budgetValues = [
  // Numbers.
  ['number 192000', '192000'],
  ['number 192000.0', '192000.0'],
  ['number 1.92e5', '1.92e5'],
  ['number 1.92E+5', '1.92E+5'],
  ['number 2e5', '2e5'],
  ['number 0.192e6', '0.192e6'],
  ['number 1e400 (overflows double)', '1e400'],
  ['number 1e-400 (underflows to 0)', '1e-400'],
  ['number -0', '-0'],
  ['number -0.0', '-0.0'],
  ['number 0', '0'],
  ['number -5', '-5'],
  ['number 2^53+1', '9007199254740993'],
  ['number 2^53+1 with .0', '9007199254740993.0'],
  // protobuf's C++ parser reads these as doubles, and takes them only up to
  // 2^53.
  ['number 2^53 with .0', '9007199254740992.0'],
  ['number 2^53+2 with .0', '9007199254740994.0'],
  ['number 1e16', '1e16'],
  ['number -1e16', '-1e16'],
  ['number 9.007199254740992e15 (2^53)', '9.007199254740992e15'],
  [
    'number 2^63-513 (largest that stays below 2^63 as double)',
    '9223372036854775295',
  ],
  ['number 2^63-512 (rounds to 2^63)', '9223372036854775296'],
  ['number 2^63-1', '9223372036854775807'],
  ['number 2^63', '9223372036854775808'],
  ['number -2^63', '-9223372036854775808'],
  ['number -2^63-1', '-9223372036854775809'],
  ['number -2^63-1024 (rounds to -2^63)', '-9223372036854776832'],
  ['number -2^63-1025', '-9223372036854776833'],
  ['number 1e18', '1e18'],
  ['number (2^63-1).0 (rounds to 2^63)', '9223372036854775807.0'],
  [
    'number 9.223372036854775807e18 (rounds to 2^63)',
    '9.223372036854775807e18',
  ],
  ['number (-2^63-1).0 (rounds to -2^63)', '-9223372036854775809.0'],
  ['number 0.1e1', '0.1e1'],
  ['number 192000 plus 1e-16', '192000.0000000000000001'],
  ['number 00192000 (leading zeros)', '00192000'],
  ['number 192000.5', '192000.5'],
  ['number +192000', '+192000'],
  ['number .5', '.5'],
  ['number 1.', '1.'],
  ['literal NaN', 'NaN'],
  ['literal Infinity', 'Infinity'],
  ['literal -Infinity', '-Infinity'],
  ['true', 'true'],
  ['false', 'false'],
  ['array', '[192000]'],
  ['object', '{}'],
  // Strings.
  ['string "192000"', '"192000"'],
  ['string "+192000"', '"+192000"'],
  ['string " 192000"', '" 192000"'],
  ['string "192000 "', '"192000 "'],
  ['string "1 92000"', '"1 92000"'],
  ['string "\\t192000"', String.raw`"\t192000"`],
  ['string "\\t+192000"', String.raw`"\t+192000"`],
  ['string "+\\t192000"', String.raw`"+\t192000"`],
  [
    'string "\\r\\n-5\\u00a0\\u3000" (several spaces)',
    String.raw`"\r\n-5\u00a0\u3000"`,
  ],
  ['string "192000\\n"', String.raw`"192000\n"`],
  ['string "\\u000b192000" (vertical tab)', String.raw`"\u000b192000"`],
  ['string "\\u00a0192000" (no-break space)', String.raw`"\u00a0192000"`],
  ['string "\\u3000192000" (ideographic space)', String.raw`"\u3000192000"`],
  ['string "\\u2028192000" (line separator)', String.raw`"\u2028192000"`],
  ['string "\\ufeff192000" (BOM)', String.raw`"\ufeff192000"`],
  ['string "\\u001f192000" (unit separator)', String.raw`"\u001f192000"`],
  ['string "\\u0085192000" (next line)', String.raw`"\u0085192000"`],
  ['string "\\u200b192000" (zero-width space)', String.raw`"\u200b192000"`],
  ['string "0x2EE00"', '"0x2EE00"'],
  ['string "0o7"', '"0o7"'],
  ['string "0b101"', '"0b101"'],
  ['string "-0x10"', '"-0x10"'],
  ['string "192000.0"', '"192000.0"'],
  ['string "1.92e5"', '"1.92e5"'],
  ['string "2e5"', '"2e5"'],
  ['string "00192000"', '"00192000"'],
  ['string "-5"', '"-5"'],
  ['string "-0"', '"-0"'],
  ['string "+0"', '"+0"'],
  ['string "+-5"', '"+-5"'],
  ['string ""', '""'],
  ['string "   "', '"   "'],
  ['string "\\t"', String.raw`"\t"`],
  ['string "1e400"', '"1e400"'],
  ['string "NaN"', '"NaN"'],
  ['string "Infinity"', '"Infinity"'],
  ['string "9007199254740993"', '"9007199254740993"'],
  ['string "9223372036854775807"', '"9223372036854775807"'],
  ['string "9223372036854775808"', '"9223372036854775808"'],
  ['string "-9223372036854775808"', '"-9223372036854775808"'],
  ['string "-9223372036854775809"', '"-9223372036854775809"'],
  ['string Arabic-Indic digits', '"\u0661\u0669\u0662\u0660\u0660\u0660"'],
  ['string fullwidth digits', '"\uff11\uff19\uff12\uff10\uff10\uff10"'],
  ['string "192_000"', '"192_000"'],
  ['string 4301 digits with leading zeros', `"${'0'.repeat(4295)}192000"`],
  ['string 4300 digits with leading zeros', `"${'0'.repeat(4294)}192000"`],
];

export const modelTypeValues = [
  ['name CLOUD_HIGH_ACCURACY_1', '"CLOUD_HIGH_ACCURACY_1"'],
  ['name MODEL_TYPE_UNSPECIFIED', '"MODEL_TYPE_UNSPECIFIED"'],
  ['name MOBILE_TF_LOW_LATENCY_1', '"MOBILE_TF_LOW_LATENCY_1"'],
  ['number 1', '1'],
  ['number 0', '0'],
  ['number 1.0', '1.0'],
  ['number 1e0', '1e0'],
  ['number 1.5', '1.5'],
  ['number 0.1e1', '0.1e1'],
  ['number 1e-400 (underflows to 0)', '1e-400'],
  ['number 2147483647.5', '2147483647.5'],
  ['number -0.5', '-0.5'],
  ['number 7 (unknown)', '7'],
  ['number -1', '-1'],
  ['number 2^31-1', '2147483647'],
  ['number 2^31', '2147483648'],
  ['number -2^31', '-2147483648'],
  ['number -2^31-1', '-2147483649'],
  ['number 2^32+1 (low 32 bits are 1)', '4294967297'],
  ['number -2^32+2 (low 32 bits are 2)', '-4294967294'],
  ['number 2^32+7', '4294967303'],
  ['number 2^32+1.5', '4294967297.5'],
  ['number -1e20', '-1e20'],
  ['number -2^63-1', '-9223372036854775809'],
  ['number 2^63+1', '9223372036854775809'],
  ['string "4294967297"', '"4294967297"'],
  ['string "1"', '"1"'],
  ['string "7"', '"7"'],
  ['string " 1"', '" 1"'],
  ['string "+1"', '"+1"'],
  ['string Arabic-Indic 1', '"\u0661"'],
  ['string ""', '""'],
  ['lower-case name', '"cloud_high_accuracy_1"'],
  ['name with trailing space', '"CLOUD_HIGH_ACCURACY_1 "'],
  ['true', 'true'],
  ['false', 'false'],
  ['null', 'null'],
  ['literal NaN', 'NaN'],
  ['literal Infinity', 'Infinity'],
  ['array', '[1]'],
  ['object', '{}'],
];

export const baseModelIdValues = [
  ['string "abc"', '"abc"'],
  ['string ""', '""'],
  ['number 5', '5'],
  ['true', 'true'],
  ['array', '["abc"]'],
  ['escape \\u0000', String.raw`"\u0000"`],
  ['lone high surrogate escape', String.raw`"\ud800"`],
  ['lone low surrogate escape', String.raw`"\udc00"`],
  ['surrogate pair escape', String.raw`"\ud83d\ude00"`],
  ['raw emoji', '"\u{1F600}"'],
  ['escaped solidus', String.raw`"a\/b"`],
  ['noncharacter U+FFFF', '"\uffff"'],
];

/** Returns the JSON text of an object with one member. */
export function member(key, valueText) {
  return `{"${key}": ${valueText}}`;
}

function fieldCorners(prefix, key, values) {
  return values.map(([name, valueText]) => ({
    name: `${prefix} ${name}`,
    bytes: utf8(member(key, valueText)),
  }));
}

function nested(depth, inner = '1') {
  return '['.repeat(depth) + inner + ']'.repeat(depth);
}

const oneMiB = 1024 * 1024;

const structureCorners = [
  [
    'both names, same value',
    '{"budgetMilliNodeHours": "192000", "budget_milli_node_hours": "192000"}',
  ],
  [
    'both names, different values',
    '{"budgetMilliNodeHours": "192000", "budget_milli_node_hours": "250000"}',
  ],
  [
    'both names, second null',
    '{"budgetMilliNodeHours": "192000", "budget_milli_node_hours": null}',
  ],
  [
    'both names, first null',
    '{"budgetMilliNodeHours": null, "budget_milli_node_hours": "192000"}',
  ],
  ['both enum names', '{"modelType": 1, "model_type": 2}'],
  [
    'same key twice',
    '{"budgetMilliNodeHours": "192000", "budgetMilliNodeHours": "192000"}',
  ],
  [
    'same key twice, once escaped',
    String.raw`{"budgetMilliNodeHours": "1", "budget\u004dilliNodeHours": "2"}`,
  ],
  ['same unknown key twice', '{"x": 1, "x": 1}'],
  [
    'snake_case names alone',
    '{"model_type": "CLOUD_LOW_ACCURACY_1", "budget_milli_node_hours": "8000", "base_model_id": "m"}',
  ],
  ['modelType null', '{"modelType": null}'],
  ['budgetMilliNodeHours null', '{"budgetMilliNodeHours": null}'],
  ['baseModelId null', '{"baseModelId": null}'],
  [
    'all fields',
    '{"modelType": "CLOUD_HIGH_ACCURACY_1", "budgetMilliNodeHours": "192000", "baseModelId": "abc"}',
  ],
  ['unknown field', '{"modelType": 1, "trainBudget": 5}'],
  ['unknown field null', '{"trainBudget": null}'],
  ['unknown field NaN', '{"trainBudget": NaN}'],
  ['key in other case', '{"ModelType": 1}'],
  ['extension-style key', '{"[foo.bar]": 1}'],
  ['top-level []', '[]'],
  ['top-level [1]', '[1]'],
  ['top-level ["modelType"]', '["modelType"]'],
  ['top-level "x"', '"x"'],
  ['top-level ""', '""'],
  ['top-level 1', '1'],
  ['top-level null', 'null'],
  ['top-level true', 'true'],
  ['top-level {}', '{}'],
  ['top-level NaN', 'NaN'],
  ['trailing content after object', '{} x'],
  ['two objects', '{}{}'],
  ['trailing newline', '{}\n'],
  ['leading and trailing tabs', '\t{}\t'],
  ['empty text', ''],
  ['whitespace only', ' \n'],
  ['trailing comma', '{"modelType": 1,}'],
  ['single quotes', "{'modelType': 1}"],
  ['comment', '{/* c */}'],
  ['unquoted key', '{modelType: 1}'],
  ['depth 50 in unknown field', `{"x": ${nested(50)}}`],
  ['depth 200 in unknown field', `{"x": ${nested(200)}}`],
  ['depth 100000 in unknown field', `{"x": ${nested(100000)}}`],
  ['depth 100000 in baseModelId', `{"baseModelId": ${nested(100000)}}`],
  ['NaN inside an array in unknown field', '{"x": [NaN]}'],
  ['1 MiB baseModelId', `{"baseModelId": "${'a'.repeat(oneMiB)}"}`],
  ['1 MiB of whitespace', `{${' '.repeat(oneMiB)}"modelType": 1}`],
  [
    'CRLF line ends',
    '{\r\n  "modelType": 1,\r\n  "budgetMilliNodeHours": "192000"\r\n}\r\n',
  ],
  ['lone CR line ends', '{\r"modelType": 1\r}'],
  ['raw tab inside a string', '{"baseModelId": "a\tb"}'],
  ['raw control U+0001 inside a string', '{"baseModelId": "a\u0001b"}'],
  ['raw U+007F inside a string', '{"baseModelId": "a\u007fb"}'],
  ['raw U+2028 inside a string', '{"baseModelId": "a\u2028b"}'],
  ['NBSP as whitespace between tokens', '{\u00a0"modelType": 1}'],
  ['invalid escape \\x', String.raw`{"baseModelId": "\x41"}`],
  [
    'escaped key budgetMilliNodeHours',
    String.raw`{"\u0062udgetMilliNodeHours": "5"}`,
  ],
].map(([name, text]) => ({ name: `structure: ${name}`, bytes: utf8(text) }));

const encodingCorners = [
  ['UTF-8 BOM before {}', joinBytes([0xef, 0xbb, 0xbf], '{}')],
  [
    'UTF-8 BOM before an object',
    joinBytes([0xef, 0xbb, 0xbf], '{"modelType": 1}'),
  ],
  [
    'invalid byte 0xFF inside a string',
    joinBytes('{"baseModelId": "a', [0xff], 'b"}'),
  ],
  [
    'overlong "/" (C0 AF) inside a string',
    joinBytes('{"baseModelId": "a', [0xc0, 0xaf], '"}'),
  ],
  [
    'UTF-8 encoded surrogate (ED A0 80) inside a string',
    joinBytes('{"baseModelId": "', [0xed, 0xa0, 0x80], '"}'),
  ],
  [
    'truncated sequence (E2 82) at the end of a string',
    joinBytes('{"baseModelId": "', [0xe2, 0x82], '"}'),
  ],
  [
    'invalid byte 0xFF inside an unknown key',
    joinBytes('{"x', [0xff], '": 1}'),
  ],
  ['NUL byte after the object', joinBytes('{}', [0x00])],
  [
    'UTF-16LE text',
    joinBytes([0xff, 0xfe], ...[...'{}'].map((c) => [c.charCodeAt(0), 0])),
  ],
].map(([name, bytes]) => ({ name: `encoding: ${name}`, bytes }));

/** Every named corner: {name, bytes}. */
export const corners = [
  ...fieldCorners('budget', 'budgetMilliNodeHours', budgetValues),
  ...fieldCorners('budget (snake_case)', 'budget_milli_node_hours', [
    ['string "192000"', '"192000"'],
    ['number 2^53+1', '9007199254740993'],
  ]),
  ...fieldCorners('modelType', 'modelType', modelTypeValues),
  ...fieldCorners('baseModelId', 'baseModelId', baseModelIdValues),
  ...structureCorners,
  ...encodingCorners,
];
