// The editor's state logic, under Node with CodeMirror's state alone: the
// guards that switch parts of the editor off, the placeholders of runs of
// combining marks, and the count of the text's bytes for the size limit.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { EditorSelection, EditorState } from '@codemirror/state';
import fc from 'fast-check';

import { utf8Length } from '../../web/utf8.js';
import { combiningRunPlaceholders } from '../../web/editor/combining-runs.mjs';
import {
  hasManyHidden,
  lineGuard,
  markedHidden,
  maxMarkedHiddenPerLine,
  plainIsNeverHidden,
  sizeLimit,
} from '../../web/editor/editor.mjs';

// A replace-all on one line once read that line once for each match, which
// took seconds for a few thousand matches.
test('a line guard reads each touched line once', () => {
  const read = [];
  const guard = lineGuard({
    on: [],
    off: [],
    isOverLimit: (line) => {
      read.push(line);
      return false;
    },
  });
  const text = `${'ab'.repeat(5000)}\nsecond line\nthird`;
  let state = EditorState.create({
    doc: text,
    extensions: guard.extensions(text.split('\n')),
  });
  read.length = 0;
  const changes = [];
  for (let i = 0; i < 10000; i += 2)
    changes.push({ from: i, to: i + 1, insert: 'c' });
  changes.push({ from: text.length - 1, insert: 'x' });
  state = state.update({ changes }).state;
  assert.deepEqual(read, ['cb'.repeat(5000), 'thirxd']);
});

/** Returns the runs of more than 30 marks, as [from, to, marks]. */
function freshRuns(text) {
  return [...text.matchAll(/\p{M}{31,}/gu)].map((match) => [
    match.index,
    match.index + match[0].length,
    [...match[0]].length,
  ]);
}

function shownRuns(state, field) {
  const runs = [];
  for (let cursor = state.field(field).iter(); cursor.value; cursor.next()) {
    runs.push([cursor.from, cursor.to, cursor.value.spec.widget.count]);
  }
  return runs;
}

// Edits of text dense with marks, single and many at once, keep the
// placeholders those of a fresh search, and never leave the cursor inside
// a run.
test('run placeholders follow every edit', () => {
  const pieces = [
    '\u0301',
    '\u0301'.repeat(31),
    '\u{1d167}',
    '\u034f',
    'a',
    '\n',
    '\ud834',
    // Before a lone low half, this makes U+10167, which is not a mark.
    '\ud800',
  ];
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          at: fc.nat(),
          length: fc.nat(40),
          insert: fc.array(fc.constantFrom(...pieces), { maxLength: 4 }),
          copies: fc.integer({ min: 1, max: 3 }),
        }),
        { minLength: 1, maxLength: 30 },
      ),
      (edits) => {
        const extension = combiningRunPlaceholders();
        const field = extension[0];
        let state = EditorState.create({
          doc: `x${'\u0301'.repeat(40)}y\n${'\u0302'.repeat(35)}`,
          extensions: extension,
        });
        for (const { at, length, insert, copies } of edits) {
          const size = state.doc.length;
          const changes = [];
          // Several changes at once, as a replace-all makes.
          for (let copy = 0; copy < copies; copy += 1) {
            const from = Math.min(size, (at + copy * 7) % (size + 1));
            const last = changes.at(-1);
            if (last && from < last.to) break;
            changes.push({
              from,
              to: Math.min(size, from + (copy === 0 ? length : 0)),
              insert: insert.join(''),
            });
          }
          state = state.update({ changes, userEvent: 'input' }).state;
          // A cursor put anywhere, as a click or a finding's link puts it.
          state = state.update({
            selection: EditorSelection.cursor(at % (state.doc.length + 1)),
          }).state;
          const text = state.doc.toString();
          assert.deepEqual(shownRuns(state, field), freshRuns(text));
          for (const [from, to] of freshRuns(text)) {
            const head = state.selection.main.head;
            assert.ok(
              head <= from || head >= to,
              `cursor inside ${from}-${to}`,
            );
          }
        }
      },
    ),
    { numRuns: 1000 },
  );
});

