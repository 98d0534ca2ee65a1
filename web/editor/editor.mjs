// The JSON editor pane: CodeMirror 6 with JSON highlighting and segform's
// findings as lint diagnostics. scripts/bundle.mjs bundles this file
// into web/gen/editor.js, which the page imports once the form is usable.

import {
  defaultKeymap,
  history,
  historyKeymap,
  isolateHistory,
  redo,
  undo,
} from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import {
  bracketMatching,
  HighlightStyle,
  syntaxHighlighting,
} from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import {
  Annotation,
  Compartment,
  EditorSelection,
  EditorState,
  StateEffect,
  StateField,
  Transaction,
} from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  showPanel,
} from '@codemirror/view';
import { tags } from '@lezer/highlight';

import { appendMessageAndHint, severityLabel } from '../findings.js';
import { codePointCount, utf8Length } from '../utf8.js';
import { combiningRunPlaceholders } from './combining-runs.mjs';
import { unsafeToShowRanges } from '../gen/declarations.mjs';

// A pattern of the characters that the C++ messages escape, declared there
// (kUnsafeToShowRanges). Tabs and line breaks are left out, because JSON
// text may have them between tokens. So are the characters that join with
// their neighbours to show as one (zero-width joiners, variation selectors
// and tags): emoji and some scripts need them, and a placeholder would
// split them apart.
const unsafeToShow = new RegExp(
  '(?![\\t\\n\\r\\u200c\\u200d\\ufe00-\\ufe0f\\u{e0000}-\\u{e007f}\\u{e0100}-\\u{e01ef}])' +
    `[${unsafeToShowRanges
      .map(
        ([first, last]) =>
          `\\u{${first.toString(16)}}-\\u{${last.toString(16)}}`,
      )
      .join('')}]`,
  'u',
);

/**
 * Renders the placeholder of a hidden character. CodeMirror calls every
 * such character a control character and names only a few of them
 * ("Control character zero width space"). So the label gives the code
 * point, and the name when there is one.
 */
function renderHiddenCharacter(code, description, placeholder) {
  const span = document.createElement('span');
  span.className = 'cm-specialChar';
  span.textContent = placeholder;
  const codePoint = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = description.replace(/^Control character /, '');
  const label = name.startsWith('0x') ? codePoint : `${codePoint}, ${name}`;
  span.title = label;
  // A named image, since a plain span may not carry a name.
  span.setAttribute('role', 'img');
  span.setAttribute('aria-label', `Hidden character ${label}`);
  return span;
}

// Colours come from the page's custom properties (style.css), which inherit
// into the shadow root, so both colour schemes keep their contrast.
const pageTheme = EditorView.theme({
  '&': {
    color: 'var(--text)',
    backgroundColor: 'var(--surface)',
    maxHeight: '28rem',
  },
  // The page draws the focus ring around the editor's host (style.css),
  // whose overflow would clip a ring drawn here.
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': {
    fontFamily:
      'ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace',
  },
  '.cm-content': { caretColor: 'var(--text)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
  '.cm-gutters': {
    color: 'var(--muted)',
    backgroundColor: 'var(--code-surface)',
    borderRight: '1px solid var(--border)',
  },
  '.cm-activeLine, .cm-activeLineGutter': {
    backgroundColor: 'var(--code-surface)',
  },
  '.cm-tooltip': {
    color: 'var(--text)',
    backgroundColor: 'var(--surface)',
    border: '1px solid var(--border)',
  },
  '.cm-diagnostic-hint': { color: 'var(--muted)' },
  // CodeMirror's pure red falls short of text contrast in both schemes.
  '.cm-specialChar': { color: 'var(--error)' },
  // CodeMirror's own panel colours are light in both schemes.
  '.cm-panels': {
    color: 'var(--text)',
    backgroundColor: 'var(--code-surface)',
  },
  '.cm-panels.cm-panels-top': { borderBottom: '1px solid var(--border)' },
  '.cm-panels.cm-panels-bottom': { borderTop: '1px solid var(--border)' },
  '.cm-long-line-panel': { padding: '0.25rem 0.5rem' },
  // The text fields and buttons of the search and go-to-line panels, drawn
  // by CodeMirror for a light background only.
  '.cm-textfield': {
    color: 'var(--text)',
    backgroundColor: 'var(--surface)',
    border: '1px solid var(--border)',
  },
  '.cm-button': {
    color: 'var(--text)',
    backgroundColor: 'var(--surface)',
    backgroundImage: 'none',
    border: '1px solid var(--border)',
  },
  '.cm-button:active': { backgroundColor: 'var(--code-surface)' },
  // CodeMirror's translucent match colours are made for a light background.
  // On the page's surfaces, text keeps its contrast in both schemes.
  '.cm-searchMatch': {
    backgroundColor: 'var(--warning-surface)',
    outline: '1px solid var(--warning)',
  },
  '.cm-searchMatch.cm-searchMatch-selected': {
    backgroundColor: 'var(--info-surface)',
    outline: '2px solid var(--info)',
  },
  // The other places of the selected word, marked the same way.
  '.cm-selectionMatch': { backgroundColor: 'var(--warning-surface)' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground': {
    backgroundColor: 'var(--info-surface)',
  },
});

