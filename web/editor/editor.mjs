// The JSON editor pane: CodeMirror 6 with JSON highlighting and segform's
// findings as lint diagnostics. scripts/bundle.mjs bundles this file
// into web/gen/editor.js, which the page imports once the form is usable.

import { defaultKeymap, history, historyKeymap, isolateHistory } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { bracketMatching, HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { EditorSelection, EditorState } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { tags } from '@lezer/highlight';

import { appendMessageAndHint, severityLabel } from '../findings.js';


// Colours come from the page's custom properties (style.css), which inherit
// into the shadow root, so both colour schemes keep their contrast.
const pageTheme = EditorView.theme({
  '&': { color: 'var(--text)', backgroundColor: 'var(--surface)', maxHeight: '28rem' },
  // The page draws the focus ring around the editor's host (style.css),
  // whose overflow would clip a ring drawn here.
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': {
    fontFamily: 'ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace',
  },
  '.cm-content': { caretColor: 'var(--text)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
  '.cm-gutters': {
    color: 'var(--muted)',
    backgroundColor: 'var(--code-surface)',
    borderRight: '1px solid var(--border)',
  },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'var(--code-surface)' },
  '.cm-tooltip': {
    color: 'var(--text)',
    backgroundColor: 'var(--surface)',
    border: '1px solid var(--border)',
  },
  '.cm-diagnostic-hint': { color: 'var(--muted)' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground': {
    backgroundColor: 'var(--info-surface)',
  },
});

const pageHighlightStyle = HighlightStyle.define([
  { tag: tags.string, color: 'var(--ok)' },
  { tag: [tags.number, tags.bool, tags.null, tags.keyword], color: 'var(--info)' },
  { tag: tags.propertyName, color: 'var(--accent)' },
  { tag: tags.invalid, color: 'var(--error)' },
]);

/**
 * Creates the editor in a shadow root attached to `parent`.
 * NOTE: the shadow root is what makes CodeMirror work under the page's
 * `style-src 'self'`. In a document, style-mod 4.1 writes its rules into a
 * <style> element, which that policy blocks; in a shadow root it uses a
 * constructed CSSStyleSheet (adoptedStyleSheets), which the policy allows.
 * @param {{parent: Element, text: string, label: string,
 *          onChange: (text: string) => void, beforeUserInput: () => void}} options
 *   onChange runs after every change of the text, typed or dispatched.
 *   beforeUserInput runs before CodeMirror handles a key, pointer,
 *   clipboard or input event, so the caller can bring the text up to date.
 */
export function createEditor({ parent, text, label, onChange, beforeUserInput }) {
  const root = parent.attachShadow({ mode: 'open' });
  // Capturing on the shadow root runs before CodeMirror's own handlers.
  for (const type of ['keydown', 'beforeinput', 'pointerdown', 'mousedown', 'paste', 'cut',
    'drop', 'compositionstart']) {
    root.addEventListener(type, () => beforeUserInput(), { capture: true });
  }
  const view = new EditorView({
    parent: root,
    root,
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        bracketMatching(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        syntaxHighlighting(pageHighlightStyle),
        pageTheme,
        json(),
        lintGutter(),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': label }),
        keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, ...lintKeymap]),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) {
            onChange(update.state.doc.toString());
          }
        }),
      ],
    }),
  });

  return {
    view,
    getText() {
      return view.state.doc.toString();
    },
    /**
     * Applies {from, to, insert} edits in one transaction. CodeMirror maps the
     * selection through them, and nothing scrolls. With ownUndoStep the edits
     * are an undo step of their own. Without it, CodeMirror joins them to a
     * change made less than half a second before, as it does with typing.
     */
    applyChanges(changes, { ownUndoStep = false } = {}) {
      view.dispatch({
        changes,
        annotations: ownUndoStep ? isolateHistory.of('full') : [],
      });
    },
    /** Shows findings (with utf16Begin/utf16End into the text) as diagnostics. */
    showFindings(findings) {
      view.dispatch(setDiagnostics(view.state, findings.map((finding) =>
        toDiagnostic(finding, view.state.doc.length))));
    },
    /** Selects a range, scrolls it into view and focuses the editor. */
    revealRange(from, to) {
      const length = view.state.doc.length;
      view.dispatch({
        selection: EditorSelection.single(Math.min(from, length), Math.min(to, length)),
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
    message: finding.hint ? `${finding.message}. ${finding.hint}` : finding.message,
    // Built from text nodes only: messages quote the user's input.
    renderMessage() {
      const element = document.createElement('span');
      const label = document.createElement('strong');
      label.textContent = `${severityLabel(finding.severity)}: `;
      element.append(label);
      appendMessageAndHint(element, finding,
        { messageClass: 'cm-diagnostic-message', hintClass: 'cm-diagnostic-hint' });
      return element;
    },
  };
}
