// Generates random inputs around AutoMlImageSegmentationInputs for the
// differential run. Most are valid messages or near misses, which combine the
// corner values of corners.mjs at random with both name spellings,
// duplicates, nulls, unknown keys and odd whitespace. The rest are random
// JSON values, random bytes, and messages that were cut or had bytes changed,
// inserted or removed. fast-check's sample() with a fixed seed makes the
// output the same for the same seed.

import fc from 'fast-check';

import {
  baseModelIdValues,
  budgetValues,
  joinBytes,
  modelTypeValues,
  utf8,
} from './corners.mjs';

const fieldNames = {
  modelType: ['modelType', 'model_type'],
  budgetMilliNodeHours: ['budgetMilliNodeHours', 'budget_milli_node_hours'],
  baseModelId: ['baseModelId', 'base_model_id'],
};

// Keys that no field has: a typo, other case, a suffix, an escaped spelling
// of a real name (a known field, written with \u0062 for "b"), the empty key.
const otherKeys = [
  'budgetMilliNodeHour',
  'BudgetMilliNodeHours',
  'modeltype',
  'model-type',
  'trainBudget',
  String.raw`\u0062udgetMilliNodeHours`,
  'x',
  '',
  '[ext]',
  '__proto__',
];

const modelTypeNames = [
  'MODEL_TYPE_UNSPECIFIED',
  'CLOUD_HIGH_ACCURACY_1',
  'CLOUD_LOW_ACCURACY_1',
  'MOBILE_TF_LOW_LATENCY_1',
];

// Written as JSON escapes inside strings: whitespace that one reference or
// both trim from an int64 string, and look-alikes that neither trims.
const stringSpaces = [
  '\\t',
  '\\n',
  '\\r',
  '\\f',
  '\\u000b',
  ' ',
  '\\u0020',
  '\\u00a0',
  '\\u1680',
  '\\u2000',
  '\\u200a',
  '\\u2028',
  '\\u2029',
  '\\u202f',
  '\\u205f',
  '\\u3000',
  '\\ufeff',
  '\\u0085',
  '\\u001c',
  '\\u001f',
  '\\u200b',
];

// ASCII digits mostly, and some of the Unicode decimal digits that Python's
// int() reads.
const digitArbitrary = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom(...'0123456789') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '\u0660',
      '\u0669',
      '\u06f5',
      '\u0967',
      '\uff11',
      '\u{1d7ce}',
    ),
  },
  { weight: 1, arbitrary: fc.constant('_') },
);

// Token separators: JSON whitespace mostly, sometimes a character that JSON
// does not allow there.
const separatorArbitrary = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.constantFrom('', '', ' ', '\n', '\t', '\r\n', '  '),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '\u00a0',
      '\f',
      '\u000b',
      '\ufeff',
      '\u2028',
      '\r',
    ),
  },
);

const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;

// Integers near the edges where the references part: 2^53, both ends of
// int64, the 2^63 rounding boundary, and zero.
const integerArbitrary = fc.oneof(
  fc.bigInt({ min: -1000000n, max: 1000000n }),
  fc.bigInt({ min: int64Min, max: int64Max }),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
  fc
    .tuple(
      fc.constantFrom(
        0n,
        2n ** 53n,
        -(2n ** 53n),
        int64Max,
        int64Min,
        2n ** 63n - 512n,
        int64Min - 1024n,
      ),
      fc.bigInt({ min: -1200n, max: 1200n }),
    )
    .map(([base, offset]) => base + offset),
);

/** Writes an integer as a JSON number lexeme, sometimes with a fraction or exponent. */
const integerLexemeArbitrary = fc
  .tuple(
    integerArbitrary,
    fc.integer({ min: 0, max: 5 }),
    fc.integer({ min: 0, max: 3 }),
  )
  .map(([value, form, shift]) => {
    const digits = (value < 0n ? -value : value).toString();
    const sign = value < 0n ? '-' : '';
    switch (form) {
      case 1:
        return `${sign}${digits}.0`;
      case 2:
        return `${sign}${digits}e0`;
      case 3: {
        // Moves the decimal point left and compensates with the exponent.
        const point = Math.max(1, digits.length - shift);
        const fraction = digits.slice(point);
        return `${sign}${digits.slice(0, point)}${fraction ? `.${fraction}` : ''}e${digits.length - point}`;
      }
      case 4:
        return `${sign}${digits}.${'0'.repeat(shift)}1`;
      default:
        return `${sign}${digits}`;
    }
  });

const doubleLexemeArbitrary = fc
  .double({ noNaN: true, noDefaultInfinity: true })
  .map((value) => JSON.stringify(value));

