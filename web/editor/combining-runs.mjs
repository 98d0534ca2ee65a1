// Long runs of combining marks, drawn as one counted placeholder each.
// Chromium shapes a run with the character before it as one cluster, and
// lays it out again on every edit of its line. After one letter, 19,000
// accents took 0.26 s a keystroke; a jump past 27 such lines took 3.5 s.

import {
  EditorSelection,
  EditorState,
  Prec,
  StateField,
} from '@codemirror/state';
import { Decoration, EditorView, WidgetType } from '@codemirror/view';

import { codePointCount } from '../utf8.js';

/**
 * The maximum run of combining marks drawn as text. Unicode's Stream-Safe
 * Text Format (UAX #15) sets the same limit, 30, on a run of non-starters,
 * which most combining marks are.
 */
export const maxDrawnCombiningMarks = 30;

/** The placeholder of a run of combining marks too long to draw. */
class CombiningRunWidget extends WidgetType {
  constructor(count) {
    super();
    this.count = count;
  }

  eq(other) {
    return other.count === this.count;
  }

  toDOM() {
    const span = document.createElement('span');
    span.className = 'cm-specialChar';
    const label = `${this.count.toLocaleString('en-US')} combining marks`;
    span.textContent = `[${label}]`;
    span.title = label;
    span.setAttribute('role', 'img');
    span.setAttribute('aria-label', label);
    return span;
  }
}

/** Returns whether any of the sorted ranges overlaps or touches from..to. */
function overlapsAny(ranges, from, to) {
  // Binary search for the first range that ends at or after `from`.
  let low = 0;
  let high = ranges.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (ranges[middle].to < from) low = middle + 1;
    else high = middle;
  }
  return low < ranges.length && ranges[low].from <= to;
}

/** Returns whether the position falls between the halves of a pair. */
function splitsPair(doc, position) {
  if (position <= 0 || position >= doc.length) return false;
  return /^[\ud800-\udbff][\udc00-\udfff]$/.test(
    doc.sliceString(position - 1, position + 1),
  );
}

/**
 * Returns the extensions that draw each run of more than
 * maxDrawnCombiningMarks combining marks as a placeholder. Marks the editor
 * shows one by one (U+034F) count too, since Chromium shapes them into the
 * same cluster: one after every 30 accents once made a line of them take
 * seconds a keystroke. The placeholder takes precedence over theirs.
 */