const pageHighlightStyle = HighlightStyle.define([
  { tag: tags.string, color: 'var(--ok)' },
  {
    tag: [tags.number, tags.bool, tags.null, tags.keyword],
    color: 'var(--info)',
  },
  { tag: tags.propertyName, color: 'var(--accent)' },
  { tag: tags.invalid, color: 'var(--error)' },
]);

/**
 * The maximum line length, in characters, that keeps JSON highlighting,
 * bracket matching and line wrapping on. VS Code's editor.maxTokenizationLineLength has the same
 * default. CodeMirror (@codemirror/language 6.13, @codemirror/view 6.44)
 * parses everything in the viewport, and a wrapped line in view whole. On
 * one line of a megabyte, each edit cost a 20 ms parse, and the parser's
 * idle work ran in 100 ms slices. Search marked every match in the wrapped
 * line (270 ms a keystroke), and a paste left the view blank.
 */
export const maxHighlightedLineLength = 20_000;

/**
 * The maximum number of commas, colons and brackets in a line that keeps
 * JSON highlighting, bracket matching and line wrapping on. Each token of a line in view is
 * drawn as an element. Typing in a line of 9,900 numbers (20 KB) took 1 to
 * 4 s a keystroke. In a minified request of 10 KB (about 1,200 of these
 * characters) it took 60 to 120 ms, and in one of 5 KB under 50 ms.
 */
export const maxHighlightedLinePunctuation = 600;

/**
 * The maximum number of hidden characters a line can have with each marked
 * by a placeholder. Each placeholder is an element of its own, and Chromium
 * lays out a line of them once per element an edit removes: replacing a
 * line of 1,000 took 8 s, and the time grows with the square of the count.
 */
export const maxMarkedHiddenPerLine = 100;

// CodeMirror's own special characters (@codemirror/view 6.44), given
// whole so that the count below is of the characters it marks.
const codeMirrorSpecials =
  /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u00ad\u061c\u200b\u200e\u200f\u2028\u2029\u202d\u202e\u2066\u2067\u2069\ufeff\ufff9-\ufffc]/u;
export const markedHidden = new RegExp(
  `${codeMirrorSpecials.source}|${unsafeToShow.source}`,
  'gu',
);

/**
 * Returns a panel constructor for a note at the top of the editor, a live
 * region unless the caller announces the note itself.
 */
function notePanelOf(text, { live = true } = {}) {
  return () => {
    const dom = document.createElement('div');
    dom.className = 'cm-long-line-panel';
    if (live) {
      dom.setAttribute('role', 'status');
    }
    dom.textContent = text;
    return { dom, top: true };
  };
}

/** Creates a panel at the top of the editor with a note of the text. */
function notePanel(text) {
  return showPanel.of(notePanelOf(text));
}

// The note of an edit rejected for the size limit, shown until the next
// change of the text. The panel is not a live region: it is inserted with
// its text, which some screen readers do not announce, and a second
// rejection would change nothing in it. The page announces each rejection.
const rejectEdit = StateEffect.define();
const rejectedEditNote = StateField.define({
  create: () => null,
  update(note, transaction) {
    for (const effect of transaction.effects) {
      if (effect.is(rejectEdit)) {
        return effect.value;
      }
    }
    return transaction.docChanged ? null : note;
  },
  provide: (field) =>
    showPanel.from(field, (note) =>
      note ? notePanelOf(note, { live: false }) : null,
    ),
});