/** A decimal string with random sign, digits, underscores and whitespace. */
const numericStringArbitrary = fc
  .tuple(
    fc.array(fc.constantFrom(...stringSpaces), { maxLength: 2 }),
    fc.constantFrom('', '', '', '+', '-', '+-', '0x', '0b', '0o'),
    fc.oneof(
      integerArbitrary.map((value) => (value < 0n ? -value : value).toString()),
      fc
        .array(digitArbitrary, { minLength: 0, maxLength: 22 })
        .map((digits) => digits.join('')),
    ),
    fc.array(fc.constantFrom(...stringSpaces), { maxLength: 2 }),
  )
  .map(
    ([before, sign, digits, after]) =>
      `"${before.join('')}${sign}${digits}${after.join('')}"`,
  );

const freeStringArbitrary = fc.oneof(
  fc.string({ maxLength: 12 }).map((text) => JSON.stringify(text)),
  fc
    .string({ unit: 'binary', maxLength: 8 })
    .map((text) => JSON.stringify(text)),
  fc.constantFrom(
    String.raw`"\ud800"`,
    String.raw`"\udfff"`,
    String.raw`"a\ud83d\ude00"`,
    String.raw`"\u0000"`,
    '"\u007f"',
  ),
);

const randomJsonArbitrary = fc.json({ maxDepth: 2 });

function cornerValues(pairs) {
  return fc.constantFrom(...pairs.map(([, valueText]) => valueText));
}

const budgetValueArbitrary = fc.oneof(
  { weight: 3, arbitrary: cornerValues(budgetValues) },
  { weight: 4, arbitrary: integerLexemeArbitrary },
  { weight: 3, arbitrary: integerArbitrary.map((value) => `"${value}"`) },
  { weight: 3, arbitrary: numericStringArbitrary },
  { weight: 1, arbitrary: doubleLexemeArbitrary },
  { weight: 1, arbitrary: fc.constant('null') },
  { weight: 1, arbitrary: randomJsonArbitrary },
);

const modelTypeValueArbitrary = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(...modelTypeNames).map((name) => `"${name}"`),
  },
  { weight: 3, arbitrary: cornerValues(modelTypeValues) },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 9 }).map(String) },
  {
    weight: 1,
    arbitrary: fc
      .bigInt({ min: -(2n ** 31n) - 2n, max: 2n ** 31n + 2n })
      .map(String),
  },
  // Outside int32 with the low 32 bits at 0 to 4, written as a number or a
  // string: Google's reference may read these as a declared value.
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.bigInt({ min: -(2n ** 40n), max: 2n ** 40n }),
        fc.bigInt({ min: 0n, max: 4n }),
        fc.constantFrom('', '', '.5', 'string'),
      )
      .map(([high, low, form]) => {
        const number = high * 2n ** 32n + low;
        return form === 'string' ? `"${number}"` : `${number}${form}`;
      }),
  },
  { weight: 1, arbitrary: integerLexemeArbitrary },
  {
    weight: 1,
    arbitrary: fc
      .double({ min: -4, max: 4, noNaN: true })
      .map((value) => JSON.stringify(value)),
  },
  { weight: 1, arbitrary: numericStringArbitrary },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...modelTypeNames),
        fc.constantFrom('lower', 'space', 'prefix'),
      )
      .map(([name, change]) => {
        if (change === 'lower') return `"${name.toLowerCase()}"`;
        if (change === 'space') return `" ${name}"`;
        return `"${name.slice(0, -1)}"`;
      }),
  },
  { weight: 1, arbitrary: fc.constantFrom('null', 'true', 'false') },
  { weight: 1, arbitrary: randomJsonArbitrary },
);

const baseModelIdValueArbitrary = fc.oneof(
  { weight: 3, arbitrary: cornerValues(baseModelIdValues) },
  { weight: 3, arbitrary: freeStringArbitrary },
  {
    weight: 2,
    arbitrary: fc.stringMatching(/^[0-9]{1,19}$/).map((text) => `"${text}"`),
  },
  { weight: 1, arbitrary: fc.constant('null') },
  { weight: 1, arbitrary: randomJsonArbitrary },
);

function fieldMemberArbitrary(field, valueArbitrary) {
  return fc.record({
    key: fc.constantFrom(...fieldNames[field]),
    value: valueArbitrary,
  });
}

const memberArbitrary = fc.oneof(
  {
    weight: 4,
    arbitrary: fieldMemberArbitrary(
      'budgetMilliNodeHours',
      budgetValueArbitrary,
    ),
  },
  {
    weight: 3,
    arbitrary: fieldMemberArbitrary('modelType', modelTypeValueArbitrary),
  },
  {
    weight: 3,
    arbitrary: fieldMemberArbitrary('baseModelId', baseModelIdValueArbitrary),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      key: fc.constantFrom(...otherKeys),
      value: fc.oneof(
        fc.constant('null'),
        fc.constant('1'),
        randomJsonArbitrary,
      ),
    }),
  },
);