// A lone half typed before the low half of a mark's pair makes a character
// that is not a mark. The placeholder once kept covering it.
test('a pair joined at a run edge', () => {
  const extension = combiningRunPlaceholders();
  let state = EditorState.create({
    doc: `{"a": "x${'\u{1d167}'.repeat(40)}"}`,
    extensions: extension,
  });
  state = state.update({
    changes: { from: 7, to: 9, insert: '\ud800' },
    userEvent: 'input.type',
  }).state;
  assert.deepEqual(
    shownRuns(state, extension[0]),
    freshRuns(state.doc.toString()),
  );
});

// Joining two lone halves of a surrogate pair once left the count two bytes
// too high.
test('the byte count follows every edit', () => {
  const pieces = [
    'a',
    '\u00e9',
    '\u4e2d',
    '\u{1f600}',
    '\ud834',
    '\udd67',
    '\n',
  ];
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          at: fc.nat(),
          length: fc.nat(6),
          insert: fc.array(fc.constantFrom(...pieces), { maxLength: 3 }),
        }),
        { minLength: 1, maxLength: 40 },
      ),
      (edits) => {
        const limit = sizeLimit(1 << 20, 'too long');
        let state = EditorState.create({
          doc: '\ud834x\udd67 \u{1f600}',
          extensions: limit.extension,
        });
        for (const { at, length, insert } of edits) {
          const size = state.doc.length;
          const from = at % (size + 1);
          state = state.update({
            changes: {
              from,
              to: Math.min(size, from + length),
              insert: insert.join(''),
            },
          }).state;
          assert.equal(
            state.field(limit.textBytes),
            utf8Length(state.doc.toString()),
          );
        }
      },
    ),
    { numRuns: 1000 },
  );
});

test('an indent past the limit is rejected', () => {
  const limit = sizeLimit(20, 'too long');
  const state = EditorState.create({
    doc: '{"a": 1}',
    extensions: limit.extension,
  });
  const grow = (userEvent) =>
    state.update({ changes: { from: 0, insert: ' '.repeat(20) }, userEvent })
      .state.doc.length;
  assert.equal(grow('indent'), 8);
  assert.equal(grow('input.paste'), 8);
  // The page's own edits, and undo, pass.
  assert.equal(grow(undefined), 28);
  assert.equal(grow('undo'), 28);
});

// The count of hidden characters skips lines of printable ASCII and tabs,
// which holds only while no hidden-character pattern takes one of them.
test('no plain character is marked as hidden', () => {
  assert.equal(plainIsNeverHidden, true);
});

// The count starts at the first character that is not plain, so it must
// agree with a count of the whole line, wherever the hidden ones sit. The
// lines have about as many hidden characters as the limit, where one
// missed or counted twice changes the result.
test('hidden characters are counted from anywhere in a line', () => {
  assert.equal(hasManyHidden(`${'{"a": 1}\t'.repeat(5000)}`), false);
  const hidden = ['\u00a0', '\u00ad', '\u200b', '\u0001', '\u2028'];
  const others = ['a', ' ', '\t', '{', 'é', '\ud83d\ude00', '\ud800'];
  fc.assert(
    fc.property(
      fc.nat({ max: 300 }),
      fc.integer({
        min: maxMarkedHiddenPerLine - 2,
        max: maxMarkedHiddenPerLine + 2,
      }),
      fc.array(fc.constantFrom(...others), { minLength: 1, maxLength: 50 }),
      fc.constantFrom(...hidden),
      (plainRun, hiddenCount, between, hiddenCharacter) => {
        let line = 'x'.repeat(plainRun);
        for (let i = 0; i < hiddenCount; i += 1) {
          line += hiddenCharacter + between[i % between.length];
        }
        const count = (line.match(new RegExp(markedHidden.source, 'gu')) ?? [])
          .length;
        assert.equal(hasManyHidden(line), count > maxMarkedHiddenPerLine);
      },
    ),
    { numRuns: 300 },
  );
});