/**
 * Returns the text's length in UTF-8 bytes after the transaction, from its
 * length before. Only the changes are counted, unless one of them removes,
 * inserts or borders half of a surrogate pair: joining two lone halves
 * makes one character of four bytes out of two of three, so then the whole
 * text is counted.
 */
function bytesAfter(transaction, bytesBefore) {
  const startDoc = transaction.startState.doc;
  const surrogate = /[\ud800-\udfff]/;
  let growth = 0;
  let recount = false;
  transaction.changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
    if (recount) return;
    const added = inserted.toString();
    const around = startDoc.sliceString(
      Math.max(0, fromA - 1),
      Math.min(startDoc.length, toA + 1),
    );
    if (surrogate.test(added) || surrogate.test(around)) {
      recount = true;
      return;
    }
    growth += utf8Length(added) - utf8Length(startDoc.sliceString(fromA, toA));
  });
  return recount
    ? utf8Length(transaction.newDoc.toString())
    : bytesBefore + growth;
}

// Marks the edits the page applies (the form's, an import's).
const pageEdit = Annotation.define();

/**
 * Returns the source of a transaction's change of the text: 'page' (see
 * pageEdit), 'user' for an edit in the editor, or null for an undo or redo.
 */
function editSource(transaction) {
  if (transaction.isUserEvent('undo') || transaction.isUserEvent('redo')) {
    return null;
  }
  return transaction.annotation(pageEdit) ? 'page' : 'user';
}

// The source of the last change of the text, as editSource returns it.
const lastEditSource = StateField.define({
  create: () => null,
  update: (source, transaction) =>
    transaction.docChanged ? editSource(transaction) : source,
});

/**
 * Keeps the page's edits and those typed in the editor in separate undo
 * steps. CodeMirror joins changes made less than half a second apart, so
 * one Ctrl+Z took back both a choice in the form and the typing before it.
 * Edits from one source still join, so typing a number in the form is one
 * step.
 */
export const separateEditSources = [
  lastEditSource,
  EditorState.transactionExtender.of((transaction) => {
    if (!transaction.docChanged) {
      return null;
    }
    const before = transaction.startState.field(lastEditSource);
    const source = editSource(transaction);
    return before !== null && source !== null && before !== source
      ? { annotations: isolateHistory.of('before') }
      : null;
  }),
];

/**
 * Rejects an edit by the user that would make the text longer than
 * maxBytes in UTF-8, the most the page checks and saves. That is typing, a
 * paste, a drop or a command such as indenting. Undo and redo pass, since
 * they only go back to texts there were. A paste of 16 MiB left each
 * keystroke 60 to 140 ms long and every save failing. Edits from the page
 * itself (the form, an import) pass, so the editor always contains the
 * page's text. The text's length
 * is kept as it changes, and an edit's bytes are counted only while the
 * text could be over the limit (more than a third of it in code units).
 * Exported for the Node tests, as is the field.
 */
export function sizeLimit(maxBytes, note) {
  const textBytes = StateField.define({
    create: (state) => utf8Length(state.doc.toString()),
    update: (bytes, transaction) =>
      transaction.docChanged ? bytesAfter(transaction, bytes) : bytes,
  });
  const filter = EditorState.transactionFilter.of((transaction) => {
    const event = transaction.annotation(Transaction.userEvent);
    if (
      !transaction.docChanged ||
      transaction.newDoc.length * 3 <= maxBytes ||
      event === undefined ||
      transaction.isUserEvent('undo') ||
      transaction.isUserEvent('redo')
    ) {
      return transaction;
    }
    const before = transaction.startState.field(textBytes);
    const after = bytesAfter(transaction, before);
    if (after <= maxBytes || after <= before) {
      return transaction;
    }
    return { effects: rejectEdit.of(note) };
  });
  return { extension: [textBytes, filter], textBytes };
}

/**
 * A part of the editor that is on while every line passes a test and
 * replaced otherwise by a panel that gives the reason. The switch is made
 * in the same transaction as the edit that crosses the limit, so no update
 * ever draws the line it is off for. Exported for the Node tests.
 * @param {{on: object, off: object, isOverLimit: (line: string) => boolean}} options
 */