/** Writes members as an object, with separators drawn for each gap. */
function objectText(members, separators) {
  let index = 0;
  const gap = () => separators[index++ % separators.length];
  const parts = members.map(
    ({ key, value }) => `${gap()}"${key}"${gap()}:${gap()}${value}${gap()}`,
  );
  return `${gap()}{${parts.join(',')}${members.length === 0 ? gap() : ''}}${gap()}`;
}

const nearMissArbitrary = fc
  .tuple(
    fc.array(memberArbitrary, { minLength: 0, maxLength: 5 }),
    fc.array(separatorArbitrary, { minLength: 1, maxLength: 8 }),
  )
  .map(([members, separators]) => utf8(objectText(members, separators)));

// A valid message: each field at most once, under one of its names.
const validArbitrary = fc
  .record(
    {
      modelType: fc.oneof(
        fc.constantFrom(...modelTypeNames).map((name) => `"${name}"`),
        fc.integer({ min: 0, max: 3 }).map(String),
      ),
      budgetMilliNodeHours: fc.oneof(
        fc.bigInt({ min: 0n, max: 2n ** 53n }).map((value) => `"${value}"`),
        fc.integer({ min: 0, max: 1000000 }).map(String),
      ),
      baseModelId: fc
        .string({ maxLength: 20 })
        .map((text) => JSON.stringify(text)),
    },
    { requiredKeys: [] },
  )
  .chain((fields) =>
    fc
      .tuple(
        fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
        fc.array(fc.constantFrom('', ' ', '\n', '\t', '\r\n'), {
          minLength: 1,
          maxLength: 4,
        }),
      )
      .map(([useProtoNames, separators]) => {
        const members = Object.entries(fields).map(([field, value], index) => ({
          key: fieldNames[field][useProtoNames[index] ? 1 : 0],
          value,
        }));
        return utf8(objectText(members, separators));
      }),
  );

const randomJsonInputArbitrary = randomJsonArbitrary.map((text) => utf8(text));

// Bytes that mostly test the UTF-8 decoders: invalid lead and continuation
// bytes, overlong forms, encoded surrogates, and values past U+10FFFF.
const oddByteArbitrary = fc.constantFrom(
  0x00,
  0x7f,
  0x80,
  0xbf,
  0xc0,
  0xc1,
  0xc2,
  0xe0,
  0xed,
  0xef,
  0xf0,
  0xf4,
  0xf5,
  0xff,
);

const randomBytesArbitrary = fc.oneof(
  fc.uint8Array({ maxLength: 48 }),
  fc
    .array(fc.oneof(oddByteArbitrary, fc.integer({ min: 0x20, max: 0x7e })), {
      maxLength: 24,
    })
    .map((bytes) => Uint8Array.from(bytes)),
);

const mutationArbitrary = fc.record({
  kind: fc.constantFrom('cut', 'replace', 'insert', 'remove', 'bom'),
  position: fc.nat(),
  byte: fc.oneof(
    oddByteArbitrary,
    fc.constantFrom(0x22, 0x2c, 0x3a, 0x5c, 0x7b, 0x7d, 0x20),
    fc.integer({ min: 0, max: 255 }),
  ),
});

function mutate(bytes, { kind, position, byte }) {
  const at = bytes.length === 0 ? 0 : position % (bytes.length + 1);
  switch (kind) {
    case 'cut':
      return bytes.slice(0, at);
    case 'replace':
      if (at >= bytes.length) return bytes;
      return joinBytes(bytes.slice(0, at), [byte], bytes.slice(at + 1));
    case 'insert':
      return joinBytes(bytes.slice(0, at), [byte], bytes.slice(at));
    case 'remove':
      return joinBytes(bytes.slice(0, at), bytes.slice(at + 1));
    default:
      return joinBytes([0xef, 0xbb, 0xbf], bytes);
  }
}

const mutatedArbitrary = fc
  .tuple(
    fc.oneof(validArbitrary, nearMissArbitrary),
    fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }),
  )
  .map(([bytes, mutations]) => mutations.reduce(mutate, bytes));

/** Every kind of input, weighted towards the ones near the message. */
export const inputArbitrary = fc.oneof(
  { weight: 2, arbitrary: validArbitrary },
  { weight: 6, arbitrary: nearMissArbitrary },
  { weight: 1, arbitrary: randomJsonInputArbitrary },
  { weight: 1, arbitrary: randomBytesArbitrary },
  { weight: 2, arbitrary: mutatedArbitrary },
);

/**
 * Generates inputs as raw bytes. The same seed and count give the same
 * inputs (with the same fast-check version).
 *
 * @param {number} seed fast-check seed
 * @param {number} count number of inputs
 * @returns {Uint8Array[]}
 */
export function generateInputs(seed, count) {
  return fc.sample(inputArbitrary, { seed, numRuns: count });
}