export function combiningRunPlaceholders() {
  const mark = '\\p{M}';
  const longRun = new RegExp(`${mark}{${maxDrawnCombiningMarks + 1},}`, 'gu');
  const marksAtEnd = new RegExp(`${mark}*$`, 'u');
  const marksAtStart = new RegExp(`^${mark}*`, 'u');

  /** Returns the placeholders of the runs from `from` to `to`. */
  function findRuns(doc, from, to) {
    const found = [];
    for (let position = from; position <= to;) {
      const line = doc.lineAt(position);
      const end = Math.min(line.to, to);
      const text = doc.sliceString(position, end);
      for (const match of text.matchAll(longRun)) {
        const start = position + match.index;
        found.push(
          Decoration.replace({
            widget: new CombiningRunWidget(codePointCount(match[0])),
          }).range(start, start + match[0].length),
        );
      }
      position = line.to + 1;
    }
    return found;
  }

  /**
   * Returns where the run of marks that ends at `position` starts. The text
   * before it is read in growing pieces, so a long run costs no more than
   * reading it once, and a letter before the position costs one piece.
   */
  function runStart(doc, position) {
    // An edit can join two halves of a pair into a mark, so the scan starts
    // after the whole pair.
    if (splitsPair(doc, position)) position += 1;
    const lineFrom = doc.lineAt(position).from;
    for (let size = 64; ; size *= 4) {
      let from = Math.max(lineFrom, position - size);
      // A piece never starts between the halves of a surrogate pair.
      if (
        from > lineFrom &&
        /^[\udc00-\udfff]/.test(doc.sliceString(from, from + 1))
      ) {
        from -= 1;
      }
      const text = doc.sliceString(from, position);
      const marks = marksAtEnd.exec(text)[0].length;
      if (marks < text.length || from === lineFrom) return position - marks;
    }
  }

  /** Returns where the run of marks that starts at `position` ends. */
  function runEnd(doc, position) {
    if (splitsPair(doc, position)) position -= 1;
    const lineTo = doc.lineAt(position).to;
    for (let size = 64; ; size *= 4) {
      let to = Math.min(lineTo, position + size);
      if (to < lineTo && /^[\udc00-\udfff]/.test(doc.sliceString(to, to + 1))) {
        to += 1;
      }
      const text = doc.sliceString(position, to);
      const marks = marksAtStart.exec(text)[0].length;
      if (marks < text.length || to === lineTo) return position + marks;
    }
  }

  /**
   * Returns the ranges a transaction's changes touched in the new text,
   * each widened to the runs of marks around it, sorted and merged. A
   * change within a range read already adds only what lies past it, so a
   * thousand changes in one run read the run once.
   */
  function editedRanges(transaction) {
    const doc = transaction.newDoc;
    const ranges = [];
    transaction.changes.iterChangedRanges((_fromA, _toA, fromB, toB) => {
      const last = ranges.at(-1);
      if (last && fromB <= last.to) {
        if (toB > last.to) last.to = Math.max(toB, runEnd(doc, toB));
        return;
      }
      // The range always contains the change, because on a pair that an
      // edit joined, the scans start past its edge.
      const from = Math.min(fromB, runStart(doc, fromB));
      const to = Math.max(toB, runEnd(doc, toB));
      if (last && from <= last.to) {
        last.to = Math.max(last.to, to);
      } else {
        ranges.push({ from, to });
      }
    });
    return ranges;
  }

  /**
   * Returns the sorted ranges, each widened to take in whole the
   * placeholders that reach into it, and merged again. Those placeholders
   * are dropped, so their runs are searched again: cutting a surrogate pair
   * in two, say, leaves a run on each side of the lone half.
   */
  function widenToPlaceholders(ranges, placeholderSet) {
    const widened = [];
    for (const range of ranges) {
      placeholderSet.between(range.from, range.to, (from, to) => {
        range.from = Math.min(range.from, from);
        range.to = Math.max(range.to, to);
      });
      const last = widened.at(-1);
      if (last && range.from <= last.to) {
        last.from = Math.min(last.from, range.from);
        last.to = Math.max(last.to, range.to);
      } else {
        widened.push(range);
      }
    }
    return widened;
  }

  // The placeholders cover the whole text, not only the lines in view as a
  // MatchDecorator's would: CodeMirror draws the cursor's line wherever it
  // is, and after a jump to the end it drew a line of marks unreplaced. An
  // edit searches again only the runs it touched, so typing in a long line
  // does not read the line, and a replace-all reads each run once.
  const placeholders = StateField.define({
    create(state) {
      return Decoration.set(findRuns(state.doc, 0, state.doc.length), true);
    },
    update(runs, transaction) {
      if (!transaction.docChanged) return runs;

      const mapped = runs.map(transaction.changes);
      const ranges = widenToPlaceholders(editedRanges(transaction), mapped);
      const found = ranges.flatMap(({ from, to }) =>
        findRuns(transaction.newDoc, from, to),
      );
      return mapped.update({
        filter: (from, to) => !overlapsAny(ranges, from, to),
        filterFrom: ranges[0].from,
        filterTo: ranges.at(-1).to,
        add: found,
        sort: true,
      });
    },
    provide: (field) => [
      Prec.highest(EditorView.decorations.from(field)),
      // The cursor steps over a run, and deleting next to one deletes it.
      EditorView.atomicRanges.of((view) => view.state.field(field)),
    ],
  });

  /**
   * Moves each end of a selection that an edit leaves inside a run (two
   * lines of marks joined into one, say) to the run's edge, away from the
   * selection's middle. Typing there went after the run while the cursor
   * stayed inside it, so letters came out in reverse order.
   */
  const selectionOutsideRuns = EditorState.transactionFilter.of(
    (transaction) => {
      if (!transaction.docChanged && !transaction.selection) {
        return transaction;
      }
      const { state } = transaction;
      const runs = state.field(placeholders);
      const runAround = (position) => {
        let around = null;
        runs.between(position, position, (from, to) => {
          if (from < position && position < to) {
            around = { from, to };
            return false;
          }
          return undefined;
        });
        return around;
      };
      let moved = false;
      const ranges = state.selection.ranges.map((range) => {
        const fromRun = runAround(range.from);
        const toRun = runAround(range.to);
        if (!fromRun && !toRun) return range;
        moved = true;
        // A cursor goes after the run, and a range grows to take it whole.
        let from = range.from;
        if (fromRun) from = range.empty ? fromRun.to : fromRun.from;
        const to = toRun ? toRun.to : range.to;
        return range.head < range.anchor
          ? EditorSelection.range(to, from)
          : EditorSelection.range(from, to);
      });
      if (!moved) return transaction;
      return [
        transaction,
        {
          selection: EditorSelection.create(ranges, state.selection.mainIndex),
          sequential: true,
        },
      ];
    },
  );

  return [placeholders, selectionOutsideRuns];
}