export function lineGuard({ on, off, isOverLimit }) {
  const slot = new Compartment();
  const anyOver = (lines) => {
    for (const line of lines) {
      if (isOverLimit(line)) {
        return true;
      }
    }
    return false;
  };
  // When the old text had no line over the limit, only the lines the edits
  // touched can have one, so a keystroke in 50,000 short lines does not
  // read them all.
  const overAfter = (transaction, wasOver) => {
    const doc = transaction.newDoc;
    if (wasOver) {
      return anyOver(doc.iterLines());
    }
    let found = false;
    // Changes come in order, so a line that several of them touch (as a
    // replace-all's do) is read once, not once for each.
    let lastLineRead = 0;
    transaction.changes.iterChangedRanges((_fromA, _toA, fromB, toB) => {
      let position = fromB;
      while (!found) {
        const line = doc.lineAt(position);
        if (line.number !== lastLineRead) {
          lastLineRead = line.number;
          found = isOverLimit(line.text);
        }
        if (line.to >= toB) {
          break;
        }
        position = line.to + 1;
      }
    });
    return found;
  };
  const switcher = EditorState.transactionExtender.of((transaction) => {
    if (!transaction.docChanged) {
      return null;
    }
    const wasOver = slot.get(transaction.startState) === off;
    const over = overAfter(transaction, wasOver);
    if (over === wasOver) {
      return null;
    }
    return { effects: slot.reconfigure(over ? off : on) };
  });
  return {
    /** Returns the extensions for an editor that starts with these lines. */
    extensions(lines) {
      return [slot.of(anyOver(lines) ? off : on), switcher];
    },
  };
}

/** Returns whether a line (without its line break) is over the limit. */
function isLongLine(line) {
  if (line.length <= maxHighlightedLineLength) {
    return hasDensePunctuation(line);
  }
  if (line.length > 2 * maxHighlightedLineLength) {
    return true;
  }
  // In between, the surrogate pairs decide, as each is one character in
  // two UTF-16 units.
  return codePointCount(line) > maxHighlightedLineLength;
}

/** Returns whether a line has more commas, colons and brackets than the limit. */
function hasDensePunctuation(line) {
  if (line.length <= maxHighlightedLinePunctuation) {
    return false;
  }
  let count = 0;
  for (let i = 0; i < line.length; i += 1) {
    const code = line.charCodeAt(i);
    // , : [ ] { }
    if (
      code === 0x2c ||
      code === 0x3a ||
      code === 0x5b ||
      code === 0x5d ||
      code === 0x7b ||
      code === 0x7d
    ) {
      count += 1;
      if (count > maxHighlightedLinePunctuation) {
        return true;
      }
    }
  }
  return false;
}

// Any character but printable ASCII and the tab. No pattern of hidden
// characters above takes those, which is checked once here against the
// patterns themselves, since the C++ declarations may change. Exported for
// the Node tests.
const possiblyHidden = /[^\t\x20-\x7e]/u;
export const plainIsNeverHidden = !new RegExp(markedHidden.source, 'u').test(
  `\t${Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('')}`,
);

/**
 * Returns whether a line has more hidden characters than are marked.
 * Exported, as markedHidden is, for the Node tests.
 */
export function hasManyHidden(line) {
  // The plain characters before the first other one cannot be hidden, so
  // the count starts there. They are read with a simple pattern, several
  // times faster than the pattern of hidden ones, and a line of plain
  // characters alone is read only with that.
  let start = 0;
  if (plainIsNeverHidden) {
    start = line.search(possiblyHidden);
    if (start < 0) return false;
  }
  markedHidden.lastIndex = start;
  let count = 0;
  while (markedHidden.exec(line) !== null) {
    count += 1;
    if (count > maxMarkedHiddenPerLine) {
      return true;
    }
  }
  return false;
}

// The text box's state for assistive technology: aria-invalid while the
// text has an error, and the counts of its findings as its description.
// The list of findings is outside the editor's shadow root, where
// aria-describedby cannot point, so the description is a text of its own.
const findingsAttributes = new Compartment();

// JSON highlighting, bracket matching and line wrapping, while every line
// is within the length limit. After every change and every move of the
// cursor, bracket matching reads the whole line the cursor's bracket is on,
// since CodeMirror checks its scan's distance limit only between lines:
// about 12 ms for a megabyte.
const highlightGuard = lineGuard({
  on: [json(), bracketMatching(), EditorView.lineWrapping],
  off: notePanel(
    'Highlighting, bracket matching and line wrapping are off while a line ' +
      'is longer than ' +
      `${maxHighlightedLineLength.toLocaleString('en-US')} characters or has ` +
      `more than ${maxHighlightedLinePunctuation} commas, colons and brackets.`,
  ),
  isOverLimit: isLongLine,
});

// A placeholder for each character the messages escape, while no line has
// more of them than the limit. The findings name them all the same.
const hiddenGuard = lineGuard({
  on: highlightSpecialChars({
    addSpecialChars: unsafeToShow,
    render: renderHiddenCharacter,
  }),
  off: notePanel(
    'Hidden characters are not marked while a line has more than ' +
      `${maxMarkedHiddenPerLine} of them.`,
  ),
  isOverLimit: hasManyHidden,
});

/**
 * Creates the editor in a shadow root attached to `parent`.
 * NOTE: the shadow root is what makes CodeMirror work under the page's
 * `style-src 'self'`. In a document, style-mod 4.1 writes its rules into a
 * <style> element, which that policy blocks; in a shadow root it uses a
 * constructed CSSStyleSheet (adoptedStyleSheets), which the policy allows.
 * @param {{parent: Element, text: string, label: string, maxBytes: number,
 *          sizeNote: string, onEditRejected: () => void,
 *          onChange: (readText: () => string) => void,
 *          beforeUserInput: () => void}} options
 *   maxBytes is the maximum length of the text, in UTF-8 bytes, after an
 *   edit by the user. sizeNote is the note shown when such an edit is
 *   rejected, and onEditRejected runs after each such edit, to announce it.
 *   onChange runs after every change of the text, typed or dispatched, with
 *   a function that returns the new text. Building that string takes a few
 *   milliseconds for a megabyte, so it is built only when asked for.
 *   beforeUserInput runs before CodeMirror handles a key, pointer,
 *   clipboard or input event, so the caller can bring the text up to date.
 */
export function createEditor({
  parent,
  text,
  label,
  maxBytes,
  sizeNote,
  onEditRejected,
  onChange,
  beforeUserInput,
}) {
  const root = parent.attachShadow({ mode: 'open' });
  // Capturing on the shadow root runs before CodeMirror's own handlers.
  for (const type of [
    'keydown',
    'beforeinput',
    'pointerdown',
    'mousedown',
    'paste',
    'cut',
    'drop',
    'compositionstart',
  ]) {
    root.addEventListener(type, () => beforeUserInput(), { capture: true });
  }
  const lines = text.split('\n');
  // Set while the scroll of an undo run for a form field is pending.
  let skipNextScroll = false;
  const view = new EditorView({
    parent: root,
    root,
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(),
        // The characters that the findings' messages escape show as
        // placeholders, as CodeMirror shows some of them already.
        hiddenGuard.extensions(lines),
        combiningRunPlaceholders(),
        sizeLimit(maxBytes, sizeNote).extension,
        rejectedEditNote,
        highlightActiveLineGutter(),
        history(),
        separateEditSources,
        // The undo that stepHistoryTo runs for a form field would scroll the
        // page to the editor's selection, away from the field. Its scroll,
        // the next one, is skipped.
        EditorView.scrollHandler.of(() => {
          const skip = skipNextScroll;
          skipNextScroll = false;
          return skip;
        }),
        drawSelection(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        syntaxHighlighting(pageHighlightStyle),
        pageTheme,
        highlightGuard.extensions(lines),
        lintGutter(),
        EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
        findingsAttributes.of(EditorView.contentAttributes.of({})),
        // A dropped file is the page's import, which replaces the whole text
        // and offers Undo. Marked as handled here, it is not also inserted
        // at the drop point, and the event goes on to the page's handler.
        EditorView.domEventHandlers({
          drop: (event) => (event.dataTransfer?.files.length ?? 0) > 0,
        }),
        keymap.of([
          ...defaultKeymap,
          ...historyKeymap,
          ...searchKeymap,
          ...lintKeymap,
        ]),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) {
            onChange(() => update.state.doc.toString());
          }
          const rejected = update.transactions.some((transaction) =>
            transaction.effects.some((effect) => effect.is(rejectEdit)),
          );
          if (rejected) {
            onEditRejected();
          }
        }),
      ],
    }),
  });

  let shownAttributes = {};

  return {
    view,
    getText() {
      return view.state.doc.toString();
    },
    /**
     * Applies {from, to, insert} edits in one transaction. CodeMirror maps the
     * selection through them, and nothing scrolls. With ownUndoStep the edits
     * are an undo step of their own. Without it, CodeMirror joins them to an
     * edit of the page made less than half a second before, as it does with
     * typing, but not to an edit typed in the editor.
     */
    applyChanges(changes, { ownUndoStep = false } = {}) {
      view.dispatch({
        changes,
        annotations: [
          pageEdit.of(true),
          ...(ownUndoStep ? [isolateHistory.of('full')] : []),
        ],
      });
    },
    /**
     * Runs the editor's undo (or redo, for direction 'redo') when it gives
     * exactly `text`, and returns whether it did.
     */
    stepHistoryTo(text, direction) {
      let step = null;
      const command = direction === 'redo' ? redo : undo;
      command({
        state: view.state,
        dispatch(transaction) {
          step = transaction;
        },
      });
      if (
        step === null ||
        step.newDoc.length !== text.length ||
        step.newDoc.toString() !== text
      ) {
        return false;
      }
      skipNextScroll = step.scrollIntoView;
      view.dispatch(step);
      // CodeMirror scrolls in its measure, which it has requested for the
      // next frame already. An editor without a height skips that, and the
      // flag must not skip a later scroll instead.
      requestAnimationFrame(() => {
        skipNextScroll = false;
      });
      return true;
    },
    /**
     * Shows findings (with utf16Begin/utf16End into the text) as diagnostics.
     * The summary, {invalid, description}, sets the text box's aria-invalid
     * and description.
     */
    showFindings(findings, { invalid, description }) {
      const diagnostics = setDiagnostics(
        view.state,
        findings.map((finding) => toDiagnostic(finding, view.state.doc.length)),
      );
      const effects = [diagnostics.effects ?? []].flat();
      const attributes = {
        'aria-invalid': invalid ? 'true' : 'false',
        'aria-description': description,
      };
      // Reconfiguring recomputes the editor's facets, so it is done only
      // when the attributes change, not on every keystroke.
      if (
        attributes['aria-invalid'] !== shownAttributes['aria-invalid'] ||
        attributes['aria-description'] !== shownAttributes['aria-description']
      ) {
        shownAttributes = attributes;
        effects.push(
          findingsAttributes.reconfigure(
            EditorView.contentAttributes.of(attributes),
          ),
        );
      }
      view.dispatch({ effects });
    },
    /** Selects a range, scrolls it into view and focuses the editor. */
    revealRange(from, to) {
      const length = view.state.doc.length;
      view.dispatch({
        selection: EditorSelection.single(
          Math.min(from, length),
          Math.min(to, length),
        ),
        scrollIntoView: true,
      });
      view.focus();
    },
    hasFocus() {
      return view.hasFocus;
    },
    focus() {
      view.focus();
    },
  };
}

function toDiagnostic(finding, length) {
  const from = Math.min(finding.utf16Begin ?? 0, length);
  const to = Math.min(Math.max(finding.utf16End ?? from, from), length);
  return {
    from,
    to,
    severity: finding.severity === 'info' ? 'info' : finding.severity,
    source: finding.code,
    message: finding.hint
      ? `${finding.message}. ${finding.hint}`
      : finding.message,
    // Built from text nodes only: messages quote the user's input.
    renderMessage() {
      const element = document.createElement('span');
      const label = document.createElement('strong');
      label.textContent = `${severityLabel(finding.severity)}: `;
      element.append(label);
      appendMessageAndHint(element, finding, {
        messageClass: 'cm-diagnostic-message',
        hintClass: 'cm-diagnostic-hint',
      });
      return element;
    },
  };
}
