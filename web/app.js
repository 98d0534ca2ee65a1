// Entry point of the page. Loads the validator, builds the form from the
// field declarations it exports, and keeps the JSON text as the state: every
// change of the text, from the editor, the form or an import, is validated.
// Export, Copy and Import go through the same validator.

import { loadSegform } from './segform.mjs';
import { createFieldControls } from './form.js';
import { formatInteger } from './int64.js';
import {
  appendHint,
  countAllFindings,
  createFindingElement,
  describeCounts,
  escapePointerToken,
  escapeUnsafe,
  isolateBidi,
  pluralize,
  quoteForDisplay,
  severityLabel,
  shortened,
} from './findings.js';
import {
  applyEdits,
  fieldEdits,
  memberSpans,
  removalEdits,
  withLfLineEnds,
} from './json-text.js';
import { readSavedRecord, savedRecord } from './saved-text.js';
import { maxLinkLength, shareLink, sharedState } from './share.js';
import { utf8Length } from './utf8.js';
import { placeholderPrefix } from './gen/declarations.mjs';

const exportFileName = 'training-inputs.json';
const pipelineFileName = 'training-pipeline-request.json';
const storageKey = 'segform.jsonText';
// A session storage key set while saves fail, which a reload in the same
// tab reads to report that the restored text may be older than the edits.
const saveFailedKey = 'segform.saveFailed';
// When the saved text was edited, in ms since 1970. A key of its own, so that
// a save can compare times without reading and parsing the whole text.
const editTimeKey = 'segform.jsonText.editTime';
// A saved record this page cannot read, perhaps written by a later
// version, is copied here before the first save replaces it. A key that
// contains another record already is not written over, so the copy goes to
// the first free one of unreadRecordKey, then ".2" to ".9" after it.
const unreadRecordKey = 'segform.jsonText.unread';
const unreadRecordKeys = [
  unreadRecordKey,
  ...Array.from({ length: 8 }, (_, index) => `${unreadRecordKey}.${index + 2}`),
];

/**
 * Copies a record to the first unread-record key that is free or contains
 * the same record, and returns that key. Throws when no key is free, or
 * when storage rejects the copy.
 */
function copyRecordAside(record) {
  const key = unreadRecordKeys.find((candidate) => {
    const stored = window.localStorage.getItem(candidate);
    return stored === null || stored === record;
  });
  if (key === undefined) {
    throw new SetAsideKeysFullError(
      `the keys ${unreadRecordKey} to ${unreadRecordKeys.at(-1)} contain other texts`,
    );
  }
  window.localStorage.setItem(key, record);
  return key;
}

/** Thrown when every unread-record key contains another record. */
class SetAsideKeysFullError extends Error {}

/** Thrown by a save that saveBlockedReason stops. */
class SaveBlockedError extends Error {}

/**
 * Returns why copying a record aside failed, and what the user can do
 * about it, as a clause and a sentence for the notices.
 */
function describeSetAsideFailure(error) {
  if (error instanceof SetAsideKeysFullError) {
    return {
      reason:
        `the keys ${unreadRecordKey} to ${unreadRecordKeys.at(-1)} already ` +
        'contain other texts set aside',
      remedy:
        "Copy those texts out of this browser's storage and remove their " +
        'keys, and saving resumes with the next edit.',
    };
  }
  return {
    reason: describeStorageError(error),
    remedy:
      "Free some of this browser's storage for this page, and saving " +
      'resumes with the next edit.',
  };
}

/**
 * Returns why localStorage rejected a write, in the page's words for the
 * usual case of a full quota, and in the browser's own otherwise.
 */
function describeStorageError(error) {
  return error?.name === 'QuotaExceededError'
    ? "this browser's storage for this page is full"
    : `this browser's storage rejected it (${describeError(error)})`;
}

/** Turns saving off after copying a record aside failed with `error`. */
function blockSaving(error) {
  const { reason, remedy } = describeSetAsideFailure(error);
  saveBlockedReason =
    'a save would replace a saved text this page cannot open, and copying ' +
    `that text aside failed because ${reason}. ${remedy.replace(/\.$/, '')}`;
  return { reason, remedy };
}

// The reason saving is off, or null. It is set when the unread record
// could not be copied, so that no save replaces the only copy.
let saveBlockedReason = null;
/**
 * Returns why the text cannot be exported as `kind`: a pipeline request
 * needs inputs that are an object, and a request's inputs can be exported
 * alone only when they are one.
 */
function notAnObjectMessage(kind) {
  if (!state.result.pipelineRequest) {
    return (
      'The JSON text cannot be read as an object, so it cannot go into a pipeline ' +
      'request. Fix it first.'
    );
  }
  const what =
    kind === 'pipeline'
      ? 'it cannot go into a pipeline request'
      : 'there are no inputs to export alone';
  return `The request has no trainingTaskInputs object, so ${what}. Fix it first.`;
}
// The import messages' name for pasted text, which has no file name.
const pastedTextLabel = 'the pasted text';

const elements = Object.fromEntries(
  [
    'validator-status',
    'notice-announcer',
    'notice-bars',
    'finding-count',
    'general-findings',
    'form-note',
    'inputs-form',
    'inputs-fieldset',
    'fields',
    'unknown-section',
    'unknown-list',
    'skip-unknown-button',
    'export-button',
    'copy-button',
    'pipeline-export-button',
    'pipeline-copy-button',
    'import-button',
    'reset-button',
    'import-input',
    'action-status',
    'import-status',
    'undo-bar',
    'undo-button',
    'undo-description',
    'editor-root',
    'editor-loading',
    'editor-findings',
    'preview-note',
    'preview',
    'confirm-dialog',
    'confirm-heading',
    'confirm-text',
    'confirm-list',
    'confirm-cancel',
    'confirm-accept',
    'share-button',
    'share-link',
    'share-dialog',
    'share-cancel',
    'share-accept',
    'other-tab-bar',
    'other-tab-text',
    'keep-tab-button',
    'open-tab-button',
    'save-failed-bar',
    'save-failed-text',
  ].map((id) => [
    id.replace(/-(\w)/g, (_, letter) => letter.toUpperCase()),
    document.getElementById(id),
  ]),
);
elements.form = elements.inputsForm;
elements.fieldset = elements.inputsFieldset;

const state = {
  segform: null,
  controls: [],
  // The JSON text as the user wrote it. It is the page's state: the form
  // shows the values the validator reads from it.
  text: '',
  // The latest validation result of `text`.
  result: null,
  // {objectSpan, members} of `text`, or null while it is not an object.
  spans: null,
  // The imported file's name while `text` is that file's text, that is
  // until the next edit. Findings then show their line and column in it.
  importedFileName: null,
  // {text, description} that Undo restores after an import or a reset.
  undo: null,
  // The CodeMirror editor, once its bundle has loaded.
  editor: null,
  // Whether the editor's bundle failed to load.
  editorFailed: false,
  // The origin of the text change being dispatched to the editor.
  pendingOrigin: null,
  // Edit lists typed in the form that the editor has not applied yet, and
  // whether applying them is scheduled (see editText).
  editorBacklog: [],
  editorSyncScheduled: false,
  // The object URL of the last export, revoked at the next one.
  exportUrl: null,
  // {key, element} of each row of the unknown keys' list, and of its line
  // for the keys not shown (see renderUnknownFields).
  unknownRows: [],
  // Whether the form was emptied because a text that is not an object
  // replaced the whole text, which leaves no last values to show.
  formCleared: false,
  // Settles once the editor has loaded or failed to (see loadEditor).
  editorReady: null,
  // Whether a text change closed the export dialog (see confirmExport).
  exportInterrupted: false,
  // The origin of the last change of the text. An import that waited reads
  // it to find out whether another import replaced the text meanwhile.
  lastOrigin: null,
};

start();

async function start() {
  let segform;
  try {
    segform = await loadSegform();
  } catch (error) {
    const reason = await describeLoadFailure(
      error,
      new URL('segform.wasm', import.meta.url),
    );
    disablePage(`The validator failed to load: ${reason}.`);
    elements.editorLoading.textContent =
      'The editor is not loaded, since the validator is not.';
    return;
  }
  state.segform = segform;
  state.controls = createFieldControls(segform.inputs.fields, elements.fields, {
    maxLength: segform.limits.maxTextBytes,
  });

  elements.validatorStatus.textContent = `Validator ${segform.version} loaded. Every change is checked as you type.`;
  elements.validatorStatus.classList.add('status-ok');
  setActionsDisabled(false);
  wireEvents();
  const shared = sharedState(window.location.hash, segform.limits.maxTextBytes);
  // Without a readable saved text, a link's inputs open at once.
  const { text: restored, notice } = restoreText(
    shared?.text === undefined
      ? 'the defaults are shown'
      : "the shared link's inputs are shown",
  );
  if (
    shared?.text !== undefined &&
    (restored === null || restored === shared.text)
  ) {
    changeText(shared.text, 'load');
    saveText(state.text);
    // The notice about the saved text is shown too, or the user would not
    // know where a text set aside went.
    const opened = `Opened the inputs from the shared link.${errorsToFix()}`;
    showImportStatus(
      notice?.isError ? `${opened} ${notice.message}` : opened,
      [],
      notice?.isError ?? false,
    );
  } else {
    changeText(restored ?? defaultText(), 'load');
    if (notice) {
      showImportStatus(notice.message, [], notice.isError);
    }
  }
  state.editorReady = loadEditor();
  // A link pasted into the address bar of the open page changes only the
  // fragment, which does not reload the page. The listener starts before
  // the dialog about the link the page was opened with, so that a link
  // pasted while that dialog is open replaces it.
  window.addEventListener('hashchange', () =>
    openSharedFragment(
      sharedState(window.location.hash, state.segform.limits.maxTextBytes),
      state.text,
      { inPlace: true },
    ),
  );
  await openSharedFragment(shared, restored);
}

/**
 * Finishes opening a shared link: reports an unreadable one, confirms before its
 * text replaces different saved text, and drops the fragment, so that a
 * reload restores the saved text. `inPlace` is true for a link that changed
 * only the fragment of the open page.
 */
async function openSharedFragment(shared, savedText, { inPlace = false } = {}) {
  if (shared === null) {
    return;
  }
  if (shared.error !== undefined) {
    // The latest link is the one the user means, so a dialog still open
    // for an earlier one closes without opening it.
    closeShareDialog();
    showImportStatus(
      `The shared link's inputs could not be read (${shared.error}), ` +
        'so nothing was changed.',
      [],
      true,
    );
  } else if (
    savedText !== null &&
    savedText !== shared.text &&
    state.text !== shared.text
  ) {
    await openSharedText(shared.text);
  } else {
    closeShareDialog();
    // On load, start() has already opened the link's text and shown a
    // status. In place, the link contains the open text, so nothing changes.
    if (inPlace) {
      showImportStatus(
        "The shared link's inputs are already open, so nothing was changed.",
        [],
        false,
      );
    }
  }
  window.history.replaceState(
    null,
    '',
    window.location.pathname + window.location.search,
  );
}

// The text of the last shared link opened, or null once there is none to
// open. A link that arrives while the dialog is open for another replaces
// it, so accepting opens the latest.
let sharedTextToOpen = null;

/** Closes the share dialog, if it is open, without opening any link. */
function closeShareDialog() {
  if (elements.shareDialog.open) {
    sharedTextToOpen = null;
    elements.shareDialog.close();
  }
}

/** Asks before a shared link's text replaces the text saved in this browser. */
async function openSharedText(text) {
  sharedTextToOpen = text;
  if (elements.shareDialog.open) {
    return;
  }
  const accepted = await askInDialog(
    elements.shareDialog,
    elements.shareAccept,
    elements.shareCancel,
  );
  if (sharedTextToOpen === null) {
    return; // A later link closed the dialog.
  }
  // The closed dialog gives focus back to where it was, or to the page's
  // body when the page had just loaded. From the body it moves on: to the
  // inputs kept, or to Undo after the link's inputs are opened.
  if (!accepted) {
    showImportStatus(
      'Kept your saved text; the shared inputs were not opened.',
      [],
      false,
    );
    const focused = document.activeElement;
    if (
      focused === null ||
      focused === document.body ||
      focused === document.documentElement ||
      focused.closest('dialog') !== null
    ) {
      focusInputs();
    }
    return;
  }
  replaceOfferingUndo(
    sharedTextToOpen,
    'link',
    'Undo opening the shared link.',
  );
  showImportStatus(
    `Opened the inputs from the shared link.${errorsToFix()}`,
    [],
    false,
  );
  if (elements.undoBar.hidden) focusInputs();
  else elements.undoButton.focus();
}

/** Returns " It has 2 errors to fix before export." for the text, or ''. */
function errorsToFix() {
  const count = state.result?.errorCount ?? 0;
  return count > 0
    ? ` It has ${pluralize(count, 'error')} to fix before export.`
    : '';
}

/** Copies a link that opens the page with the current text. */
async function copyShareLink() {
  // A link carries UTF-8, in which half a surrogate pair would become
  // U+FFFD, so the link would open other inputs than these.
  if (!state.text.isWellFormed()) {
    setActionStatus(
      'These inputs contain half of a surrogate pair, which a link cannot ' +
        'carry. Fix the invalid UTF-8 error first.',
      true,
    );
    return;
  }
  const link = shareLink(window.location.href, state.text);
  if (link.url === undefined) {
    setActionStatus(
      `These inputs are too long for a link (${formatInteger(BigInt(link.length))} ` +
        `characters, over ${formatInteger(BigInt(maxLinkLength))}). Use ` +
        'Export and share the file instead.',
      true,
    );
    return;
  }
  // Without the clipboard, the link goes into a field to copy it from.
  const showLinkField = (status) => {
    setActionStatus(status, true);
    elements.shareLink.value = link.url;
    elements.shareLink.hidden = false;
    elements.shareLink.focus();
    elements.shareLink.select();
  };
  if (!navigator.clipboard) {
    showLinkField(
      'This browser gives the page no clipboard access, so the link is in ' +
        'the field below: copy it from there.',
    );
    return;
  }
  try {
    await navigator.clipboard.writeText(link.url);
  } catch (error) {
    showLinkField(
      `Copying the link failed: ${describeError(error)}. The link is in ` +
        'the field below: copy it from there.',
    );
    return;
  }
  elements.shareLink.hidden = true;
  setActionStatus(
    'Copied a link that opens these inputs; it holds them in its fragment, ' +
      'which is not sent to any server.',
    false,
  );
}

// The page opens with the service defaults filled in, except for string
// fields, which start empty.
function initialValue(field) {
  if (field.kind === 'string' || field.serviceDefault === '') {
    return undefined;
  }
  return field.serviceDefault;
}

/** Builds the opening JSON text from the service defaults, two-space indented. */
function defaultText() {
  const members = [];
  for (const control of state.controls) {
    control.setValue(initialValue(control.field));
    const token = control.jsonToken();
    if (token !== undefined) {
      members.push(`  ${JSON.stringify(control.field.jsonName)}: ${token}`);
    }
  }
  return members.length ? `{\n${members.join(',\n')}\n}\n` : '{}\n';
}

/**
 * Reads the text saved by an earlier visit. Returns {text, notice}: the
 * text, or null when there is none to read, and the {message, isError} to
 * show, or null. A record in another format, or past the size limit, is set aside.
 * `instead` names what the page shows when there is no text, as in "the
 * defaults are shown".
 */
function restoreText(instead) {
  let saved;
  try {
    saved = window.localStorage.getItem(storageKey);
  } catch (error) {
    return {
      text: null,
      notice: {
        message:
          `This browser's storage cannot be read (${describeError(error)}), ` +
          'so your edits will not be kept after you leave the page.',
        isError: true,
      },
    };
  }
  let saveFailed = false;
  try {
    saveFailed = window.sessionStorage.getItem(saveFailedKey) !== null;
    // Reported once: a later reload with no failed save since has nothing
    // more missing.
    window.sessionStorage.removeItem(saveFailedKey);
  } catch {
    // Without session storage, no earlier failed save can be read.
  }
  if (saved === null) {
    const notice = saveFailed
      ? {
          message:
            'Saving failed before the page was reloaded, so the edits made ' +
            `then are missing and ${instead}.`,
          isError: true,
        }
      : null;
    return { text: null, notice };
  }
  // A record set aside is not this tab's last text either.
  const missing = saveFailed
    ? ' Saving failed before the page was reloaded, so the edits made then ' +
      'are missing too.'
    : '';
  const text = readSavedRecord(saved);
  if (text === null || isPastSizeLimit(text)) {
    const notRead =
      text === null
        ? 'The text saved in this browser is not in a format this page ' +
          `reads, so ${instead}.`
        : `The text saved in this browser is longer than ${sizeLimitText()}, ` +
          `the most this page checks and saves, so ${instead}.`;
    const notice = setAsideUnreadRecord(saved, notRead);
    return {
      text: null,
      notice: { ...notice, message: notice.message + missing },
    };
  }
  if (saveFailed) {
    return {
      text,
      notice: {
        message:
          'Restored the JSON text last saved in this browser. Saving failed ' +
          'before the page was reloaded, so the last edits may be missing.',
        isError: true,
      },
    };
  }
  return {
    text,
    notice: {
      message: 'Restored the JSON text from your last visit.',
      isError: false,
    },
  };
}

/**
 * Returns whether this page can open a saved record: one in a format it
 * reads, of a text within the size limit.
 */
function canOpenRecord(record) {
  const text = readSavedRecord(record);
  return text !== null && !isPastSizeLimit(text);
}

/**
 * Returns whether the text is longer than the size limit in UTF-8 bytes.
 * A UTF-16 unit takes at most three bytes, so a short text is not counted.
 */
function isPastSizeLimit(text) {
  const max = state.segform.limits.maxTextBytes;
  return text.length * 3 > max && utf8Length(text) > max;
}

/**
 * Copies a saved record that this page cannot read to unreadRecordKey, or
 * turns saving off when the copy fails. Returns the notice of the outcome,
 * {message, isError}, which follows `notRead`, the sentence that names
 * where the record came from.
 */
function setAsideUnreadRecord(saved, notRead) {
  try {
    const key = copyRecordAside(saved);
    saveBlockedReason = null;
    return {
      message:
        `${notRead} That text is kept in this browser's storage, ` +
        `under the key ${key}.`,
      isError: true,
    };
  } catch (error) {
    const { reason, remedy } = blockSaving(error);
    return {
      message:
        `${notRead} Copying that text aside failed because ${reason}, so ` +
        `this page does not save over it. ${remedy}`,
      isError: true,
    };
  }
}

// Writing a large text to localStorage takes milliseconds, so a burst of
// typing is saved at most once per saveDelayMs. Hiding or leaving the page
// saves at once, so a reload or a closed tab keeps the last edit. A crash,
// or a browser shut down without firing pagehide, can lose up to
// saveDelayMs of typing.
const saveDelayMs = 300;
const otherTabSavedText =
  'Another tab of this page saved different inputs, which a ' +
  'reload here would show instead of these.';
const otherTabSavedOverText =
  'Another tab of this page saved different inputs, and this ' +
  "tab's edits have since been saved over them. This tab holds them only until it is " +
  'closed or reloaded, or another tab saves: open them now to keep them.';
let unsavedText = null;
let unsavedEditTime = 0;
let saveTimer = 0;

function saveText(text) {
  unsavedText = text;
  unsavedEditTime = Date.now();
  if (saveTimer === 0) {
    saveTimer = window.setTimeout(flushSave, saveDelayMs);
  }
}

function flushSave() {
  window.clearTimeout(saveTimer);
  saveTimer = 0;
  if (unsavedText === null) {
    return;
  }
  const text = unsavedText;
  const editTime = unsavedEditTime;
  unsavedText = null;
  try {
    // Another tab of the page may have saved an edit made after this one
    // while this save waited. The newest edit wins, as it did when every
    // keystroke was saved at once.
    if (savedEditTime() > editTime) {
      return;
    }
    if (saveBlockedReason !== null && !setAsideAgain()) {
      throw new SaveBlockedError(saveBlockedReason);
    }
    window.localStorage.setItem(storageKey, savedRecord(text));
    window.localStorage.setItem(editTimeKey, String(editTime));
    showSaveFailure(null);
    // The other tab's inputs, saved over now, stay open to the notice's
    // button until the user chooses.
    if (!elements.otherTabBar.hidden) {
      elements.otherTabText.textContent = otherTabSavedOverText;
    }
  } catch (error) {
    showSaveFailure(error);
    // The text stays pending, so that hiding or leaving the page, or the
    // next edit, tries again, unless a newer edit replaced it meanwhile.
    if (unsavedText === null) {
      unsavedText = text;
      unsavedEditTime = editTime;
    }
  }
}

/**
 * Shows why saving failed, or hides the notice when `error` is null. The
 * notice stays until a save succeeds, so that typing does not hide it and
 * each retry does not announce it again. It also sets or clears the
 * session flag at saveFailedKey.
 */
function showSaveFailure(error) {
  try {
    if (error === null) {
      window.sessionStorage.removeItem(saveFailedKey);
    } else {
      window.sessionStorage.setItem(saveFailedKey, '1');
    }
  } catch {
    // Without session storage, a reload cannot report the failure, but the
    // notice below still appears.
  }
  if (error === null) {
    elements.saveFailedBar.hidden = true;
    return;
  }
  let reason;
  if (error instanceof SaveBlockedError) {
    reason = error.message;
  } else {
    reason = describeStorageError(error);
    if (error?.name === 'QuotaExceededError') {
      reason += '. Once some of it is freed, the next edit is saved';
    }
  }
  const text =
    `Saving the text in this browser failed: ${reason}. Edits made since ` +
    'are kept only while this page stays open. Use Export to keep them.';
  if (
    elements.saveFailedBar.hidden ||
    elements.saveFailedText.textContent !== text
  ) {
    elements.saveFailedText.textContent = text;
    elements.saveFailedBar.hidden = false;
  }
}

/**
 * Tries again to copy aside the saved record this page cannot open that keeps
 * this page from saving, since space may have come free or another tab may
 * have replaced the record. Returns whether saving may go on.
 */
function setAsideAgain() {
  const saved = window.localStorage.getItem(storageKey);
  if (saved !== null && !canOpenRecord(saved)) {
    let key;
    try {
      key = copyRecordAside(saved);
    } catch (error) {
      blockSaving(error);
      return false;
    }
    // The save notice shows whether this tab's own save then succeeds.
    showImportStatus(
      'The saved text this page could not open is now kept in this ' +
        `browser's storage, under the key ${key}.`,
      [],
      false,
    );
  }
  saveBlockedReason = null;
  return true;
}

/** Returns when the saved text was edited (ms since 1970), or 0 if unknown. */
function savedEditTime() {
  const editTime = Number(window.localStorage.getItem(editTimeKey));
  // A time after now means the clock was set back since; it is ignored.
  return Number.isFinite(editTime) && editTime <= Date.now() ? editTime : 0;
}

window.addEventListener('pagehide', flushSave);
// With saving failing, leaving the page would lose the edits since, so the
// browser shows a leave-page prompt first, after one more try to save.
window.addEventListener('beforeunload', (event) => {
  flushSave();
  if (unsavedText !== null) {
    event.preventDefault();
  }
});
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') {
    flushSave();
  }
});

async function loadEditor() {
  let module;
  try {
    module = await import('./gen/editor.js');
  } catch (error) {
    const reason = await describeLoadFailure(
      error,
      new URL('editor.js', import.meta.url),
    );
    elements.editorLoading.textContent = `The editor failed to load: ${reason}. The form still works.`;
    state.editorFailed = true;
    renderFormNote(state.result);
    return;
  }
  elements.editorLoading.remove();
  state.editor = module.createEditor({
    parent: elements.editorRoot,
    text: state.text,
    label: 'JSON text of the training inputs',
    maxBytes: state.segform.limits.maxTextBytes,
    sizeNote: sizeNote(),
    onEditRejected() {
      setActionStatus(sizeNote(), true);
    },
    onChange(readText) {
      const origin = state.pendingOrigin ?? 'editor';
      state.pendingOrigin = null;
      // A form edit catching up: the page has validated this text already,
      // and needs no copy of it.
      if (origin === 'form-sync') {
        return;
      }
      changeText(readText(), origin);
    },
    // The user is about to act in the editor, which must hold the current
    // text first, or the action would apply to an older one.
    beforeUserInput: syncEditor,
  });
  renderEditorFindings();
}

/**
 * Replaces the text, through the editor when it is there so that its
 * history and selection follow. `edits` is a list of {from, to, insert}.
 * `historyStep` is 'undo' or 'redo' for a form field's own undo or redo.
 */
function editText(edits, origin, historyStep = null) {
  if (state.editor && origin === 'form') {
    // Typing in the form shows its own finding first. The editor, whose
    // update costs about as much as the rest of the keystroke, applies the
    // same edits after the next paint. They are queued first, so that the
    // render leaves the editor's findings alone until then.
    state.editorBacklog.push({ edits, historyStep });
    changeText(applyEdits(state.text, edits), origin);
    if (!state.editorSyncScheduled) {
      state.editorSyncScheduled = true;
      window.requestAnimationFrame(() => window.setTimeout(syncEditor));
    }
    return;
  }
  if (state.editor) {
    syncEditor();
    state.pendingOrigin = origin;
    // An import, a reset or an undo is one step in the editor's history,
    // however soon it follows another.
    state.editor.applyChanges(edits, { ownUndoStep: origin !== 'editor' });
    return;
  }
  changeText(applyEdits(state.text, edits), origin);
}

/** Applies the form's pending edits to the editor, with their findings. */
function syncEditor() {
  state.editorSyncScheduled = false;
  if (state.editorBacklog.length === 0) {
    return;
  }
  const backlog = state.editorBacklog;
  state.editorBacklog = [];
  for (const { edits, historyStep } of backlog) {
    state.pendingOrigin = 'form-sync';
    // A field's undo that takes back the editor's last step undoes that
    // step in the editor too. Any other is a step of its own, because
    // CodeMirror would join it and the typing it undoes into a step that
    // changes nothing.
    const stepped =
      historyStep !== null &&
      state.editor.stepHistoryTo(
        applyEdits(state.editor.getText(), edits),
        historyStep,
      );
    if (!stepped) {
      state.editor.applyChanges(edits, { ownUndoStep: historyStep !== null });
    }
  }
  renderEditorFindings();
}

function replaceText(text, origin) {
  editText([{ from: 0, to: state.text.length, insert: text }], origin);
}

/**
 * Runs after every change of the text: saves it, validates it, and shows
 * the result. `origin` is 'form' when a form control made the change, so
 * that control keeps what the user typed (such as "2e5").
 */
function changeText(newText, origin) {
  // A dialog about exporting the text describes the text it was opened
  // for. A text that replaces it meanwhile (a shared link) cancels it.
  if (elements.confirmDialog.open) {
    state.exportInterrupted = true;
    elements.confirmDialog.close();
  }
  // Text restored from storage or opened from a link can have CRLF or CR
  // line ends. The editor keeps LF only, and the findings' offsets must
  // index the text it shows.
  const text = withLfLineEnds(newText);
  const result = callValidator(() => state.segform.validate(text));
  if (!result) {
    return;
  }
  state.text = text;
  state.result = result;
  state.spans = memberSpans(result);
  state.lastOrigin = origin;
  // A link shown to copy by hand contains the earlier text.
  elements.shareLink.hidden = true;
  if (origin !== 'import') {
    state.importedFileName = null;
  }
  if (origin !== 'form') {
    elements.actionStatus.textContent = '';
  }
  // An edit after an import or reset ends the offer to undo it, which
  // would otherwise throw the edit away too.
  const userEdit =
    origin === 'form' || origin === 'editor' || origin === 'remove';
  if (userEdit) {
    endUndoOffer();
  }
  // The import status describes the imported text ("It is valid"), so it is
  // out of date after any edit, an undo in the editor included. A file
  // waiting for the editor no longer loads after an edit (see mayStillLoad),
  // and its status reports that at once.
  // An import that loads replaces a file waiting for the editor, which
  // then neither loads nor reports anything (see importFile).
  if (origin === 'import') {
    waitingImport = null;
  }
  if (userEdit && waitingImport !== null) {
    // Reported once, so that a screen reader does not read it out at each
    // keystroke. A Reset's or Undo's status that reported it begins with
    // what that did, which the edit has made out of date, so the first edit
    // after it reports the cancellation alone.
    if (!waitingImport.cancelled || waitingImport.inOtherStatus) {
      waitingImport.cancelled = true;
      waitingImport.inOtherStatus = false;
      reportCancelledImport(waitingImport.name);
    }
  } else if (userEdit) {
    elements.importStatus.replaceChildren();
    elements.importStatus.classList.remove('status-error');
  }
  if (origin !== 'load') {
    saveText(text);
  }
  // Broken JSON typed in the editor leaves the form with the last values
  // read, which the text will likely hold again. Text that replaced the
  // whole (an import, an undo) leaves nothing of those values, so the form
  // is cleared.
  const typed =
    origin === 'form' || origin === 'form-sync' || origin === 'editor';
  if (state.spans && origin !== 'form') {
    for (const control of state.controls) {
      control.setValue(result.formValues[control.field.jsonName]);
    }
  } else if (!state.spans && !typed) {
    for (const control of state.controls) control.setValue(undefined);
  }
  if (state.spans || !typed) state.formCleared = !state.spans;
  render();
}

// The text each notice bar showed when last announced, by bar.
const announcedNotices = new Map();

/**
 * Announces the text of each notice bar that has appeared or changed since
 * the last call, without its buttons' names.
 */
function announceNotices() {
  const texts = [];
  for (const bar of elements.noticeBars.children) {
    const text = bar.hidden
      ? ''
      : [...bar.childNodes]
          .filter((node) => node.nodeName !== 'BUTTON')
          .map((node) => node.textContent.trim())
          .filter(Boolean)
          .join(' ');
    if (text !== '' && text !== announcedNotices.get(bar)) texts.push(text);
    announcedNotices.set(bar, text);
  }
  if (texts.length > 0) {
    elements.noticeAnnouncer.textContent = texts.join(' ');
  }
}

function wireEvents() {
  wireFormEvents();
  wireButtons();
  wireImportEvents();
  wireOtherTabs();
  new MutationObserver(announceNotices).observe(elements.noticeBars, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['hidden'],
  });
}

/**
 * Another tab of the page saves its text under the same key, and a reload
 * restores the last save. When another tab saves text that differs from
 * this tab's, this tab shows a notice. The user can keep this tab's text,
 * which saves it again, or open the other tab's, which Undo can take back.
 */
function wireOtherTabs() {
  let otherText = null;
  window.addEventListener('storage', (event) => {
    // A tab that saves the text already saved, as when it opens this tab's
    // inputs, changes only the edit time. The notice is then out of date.
    if (event.key === editTimeKey && !elements.otherTabBar.hidden) {
      const saved = window.localStorage.getItem(storageKey);
      if (saved !== null && readSavedRecord(saved) === state.text) {
        elements.otherTabBar.hidden = true;
      }
      return;
    }
    if (event.key !== storageKey || event.newValue === null) {
      return;
    }
    const text = readSavedRecord(event.newValue);
    if (text === null || isPastSizeLimit(text)) {
      // A later version of the page, say, saved it, or a text past the
      // limit. It is kept as on a reload, before this tab's next save
      // replaces it.
      const notice = setAsideUnreadRecord(
        event.newValue,
        text === null
          ? 'Another tab saved text in a format this page does not read.'
          : `Another tab saved a text longer than ${sizeLimitText()}, the ` +
              'most this page checks and saves, so it is not offered here.',
      );
      elements.otherTabBar.hidden = true;
      // With that text copied aside, this tab's inputs are the saved ones
      // again, or a reload would show neither.
      let message = notice.message;
      if (saveBlockedReason === null) {
        saveText(state.text);
        message += " This tab's inputs are saved in its place.";
      }
      showImportStatus(message, [], notice.isError);
      return;
    }
    otherText = text;
    elements.otherTabText.textContent = otherTabSavedText;
    elements.otherTabBar.hidden = otherText === state.text;
  });
  // Either button hides the bar it sits in, so focus moves on: to the
  // inputs kept, or to Undo after the other tab's inputs are opened.
  elements.keepTabButton.addEventListener('click', () => {
    elements.otherTabBar.hidden = true;
    saveText(state.text);
    flushSave();
    if (elements.saveFailedBar.hidden) {
      showImportStatus(
        'Kept the inputs of this tab, and saved them again.',
        [],
        false,
      );
    } else {
      showImportStatus(
        'Kept the inputs of this tab, but saving them failed, so a reload ' +
          "would show the other tab's inputs.",
        [],
        true,
      );
    }
    focusInputs();
  });
  elements.openTabButton.addEventListener('click', () => {
    elements.otherTabBar.hidden = true;
    if (otherText !== null) {
      // Undo saves this tab's inputs over the other tab's again, so the
      // notice comes back, with the other tab's latest inputs.
      replaceOfferingUndo(
        otherText,
        'tab',
        "Undo opening the other tab's inputs.",
        () => {
          elements.otherTabText.textContent = otherTabSavedText;
          elements.otherTabBar.hidden = otherText === state.text;
        },
      );
      showImportStatus('Opened the inputs of the other tab.', [], false);
    }
    if (elements.undoBar.hidden) focusInputs();
    else elements.undoButton.focus();
  });
}

/** Turns each form edit into an edit of that field's value in the text. */
function wireFormEvents() {
  elements.form.addEventListener('input', (event) => {
    const control = state.controls.find(
      (candidate) => candidate.element === event.target,
    );
    if (!control || !state.spans) {
      return;
    }
    // Typing ends the offer even when it changes no text (blanks in an
    // empty field), so that Ctrl+Z in the field then undoes the typing.
    endUndoOffer();
    const edits = fieldEdits(
      state.text,
      state.spans,
      control.field.jsonName,
      control.jsonToken(),
      control.field.protoName,
    );
    if (edits.length > 0 && isOverSizeLimit(edits)) {
      // JSON writes a control character in six, so a field's own length
      // limit does not keep the text within the page's.
      control.setValue(state.result.formValues[control.field.jsonName]);
      setActionStatus(sizeNote(), true);
      return;
    }
    // Cleared only here, because a status cleared and set again in one task
    // does not change for a screen reader.
    elements.actionStatus.textContent = '';
    if (edits.length > 0) {
      const historyStep =
        { historyUndo: 'undo', historyRedo: 'redo' }[event.inputType] ?? null;
      editText(edits, 'form', historyStep);
    }
  });
  elements.form.addEventListener('submit', (event) => event.preventDefault());
}

function wireButtons() {
  elements.exportButton.addEventListener('click', () => exportJson('inputs'));
  elements.skipUnknownButton.addEventListener('click', () =>
    elements.exportButton.focus(),
  );
  elements.copyButton.addEventListener('click', () => copyJson('inputs'));
  elements.pipelineExportButton.addEventListener('click', () =>
    exportJson('pipeline'),
  );
  elements.pipelineCopyButton.addEventListener('click', () =>
    copyJson('pipeline'),
  );
  elements.importButton.addEventListener('click', () =>
    elements.importInput.click(),
  );
  elements.resetButton.addEventListener('click', resetToDefaults);
  elements.shareButton.addEventListener('click', copyShareLink);
  elements.undoButton.addEventListener('click', undoReplacement);
}

/** Imports by file picker, drop and paste, and undoes with Ctrl+Z. */
function wireImportEvents() {
  elements.importInput.addEventListener('change', () => {
    const [file] = elements.importInput.files;
    // Cleared so that choosing the same file again fires another change.
    elements.importInput.value = '';
    if (file) {
      importFile(file);
    }
  });
  document.addEventListener('dragover', (event) => {
    if (event.dataTransfer?.types.includes('Files')) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  });
  document.addEventListener('drop', (event) => {
    const files = event.dataTransfer?.files ?? [];
    if (files.length === 0) {
      return;
    }
    event.preventDefault();
    // The page keeps one set of inputs, so the user chooses which of
    // several files to import.
    if (files.length > 1) {
      showRejectedImport(
        `${pluralize(files.length, 'file')} were dropped, and the form ` +
          'is unchanged. Drop one file at a time.',
        [],
      );
      return;
    }
    importFile(files[0]);
  });
  document.addEventListener('paste', (event) => {
    if (takesPastedText(event.target)) {
      return;
    }
    const text = event.clipboardData?.getData('text/plain');
    if (text) {
      event.preventDefault();
      // A file's byte-order mark is dropped as it is decoded; pasted text
      // may still start with one.
      importText(text.replace(/^\ufeff/, ''), null);
    }
  });
  document.addEventListener('keydown', (event) => {
    const isUndo =
      (event.ctrlKey || event.metaKey) &&
      !event.shiftKey &&
      !event.altKey &&
      event.key.toLowerCase() === 'z';
    // While an import, reset or opened link can be undone, no form edit has
    // followed it (an edit ends the offer), so in a form field the key
    // undoes that too. The field's own undo would instead bring back typing
    // from before it, and that edit would end the offer.
    const undoesReplacement =
      state.undo !== null &&
      event.target instanceof Element &&
      event.target.closest('#inputs-form') !== null;
    if (!isUndo || (isTextEntry(event.target) && !undoesReplacement)) {
      return;
    }
    // Outside a text field Chrome's own undo would revert the last edit of
    // some form control, which the page's text would not follow.
    event.preventDefault();
    if (state.undo) {
      undoReplacement();
    }
  });
}

// Chromium keeps one undo history for the whole page, so Ctrl+Z in a field
// whose own typing is undone would undo other fields and the editor. An undo
// or redo runs only in the element that has focus (for the editor, its
// host). In the window's capture phase, this runs before the editor's own
// handler.
window.addEventListener(
  'beforeinput',
  (event) => {
    const fromHistory =
      event.inputType === 'historyUndo' || event.inputType === 'historyRedo';
    if (fromHistory && event.target !== document.activeElement) {
      event.preventDefault();
      event.stopPropagation();
    }
  },
  { capture: true },
);

// Inputs, selects, text areas and the editor keep Ctrl+Z for themselves.
// Events from inside the editor's shadow root arrive retargeted to its host.
function isTextEntry(target) {
  if (!(target instanceof Element)) {
    return false;
  }
  return Boolean(
    target.closest('input, textarea, select, [contenteditable], .editor-host'),
  );
}

// The same fields keep a paste for themselves, except a select. A select
// takes no pasted text, so a paste there imports the text.
function takesPastedText(target) {
  return isTextEntry(target) && !target.closest('select');
}

/**
 * Runs a validator call. If the module itself fails (it should not, even on
 * bad input), the page reports that and disables the form.
 */
function callValidator(call) {
  try {
    return call();
  } catch (error) {
    disablePage(`The validator stopped working: ${describeError(error)}.`);
    return null;
  }
}

function render() {
  const { result } = state;
  const controlByPath = new Map();
  const findingsByControl = new Map();
  // In a pipeline request the fields sit under its trainingTaskInputs.
  const prefix = result.inputsPath;
  for (const control of state.controls) {
    controlByPath.set(`${prefix}/${control.field.jsonName}`, control);
    controlByPath.set(`${prefix}/${control.field.protoName}`, control);
    findingsByControl.set(control, []);
  }
  // Like the findings, the validator lists at most maxFindings unknown keys,
  // so that a huge document keeps typing responsive.
  const visibleUnknown = result.unknownFields;
  // The rows of each unknown key's path. A key given twice has two rows, and
  // its findings go to them in order.
  const unknownGroups = new Map();
  visibleUnknown.forEach((unknownField, row) => {
    const path = `${prefix}/${escapePointerToken(unknownField.key)}`;
    if (!unknownGroups.has(path)) {
      unknownGroups.set(path, { rows: [], placed: 0 });
    }
    unknownGroups.get(path).rows.push(row);
  });
  const rowFindings = visibleUnknown.map(() => []);
  const generalFindings = [];
  // A request can repeat trainingTaskInputs. Findings in a later copy have
  // the same paths as those in the first, whose values the form shows, so
  // only findings inside the first object go to its fields and keys.
  const span = result.objectSpan;
  const inChecked = (finding) =>
    span !== null &&
    finding.utf16Begin >= span.begin &&
    finding.utf16Begin < span.end;
  for (const finding of result.findings) {
    const checked = inChecked(finding);
    const control = checked ? controlByPath.get(finding.path) : undefined;
    const unknownGroup = checked ? unknownGroups.get(finding.path) : undefined;
    if (control) {
      findingsByControl.get(control).push(finding);
    } else if (unknownGroup) {
      const { rows, placed } = unknownGroup;
      unknownGroup.placed += 1;
      rowFindings[rows[Math.min(placed, rows.length - 1)]].push(finding);
    } else {
      generalFindings.push(finding);
    }
  }

  for (const control of state.controls) {
    renderControlFindings(control, findingsByControl.get(control));
    // Text that is not an object leaves the read-only form showing the
    // last values read, and their summaries stay with them.
    if (result.objectSpan !== null) control.update(result);
  }
  renderUnknownFields(
    visibleUnknown,
    rowFindings,
    result.unknownFieldCount - visibleUnknown.length,
  );
  // Findings about the text as a whole start with their place in it.
  const generalLocation = (finding) =>
    findingLocation(finding) || textLocation(finding);
  renderIfChanged(
    elements.generalFindings,
    findingsKey(generalFindings, generalLocation),
    () => {
      const items = generalFindings.map((finding) =>
        createFindingElement(finding, generalLocation(finding)),
      );
      elements.generalFindings.replaceChildren(...items);
      elements.generalFindings.hidden = items.length === 0;
    },
  );

  renderCount(result);
  renderFormNote(result);
  renderEditorFindings();
  renderPreview(result);
}

// While the text is not a JSON object, the form keeps its last good values
// and cannot be edited, because there is no member to change.
function renderFormNote(result) {
  const readOnly = state.spans === null;
  elements.fieldset.disabled = readOnly;
  if (!readOnly) {
    elements.formNote.textContent = '';
    elements.formNote.hidden = true;
    return;
  }
  const reason = result.findings.find(
    (finding) => finding.severity === 'error',
  );
  // Without the editor, the text can still be replaced whole.
  const remedy = state.editorFailed
    ? 'The editor did not load, so to keep this text, Export it as written ' +
      'and fix it elsewhere; or Import a file or reset to the defaults.'
    : 'Fix the text in the editor.';
  const unreadable = result.pipelineRequest
    ? 'the request has no trainingTaskInputs object'
    : 'the JSON text cannot be read as an object';
  const shows = state.formCleared ? '' : ' and shows the last values read';
  const note =
    `The form is read-only${shows}, because ${unreadable}. ` +
    `${reason ? `First error: ${reason.message}` : 'No error was reported'}. ${remedy}`;
  // Only a changed note is written: it is a status, which screen readers
  // would read again on every keystroke in the broken text.
  if (elements.formNote.textContent !== note) {
    elements.formNote.textContent = note;
  }
  elements.formNote.hidden = false;
}

/** Lists the findings under the editor; each one moves the cursor to its range. */
function renderEditorFindings() {
  const { editor, result } = state;
  // While form edits wait for the editor, the findings' offsets are those
  // of a text it does not show yet. syncEditor renders them after.
  if (!editor || !result || state.editorBacklog.length > 0) {
    return;
  }
  const counts = countAllFindings(result);
  editor.showFindings(result.findings, {
    invalid: counts.error > 0,
    description: describeCounts(counts),
  });
  renderIfChanged(
    elements.editorFindings,
    findingsKey(result.findings, textLocation),
    () => {
      const items = result.findings.map((finding) =>
        createEditorFindingItem(finding, result),
      );
      elements.editorFindings.replaceChildren(...items);
      elements.editorFindings.hidden = items.length === 0;
    },
  );
}

/**
 * Creates the item of the list under the editor for one of the result's
 * findings. It contains a link that selects the finding's range, then its hint.
 */
let nextEditorHintId = 1;

function createEditorFindingItem(finding, result) {
  const item = document.createElement('li');
  item.className = `finding-${finding.severity}`;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'finding-link';
  // The severity is in the words too, not in the border colour alone.
  button.textContent =
    `${severityLabel(finding.severity)}, line ${finding.line}, ` +
    `column ${finding.column}: ${finding.message}`;
  // The list stays while only offsets change, so the finding's range is
  // read when clicked, from the same finding in the findings of the text
  // the editor shows then.
  button.addEventListener('click', () => {
    if (state.editorBacklog.length > 0) {
      syncEditor();
    }
    const current = sameFinding(
      finding,
      result.findings,
      state.result.findings,
    );
    if (current) {
      state.editor.revealRange(current.utf16Begin, current.utf16End);
    }
  });
  item.append(button);
  // The hint goes beside the button rather than in it, and describes it, so
  // that a screen reader reads it with the button.
  const hint = appendHint(item, finding, 'finding-hint');
  if (hint) {
    hint.id = `editor-hint-${nextEditorHintId++}`;
    button.setAttribute('aria-describedby', hint.id);
  }
  return item;
}

function findingLocation(finding) {
  if (!state.importedFileName || !finding.line) {
    return '';
  }
  return `${state.importedFileName}:${finding.line}:${finding.column}`;
}

/** Returns "line L, column C" of a finding in the JSON text, or ''. */
function textLocation(finding) {
  return finding.line ? `line ${finding.line}, column ${finding.column}` : '';
}

function renderControlFindings(control, findings) {
  const items = findings.map((finding) =>
    createFindingElement(finding, findingLocation(finding)),
  );
  control.findingsList.replaceChildren(...items);
  control.findingsList.hidden = items.length === 0;

  const errors = findings.filter((finding) => finding.severity === 'error');
  const hasError = errors.length > 0;
  // Feeds the browser's constraint validation, for :invalid and reportValidity().
  control.element.setCustomValidity(
    errors.map((finding) => finding.message).join('\n'),
  );
  if (hasError) {
    control.element.setAttribute('aria-invalid', 'true');
  } else {
    control.element.removeAttribute('aria-invalid');
  }
  control.wrapper.classList.toggle('field-invalid', hasError);
  const describedBy = [
    ...control.baseDescribedBy,
    ...items.map((item) => item.id),
  ];
  control.element.setAttribute('aria-describedby', describedBy.join(' '));
}

/**
 * Shows the unknown keys, each with a Remove button and the findings
 * placed on it, and a line for those past the shown rows. Only rows whose
 * key, value or findings changed are built again: a keystroke that moves
 * the findings cap changes one row of a hundred, and replacing all of them
 * made the browser lay out the page again for 10 ms.
 */
function renderUnknownFields(visibleFields, rowFindings, hiddenCount) {
  // A long key or value is shown cut (see shortened), and the row's cache
  // key contains the cut text, not a megabyte of it.
  const shownKeys = visibleFields.map(({ key }) => shortened(key));
  // Rows that show the same key ("foo" and "f\u006fo" read the same, and
  // two long keys may differ only past the cut) get their place among
  // those rows in their buttons' names, so that the buttons differ.
  const keyCounts = new Map();
  for (const shownKey of shownKeys) {
    keyCounts.set(shownKey, (keyCounts.get(shownKey) ?? 0) + 1);
  }
  const keysSeen = new Map();
  const rows = visibleFields.map((unknownField, index) => {
    const shownKey = shownKeys[index];
    const shownValue = shortened(unknownField.valueJson);
    const count = keyCounts.get(shownKey);
    const seen = (keysSeen.get(shownKey) ?? 0) + 1;
    keysSeen.set(shownKey, seen);
    const place = count > 1 ? `${seen} of ${count}` : '';
    const key = JSON.stringify([
      shownKey,
      shownValue,
      place,
      findingsKey(rowFindings[index], findingLocation),
    ]);
    const previous = state.unknownRows[index];
    if (previous && previous.key === key) return previous;
    return {
      key,
      element: createUnknownRow(
        shownKey,
        shownValue,
        rowFindings[index],
        index,
        place,
      ),
    };
  });
  if (hiddenCount > 0) {
    const key = `more ${hiddenCount}`;
    const previous = state.unknownRows[rows.length];
    if (previous && previous.key === key) {
      rows.push(previous);
    } else {
      const more = document.createElement('li');
      more.textContent = `${pluralize(hiddenCount, 'more key')} not shown.`;
      rows.push({ key, element: more });
    }
  }
  const list = elements.unknownList;
  rows.forEach((row, index) => {
    const current = list.children[index];
    if (current === row.element) return;
    if (current) current.replaceWith(row.element);
    else list.append(row.element);
  });
  while (list.children.length > rows.length) list.lastElementChild.remove();
  state.unknownRows = rows;
  elements.unknownSection.hidden = rows.length === 0;
}

/**
 * Returns a key as a button's name gives it, with escapes as findings have
 * them: without quotes, which a screen reader may read out, unless the key
 * is empty or has spaces at either end, which only quotes show.
 */
function keyLabel(key) {
  return key === '' || key.trim() !== key
    ? quoteForDisplay(key)
    : isolateBidi(escapeUnsafe(key));
}

/**
 * Builds the row of one unknown key, the `index`th of the list. `place`,
 * such as "2 of 3", distinguishes the rows of a key given more than once.
 */
function createUnknownRow(key, value, findings, index, place) {
  const item = document.createElement('li');
  item.className = 'unknown-field';

  const entry = document.createElement('code');
  entry.className = 'unknown-entry';
  const keyText = document.createElement('span');
  keyText.className = 'unknown-key';
  keyText.textContent = quoteForDisplay(key);
  const valueText = document.createElement('span');
  valueText.className = 'unknown-value';
  // The value is JSON as written: line breaks and tabs in it are layout,
  // which the row collapses, not characters to mark.
  valueText.textContent = isolateBidi(escapeUnsafe(value, { layout: true }));
  entry.append(keyText, ': ', valueText);

  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'remove-button';
  button.textContent = 'Remove';
  button.setAttribute(
    'aria-label',
    `Remove key ${keyLabel(key)}${place ? `, ${place}` : ''}`,
  );
  button.addEventListener('click', () => removeUnknownField(index));

  const list = document.createElement('ul');
  list.className = 'findings';
  const findingItems = findings.map((finding) =>
    createFindingElement(finding, findingLocation(finding)),
  );
  list.append(...findingItems);
  list.hidden = findingItems.length === 0;
  if (findingItems.length > 0) {
    button.setAttribute(
      'aria-describedby',
      findingItems.map((found) => found.id).join(' '),
    );
  }

  const line = document.createElement('div');
  line.className = 'unknown-line';
  line.append(entry, button);
  item.append(line, list);
  return item;
}

// The key each list was last built from (see renderIfChanged).
const renderedKeys = new WeakMap();

/**
 * Runs build() unless the element's list was last built from the same key.
 * Typing a digit into a document with a hundred findings leaves most lists
 * as they were. Rebuilding them anyway made the browser lay out the whole
 * page again: 14 ms of each 54 ms keystroke with 50,000 unknown keys.
 */
function renderIfChanged(element, key, build) {
  if (renderedKeys.get(element) === key) {
    return;
  }
  renderedKeys.set(element, key);
  build();
}

/**
 * Returns the finding of `current` that matches `finding` of `earlier` by
 * code and path, counting repeats, or undefined when it is gone. Its message
 * may differ, as "got 5,000" does from "got 6,000".
 */
function sameFinding(finding, earlier, current) {
  const same = (other) =>
    other.code === finding.code && other.path === finding.path;
  const repeat = earlier.slice(0, earlier.indexOf(finding)).filter(same).length;
  return current.filter(same)[repeat];
}

/**
 * Returns a key of what a list shows of the findings, which is each
 * finding's severity, code, text and place as location() gives it.
 */
function findingsKey(findings, location) {
  return JSON.stringify(
    findings.map((finding) => [
      finding.severity,
      finding.code,
      finding.path,
      finding.message,
      finding.hint ?? '',
      location(finding),
    ]),
  );
}

function removeUnknownField(index) {
  if (!state.spans) {
    return;
  }
  const member = state.spans.members.indicesOf(null)[index];
  if (member === undefined) {
    return;
  }
  elements.actionStatus.textContent = '';
  const before = state.text;
  const key = quoteForDisplay(shortened(state.spans.members.key(member)));
  editText(removalEdits(state.spans, [member]), 'remove');
  // The key and its value are gone from the text, so Undo can bring them
  // back, as it does after an import.
  if (state.text !== before) {
    offerUndo(before, `Undo removing the key ${key}.`);
    setActionStatus(`Removed the key ${key}.`, false);
  }
  const buttons = elements.unknownList.querySelectorAll('.remove-button');
  const next = buttons[Math.min(index, buttons.length - 1)];
  if (next) {
    next.focus();
  } else {
    elements.fields.querySelector('input, select')?.focus();
  }
}

function renderCount(result) {
  const text = describeCounts(countAllFindings(result));
  // Only a changed text is written, so screen readers announce changes and
  // not every keystroke.
  if (elements.findingCount.textContent !== text) {
    elements.findingCount.textContent = text;
  }
  elements.findingCount.classList.toggle('count-error', result.errorCount > 0);
}

function renderPreview(result) {
  if (result.errorCount > 0 && result.canonicalJson !== '') {
    // A pipeline request whose own errors leave its inputs valid.
    elements.previewNote.textContent =
      "The inputs are valid: Export and Copy give exactly this JSON. Fix the request's " +
      `${pluralize(result.errorCount, 'error')} before exporting the pipeline request.`;
    elements.previewNote.classList.add('note-error');
    elements.preview.textContent = result.canonicalJson;
    elements.preview.hidden = false;
    return;
  }
  if (result.errorCount > 0) {
    elements.previewNote.textContent =
      `Fix the ${pluralize(result.errorCount, 'error')} first; ` +
      'the JSON to export appears here once the inputs are valid.';
    elements.previewNote.classList.add('note-error');
    elements.preview.textContent = '';
    elements.preview.hidden = true;
    return;
  }
  elements.previewNote.textContent =
    'Valid. Export and Copy give exactly this JSON.';
  elements.previewNote.classList.remove('note-error');
  elements.preview.textContent = result.canonicalJson;
  elements.preview.hidden = false;
}

// Warnings about a pipeline request that the API rejects all the same.
const rejectedRequestCodes = new Set([
  'pipeline.missing_field',
  'pipeline.unknown_field',
  'pipeline.wrong_type',
  'pipeline.invalid_parent',
  'pipeline.placeholder',
]);

/** Returns the number of errors among the findings. */
function listedErrorCount(findings) {
  return findings.filter((finding) => finding.severity === 'error').length;
}

/**
 * Returns the number of errors among the findings that start inside the
 * checked object, a request's inputs, or 0 when the text has no object.
 */
function inputsErrorCount(findings) {
  const span = state.spans?.objectSpan;
  if (span === undefined) {
    return 0;
  }
  return listedErrorCount(
    findings.filter(
      (finding) =>
        finding.utf16Begin >= span.begin && finding.utf16Begin < span.end,
    ),
  );
}

/**
 * Resolves to {accepted, asWritten}: accepted when the current result can
 * be exported as `kind` ('inputs' or 'pipeline'), or the user confirms in
 * the dialog, which names what the API would reject, and asWritten when it
 * took that confirmation. Valid inputs go out as canonical JSON even when
 * the request around them has errors. A pipeline request goes out at once
 * only without errors and without the warnings in rejectedRequestCodes. On
 * Cancel it reports why nothing happened and focuses the first error.
 */
async function confirmExport(verb, kind) {
  const { result } = state;
  const pipeline = kind === 'pipeline';
  const blocking = result.findings.filter(
    (finding) =>
      finding.severity === 'error' ||
      (pipeline && rejectedRequestCodes.has(finding.code)),
  );
  const canonical = result.canonicalJson !== '';
  if (pipeline ? blocking.length === 0 && result.errorCount === 0 : canonical) {
    return { accepted: true, asWritten: false };
  }
  // Past the findings cap, only the errors shown are listed.
  const { errorCount } = result;
  const warningCount = blocking.filter(
    (finding) => finding.severity !== 'error',
  ).length;
  const count = [
    pluralize(errorCount, 'error'),
    pluralize(warningCount, 'warning'),
  ]
    .filter((part) => !part.startsWith('0 '))
    .join(' and ');
  const listed =
    blocking.length < errorCount + warningCount
      ? ` The first ${blocking.length} are listed.`
      : '';
  const them = errorCount + warningCount === 1 ? 'it' : 'them';
  // The inputs of a request may have no error of their own: the errors
  // can be the request's, such as a second trainingTaskInputs.
  const holderHas =
    pipeline || result.pipelineRequest ? 'The request has' : 'The inputs have';
  // Export and Copy of a request's inputs take the inputs object alone.
  const writtenPart = result.pipelineRequest
    ? "the request's inputs"
    : 'the JSON text';
  elements.confirmHeading.textContent =
    errorCount > 0 ? `${holderHas} errors` : 'The request has warnings';
  // A request's inputs without an error of their own have no canonical
  // JSON when the request leaves unclear which inputs are meant (a second
  // trainingTaskInputs, a field of the inputs beside them), which the text
  // then names. With errors past the cap, whether the inputs have one is
  // not known.
  const inputsWithoutErrors =
    result.pipelineRequest &&
    state.spans?.objectSpan !== undefined &&
    listedErrorCount(blocking) === errorCount &&
    inputsErrorCount(blocking) === 0;
  const reason = inputsWithoutErrors
    ? `The request's inputs have no error of their own, but the request has ` +
      `${count}, and it is unclear which inputs are meant, so there is no ` +
      'canonical JSON.'
    : `${holderHas} ${count}, so there is no canonical JSON yet.`;
  elements.confirmText.textContent = pipeline
    ? `The pipeline request has ${count}, for which the API would reject ` +
      `it.${listed} ` +
      `You can cancel and fix ${them}, or take the request anyway.`
    : `${reason}${listed} ` +
      `You can cancel and fix ${them}, or take ${writtenPart} as written.`;
  elements.confirmList.replaceChildren(
    ...blocking.map((finding) =>
      createFindingElement(
        finding,
        `line ${finding.line}, column ${finding.column}`,
      ),
    ),
  );
  const action = verb === 'copied' ? 'Copy' : 'Export';
  elements.confirmAccept.textContent = pipeline
    ? `${action} the request anyway`
    : `${action} ${result.pipelineRequest ? 'the inputs' : 'the text'} as written`;
  const accepted = await askInDialog(
    elements.confirmDialog,
    elements.confirmAccept,
    elements.confirmCancel,
  );
  if (state.exportInterrupted) {
    state.exportInterrupted = false;
    setActionStatus(
      `Nothing was ${verb}, because the text changed while the dialog was ` +
        'open.',
      true,
    );
    return { accepted: false, asWritten: false };
  }
  if (!accepted) {
    const toFix =
      errorCount + warningCount === 1
        ? `the ${count.replace(/^1 /, '')}`
        : `the ${count}`;
    setActionStatus(`Nothing was ${verb}. Fix ${toFix} first.`, true);
    focusFirstInvalid();
  }
  return { accepted, asWritten: accepted };
}

/**
 * Returns a sentence for the status after an export or copy that the user
 * confirmed in spite of its findings, saying what went out, or ''.
 */
function asWrittenNote(kind, asWritten) {
  if (!asWritten) {
    return '';
  }
  if (kind === 'pipeline') {
    return ' The API would reject the request as it is.';
  }
  const { result } = state;
  if (!result.pipelineRequest) {
    return ` It is the text as written, with ${pluralize(result.errorCount, 'error')}.`;
  }
  // The request's errors outside its inputs did not go out with them.
  const inside = inputsErrorCount(result.findings);
  return inside === 0
    ? " It is the request's inputs as written, which have no error of their own."
    : ` It is the request's inputs as written, with ${pluralize(inside, 'error')}.`;
}

/** Shows a modal dialog; resolves to true when its accept button is used. */
function askInDialog(dialog, acceptButton, cancelButton) {
  return new Promise((resolve) => {
    const finish = (accepted) => {
      acceptButton.removeEventListener('click', accept);
      cancelButton.removeEventListener('click', cancel);
      dialog.removeEventListener('close', cancel);
      if (dialog.open) {
        dialog.close();
      }
      resolve(accepted);
    };
    const accept = () => finish(true);
    const cancel = () => finish(false);
    acceptButton.addEventListener('click', accept);
    cancelButton.addEventListener('click', cancel);
    // Escape closes the dialog without a click.
    dialog.addEventListener('close', cancel);
    dialog.showModal();
    cancelButton.focus();
  });
}

function focusFirstInvalid() {
  const invalidControl = state.controls.find(
    (control) => control.element.getAttribute('aria-invalid') === 'true',
  );
  if (invalidControl && !elements.fieldset.disabled) {
    invalidControl.element.focus();
    return;
  }
  const unknownButton = elements.unknownList.querySelector('.remove-button');
  if (unknownButton && !elements.fieldset.disabled) {
    unknownButton.focus();
    return;
  }
  const firstError = state.result.findings.find(
    (finding) => finding.severity === 'error',
  );
  if (state.editor && firstError) {
    syncEditor();
    state.editor.revealRange(firstError.utf16Begin, firstError.utf16End);
    return;
  }
  elements.generalFindings.focus();
}

/**
 * Returns the text to export: the canonical JSON when there are no errors,
 * else the text as written. `kind` 'pipeline' wraps it in the request
 * skeleton of a training pipeline.
 */
function exportText(kind) {
  const { objectSpan } = state.spans ?? {};
  const canonical = state.result.canonicalJson !== '';
  // Inputs with errors, alone, are the text byte for byte.
  if (!canonical && kind !== 'pipeline' && !state.result.pipelineRequest) {
    return state.text;
  }
  let inputs;
  if (canonical) {
    inputs = state.result.canonicalJson.trimEnd();
  } else if (objectSpan) {
    // The inputs as written, without a pipeline request around them. Their
    // lines after the first lose the indentation of the line they start
    // on, which they had inside the request.
    inputs = state.text.slice(objectSpan.begin, objectSpan.end);
    const lineStart = state.text.lastIndexOf('\n', objectSpan.begin - 1) + 1;
    const indent = /^[ \t]*/.exec(state.text.slice(lineStart))[0];
    if (indent !== '') {
      inputs = inputs.replaceAll(`\n${indent}`, '\n');
    }
  } else {
    // Text that is not an object cannot go into a request, and a request
    // whose inputs are not an object has no inputs to export alone.
    return null;
  }
  if (kind !== 'pipeline') {
    return `${inputs}\n`;
  }
  if (state.result.pipelineRequest && objectSpan) {
    // Inputs with errors are exported as written, and so is the request
    // around them: its text, untouched.
    return canonical ? requestWithInputs(inputs) : state.text;
  }
  return pipelineRequestText(inputs);
}

/**
 * Returns the user's own request with its trainingTaskInputs replaced by
 * `inputs`, JSON indented by two spaces a level, laid out as the inputs
 * were: on one line, or by the request's step.
 */
function requestWithInputs(inputs) {
  const { objectSpan } = state.spans;
  const written = state.text.slice(objectSpan.begin, objectSpan.end);
  const before = state.text.slice(0, objectSpan.begin);
  const after = state.text.slice(objectSpan.end);
  if (!written.includes('\n')) {
    return before + oneLineJson(JSON.parse(inputs), before, after) + after;
  }
  const lineStart = state.text.lastIndexOf('\n', objectSpan.begin - 1) + 1;
  const indent = /^[ \t]*/.exec(state.text.slice(lineStart))[0];
  const step =
    indentStep(written, indent) ?? indentStep(state.text, '') ?? '  ';
  const inner = inputs.replace(/^(?: {2})+/gm, (spaces) =>
    step.repeat(spaces.length / 2),
  );
  return before + inner.replace(/\n/g, `\n${indent}`) + after;
}

/**
 * Returns the inputs, a flat object, as JSON on one line, spaced as the
 * inputs written there are: a space after each colon and comma, or none.
 * Inputs with too few members to tell follow the request around them, the
 * text `before` and `after` them.
 */
function oneLineJson(inputs, before, after) {
  let { colon, comma } = writtenInputsSpacing();
  const request = requestSpacing(before, after);
  colon ??= request.colon ?? (comma === ', ' ? ': ' : ':');
  comma ??= request.comma ?? (colon === ': ' ? ', ' : ',');
  const members = Object.entries(inputs).map(
    ([key, value]) => JSON.stringify(key) + colon + JSON.stringify(value),
  );
  return `{${members.join(comma)}}`;
}

/**
 * Returns {colon, comma} as the current inputs' members are written, each
 * ': ' or ':' (', ' or ','), or undefined when they have too few members.
 */
function writtenInputsSpacing() {
  const { members } = state.spans;
  const spaced = (from, to) => /\s/.test(state.text.slice(from, to));
  const spacing = {};
  if (members.count > 0) {
    spacing.colon = spaced(members.keyEnd(0), members.valueBegin(0))
      ? ': '
      : ':';
  }
  if (members.count > 1) {
    spacing.comma = spaced(members.valueEnd(0), members.keyBegin(1))
      ? ', '
      : ',';
  }
  return spacing;
}

/**
 * Returns {colon, comma} as the request's own members are written in the
 * texts before and after the inputs, strings left out, each undefined when
 * the request does not show it: a line break after a comma shows nothing
 * of the spacing on one line.
 */
function requestSpacing(before, after) {
  const parts = [before, after].map((part) =>
    part.replace(/"(?:[^"\\]|\\.)*"/g, '""'),
  );
  const spacing = {};
  for (const part of parts) {
    const colon = /"":([ \t]?)/.exec(part);
    if (colon && spacing.colon === undefined) {
      spacing.colon = colon[1] === '' ? ':' : ': ';
    }
    const comma = /,([ \t]*)""/.exec(part);
    if (comma && spacing.comma === undefined) {
      spacing.comma = comma[1] === '' ? ',' : ', ';
    }
  }
  return spacing;
}

/**
 * Returns what the first indented line of `text` adds to `indent`, the
 * indentation step its members are written with, or null when no line is
 * indented more.
 */
function indentStep(text, indent) {
  const line = /\n([ \t]+)\S/.exec(text);
  if (
    !line ||
    !line[1].startsWith(indent) ||
    line[1].length === indent.length
  ) {
    return null;
  }
  return line[1].slice(indent.length);
}

function pipelineRequestText(inputsText) {
  const marker = 'TRAINING_TASK_INPUTS_MARKER';
  const skeleton = {
    displayName: `${placeholderPrefix}DISPLAY_NAME`,
    inputDataConfig: { datasetId: `${placeholderPrefix}DATASET_ID` },
    trainingTaskDefinition: state.segform.inputs.schemaUri,
    trainingTaskInputs: marker,
    modelToUpload: { displayName: `${placeholderPrefix}MODEL_DISPLAY_NAME` },
  };
  const indented = inputsText.replace(/\r?\n/g, '\n  ');
  return `${JSON.stringify(skeleton, null, 2).replace(`"${marker}"`, () => indented)}\n`;
}

async function exportJson(kind) {
  // Text that cannot go into a request is rejected before the dialog that
  // offers to take it as written. The modal dialog keeps the text as it is.
  const text = exportText(kind);
  if (text === null) {
    setActionStatus(notAnObjectMessage(kind), true);
    return;
  }
  const { accepted, asWritten } = await confirmExport('exported', kind);
  if (!accepted) {
    return;
  }
  const fileName = kind === 'pipeline' ? pipelineFileName : exportFileName;
  if (state.exportUrl) {
    URL.revokeObjectURL(state.exportUrl);
  }
  const blob = new Blob([text], { type: 'application/json' });
  state.exportUrl = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = state.exportUrl;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setActionStatus(
    `Downloaded ${fileName}.${asWrittenNote(kind, asWritten)}` +
      `${replacedHalves(text)}${fillInPlaceholders(text)}`,
    false,
  );
}

/**
 * Returns a sentence saying that halves of surrogate pairs in an exported
 * text became U+FFFD, or ''. A file contains UTF-8, which has no code for
 * them, so the text "as written" is not quite that.
 */
function replacedHalves(text) {
  const count = countLoneSurrogates(text);
  if (count === 0) {
    return '';
  }
  return count === 1
    ? ' Half of a surrogate pair in it was written as U+FFFD, since UTF-8 ' +
        'cannot carry it.'
    : ` ${formatInteger(BigInt(count))} halves of surrogate pairs in it were ` +
        'written as U+FFFD, since UTF-8 cannot carry them.';
}

/**
 * Returns a sentence saying that a copied text has halves of surrogate
 * pairs, or ''. Whether the clipboard keeps them or writes U+FFFD depends
 * on the system, so the sentence states that they may change.
 */
function halvesOnClipboard(text) {
  const count = countLoneSurrogates(text);
  if (count === 0) {
    return '';
  }
  return count === 1
    ? ' It has half of a surrogate pair, which may be pasted as U+FFFD, ' +
        'depending on the system.'
    : ` It has ${formatInteger(BigInt(count))} halves of surrogate pairs, ` +
        'which may be pasted as U+FFFD, depending on the system.';
}

function countLoneSurrogates(text) {
  return text.isWellFormed() ? 0 : text.match(loneSurrogates).length;
}

// A high surrogate without its low one, or a low one without its high one.
const loneSurrogates =
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Returns a sentence asking to fill in the placeholders that an exported
 * text still has (those of the request skeleton), or ''.
 */
function fillInPlaceholders(text) {
  return text.includes(`"${placeholderPrefix}`)
    ? ` Fill in its ${placeholderPrefix}... values before you send it.`
    : '';
}

async function copyJson(kind) {
  const text = exportText(kind);
  if (text === null) {
    setActionStatus(notAnObjectMessage(kind), true);
    return;
  }
  const { accepted, asWritten } = await confirmExport('copied', kind);
  if (!accepted) {
    return;
  }
  // The preview shows the canonical inputs alone, and only when they are
  // valid, so the way out is the download of the same text.
  const instead =
    kind === 'pipeline'
      ? 'Use Export pipeline request to download it instead.'
      : 'Use Export to download it instead.';
  if (!navigator.clipboard) {
    setActionStatus(
      `This browser gives the page no clipboard access. ${instead}`,
      true,
    );
    return;
  }
  try {
    await navigator.clipboard.writeText(text);
    const what = kind === 'pipeline' ? 'the pipeline request' : 'the JSON';
    setActionStatus(
      `Copied ${what} to the clipboard.${asWrittenNote(kind, asWritten)}` +
        `${halvesOnClipboard(text)}${fillInPlaceholders(text)}`,
      false,
    );
  } catch (error) {
    setActionStatus(
      `Copying to the clipboard failed: ${describeError(error)}. ${instead}`,
      true,
    );
  }
}

function setActionStatus(text, isError) {
  // A status equal to the one shown changes nothing in the region, so a
  // screen reader would not read it again. A no-break space at its end,
  // added and dropped in turn, makes each repeat a change.
  elements.actionStatus.textContent =
    elements.actionStatus.textContent === text ? `${text}\u00a0` : text;
  elements.actionStatus.classList.toggle('status-error', isError);
}

/** Returns the size limit of a text as the page names it: "1 MiB". */
function sizeLimitText() {
  return `${state.segform.limits.maxTextBytes / 2 ** 20} MiB`;
}

/** Returns the note for an edit not made because of the size limit. */
function sizeNote() {
  return (
    'That edit was not made: it would make the text longer than ' +
    `${sizeLimitText()}, the most this page checks and saves.`
  );
}

/**
 * Returns whether the edits would make the text longer than the size limit
 * in UTF-8 bytes and longer than it is. The text is counted only when it
 * could be over the limit, at more than a third of it in code units.
 */
function isOverSizeLimit(edits) {
  const max = state.segform.limits.maxTextBytes;
  const inserted = edits.reduce((sum, edit) => sum + edit.insert.length, 0);
  if ((state.text.length + inserted) * 3 <= max) return false;
  let growth = 0;
  for (const { from, to, insert } of edits) {
    growth += utf8Length(insert) - utf8Length(state.text.slice(from, to));
  }
  return growth > 0 && utf8Length(state.text) + growth > max;
}

// The file import waiting for the editor, {name, cancelled, inOtherStatus},
// if any, where inOtherStatus is set while a Reset's or Undo's status
// reports its cancellation. A later one takes its place, and its status
// names the one it replaces. An edit cancels it (see changeText).
let waitingImport = null;

/**
 * Returns whether a file import that waited while the text was `before`
 * may still load. A change of the text meanwhile cancels it, silently when
 * an import made the change, whose status remains, and otherwise with a
 * status that reports it. Without the editor, the file is left to be rejected
 * with its findings, which is all that importing it again would do.
 */
function mayStillLoad(before, name) {
  if (state.text === before || state.editorFailed) {
    return true;
  }
  if (state.lastOrigin !== 'import') {
    reportCancelledImport(name);
  }
  return false;
}

/**
 * Returns what becomes of the file waiting for the editor, if any, as a
 * sentence for a status that replaces the import status, so that the
 * status keeps saying it. A change of the text (textChanged) cancels the
 * file, as an edit does, and the sentence reports that at once instead of
 * when the editor loads. Returns {note, cancelled}.
 */
function waitingImportNote(textChanged) {
  if (waitingImport === null) {
    return { note: '', cancelled: false };
  }
  if (textChanged) {
    waitingImport.cancelled = true;
  }
  const { name, cancelled } = waitingImport;
  waitingImport.inOtherStatus = cancelled;
  return {
    note: cancelled
      ? ` ${name}, which waited for the editor, will not load. Import it ` +
        'again to load it.'
      : ` ${name} still waits for the editor, and loads when the editor is ` +
        'ready.',
    cancelled,
  };
}

/** Reports that a file waiting for the editor will not load. */
function reportCancelledImport(name) {
  showImportStatus(
    `${name} was not loaded: the text changed while it waited for the ` +
      'editor. Import it again to load it.',
    [],
    true,
  );
}

async function importFile(file) {
  const name = isolateBidi(file.name);
  const before = state.text;
  if (file.size > state.segform.limits.maxTextBytes + 3) {
    showRejectedImport(
      `${name} was not loaded because it is larger than ${sizeLimitText()} ` +
        `(${formatInteger(BigInt(file.size))} bytes); the form is unchanged.`,
      [],
    );
    return;
  }
  let bytes;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    showRejectedImport(
      `Reading ${name} failed: ${describeError(error)}. Choose the file again.`,
      [],
    );
    return;
  }
  // Another import may have loaded while the file was read.
  if (state.text !== before && state.lastOrigin === 'import') {
    return;
  }
  const result = callValidator(() => state.segform.validateFile(bytes));
  if (!result) {
    return;
  }
  // A file of broken JSON loads into the editor to be fixed there, so an
  // import while the editor is still loading waits for it, unless its
  // errors leave nothing the editor could show.
  const errors = wholeTextErrors(result);
  if (
    errors.length > 0 &&
    !errors.some((finding) => unloadableCodes.has(finding.code)) &&
    !state.editor &&
    !state.editorFailed
  ) {
    // One cancelled already has been reported as such.
    const replaced =
      waitingImport === null || waitingImport.cancelled
        ? ''
        : ` ${waitingImport.name}, imported before it, will not load.`;
    showImportStatus(
      `${name} has errors to fix in the editor, so it loads once the ` +
        `editor has loaded.${replaced}`,
      [],
      false,
    );
    const waiting = { name, cancelled: false, inOtherStatus: false };
    waitingImport = waiting;
    const textAtWait = state.text;
    await state.editorReady;
    if (waitingImport !== waiting) {
      return;
    }
    waitingImport = null;
    // Cancelled by an edit, it stays cancelled even when the text is back
    // to what it was, because its status reported that it will not load. Without the
    // editor, it is rejected with its findings as below.
    if (waiting.cancelled && !state.editorFailed) {
      return;
    }
    if (!mayStillLoad(textAtWait, name)) {
      return;
    }
  }
  if (rejectUnreadable(result, name)) {
    return;
  }
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(
      bytes,
    );
  } catch {
    showRejectedImport(
      `${name} was not loaded because it is not UTF-8; ` +
        'the form is unchanged. Save it as UTF-8 and import it again.',
      [],
    );
    return;
  }
  importText(text, name);
}

// Errors that leave nothing the editor could show or fix: such a file is
// not loaded even when the editor is there.
const unloadableCodes = new Set([
  'json.invalid_utf8',
  'file.utf16',
  'file.utf32',
  'json.too_large',
]);

/** Returns the errors about the text as a whole (syntax, encoding, size). */
function wholeTextErrors(result) {
  return result.findings.filter(
    (finding) => finding.path === '' && finding.severity === 'error',
  );
}

/**
 * Returns the list items of findings about an imported text, each with its
 * place in it. `name` is the file's name, or null for pasted text.
 */
function importedFindingItems(findings, name) {
  // Pasted text has no file name to put before the line and column.
  const location = (finding) =>
    name === null
      ? `line ${finding.line}, column ${finding.column}`
      : `${name}:${finding.line}:${finding.column}`;
  return findings.map((finding) =>
    createFindingElement(finding, location(finding)),
  );
}

/**
 * Reports a file or pasted text that cannot be read as a JSON object
 * (syntax, encoding, size, top-level type). Returns true when it did.
 * `name` is the file's name, or null for pasted text. A file the editor
 * can show is loaded all the same, so that its errors can be fixed there.
 * Pasted text that is not JSON is more often a slip than a document.
 */
function rejectUnreadable(result, name) {
  const errors = wholeTextErrors(result);
  if (errors.length === 0 || Object.keys(result.formValues).length > 0) {
    return false;
  }
  const editable =
    name !== null &&
    state.editor !== null &&
    !errors.some((finding) => unloadableCodes.has(finding.code));
  if (editable) {
    return false;
  }
  // A file name is case-sensitive, so it stays as it is at the sentence's start.
  const subject = name === null ? 'The pasted text' : name;
  showRejectedImport(
    `${subject} was not loaded, and the form is unchanged.`,
    importedFindingItems(errors, name),
  );
  return true;
}

/**
 * Replaces the text with an imported one, which Undo can take back. `name`
 * is the file's name, or null for pasted text.
 * NOTE: CRLF and lone CR become LF, because the editor stores lines with LF
 * and the validator's offsets must match the editor's text.
 */
function importText(rawText, name) {
  const text = withLfLineEnds(rawText);
  const result = callValidator(() => state.segform.validate(text));
  if (!result || rejectUnreadable(result, name)) {
    return;
  }
  const label = name ?? pastedTextLabel;
  state.importedFileName = name;
  // A file waiting for the editor is replaced without loading, so the
  // status reports it, unless its cancellation was reported already.
  const dropped =
    waitingImport === null || waitingImport.cancelled
      ? ''
      : ` ${waitingImport.name}, which waited for the editor, will not load.`;
  replaceOfferingUndo(text, 'import', `Undo the import of ${label}.`);

  let loaded = label;
  if (state.result.pipelineRequest) {
    loaded =
      state.spans === null
        ? `${label}, a training pipeline request with no trainingTaskInputs object`
        : `${label}, a training pipeline request whose trainingTaskInputs the form shows`;
  }
  const errors = wholeTextErrors(state.result);
  if (state.spans === null && errors.length > 0) {
    showImportStatus(
      `Loaded ${loaded}. The form cannot show it until the errors below are ` +
        `fixed in the editor.${dropped}`,
      importedFindingItems(errors, name),
      true,
    );
    return;
  }
  // The request's own warnings that the API rejects it for are named too,
  // so that "valid" is not read as "ready to send".
  const requestWarnings = state.result.findings.filter(
    (finding) =>
      finding.severity === 'warning' && rejectedRequestCodes.has(finding.code),
  ).length;
  let message;
  if (state.result.errorCount > 0) {
    message =
      `Loaded ${loaded}. It has ${pluralize(state.result.errorCount, 'error')} ` +
      'to fix before export.';
  } else if (requestWarnings > 0) {
    message =
      `Loaded ${loaded}. Its inputs are valid, but the request has ` +
      `${pluralize(requestWarnings, 'warning')} that the API would reject it for.`;
  } else {
    message = `Loaded ${loaded}. It is valid.`;
  }
  showImportStatus(message + dropped, [], false);
}

/**
 * Resets the inputs to the defaults. In a pipeline request, only its
 * trainingTaskInputs are replaced, as the form edits only them.
 */
function resetToDefaults() {
  const wasRequest = state.result?.pipelineRequest ?? false;
  const inRequest = wasRequest && state.spans?.objectSpan !== undefined;
  const defaults = defaultText();
  const text = inRequest ? requestWithInputs(defaults.trimEnd()) : defaults;
  // The defaults can be longer than a request's inputs were.
  const bytes = utf8Length(text);
  if (
    bytes > state.segform.limits.maxTextBytes &&
    bytes > utf8Length(state.text)
  ) {
    // defaultText() filled the form with the defaults; it shows the text's
    // values again.
    for (const control of state.controls) {
      control.setValue(state.result.formValues[control.field.jsonName]);
    }
    showImportStatus(
      "The request's inputs were not reset: with the defaults, the text " +
        `would be longer than ${sizeLimitText()}, the most this page checks ` +
        'and saves.',
      [],
      true,
    );
    return;
  }
  const unchanged = text === state.text;
  replaceOfferingUndo(text, 'reset', 'Undo the reset to defaults.');
  let status;
  if (inRequest) {
    status = unchanged
      ? "The request's inputs are the defaults already."
      : "Reset the request's inputs to the defaults.";
  } else if (wasRequest && !unchanged) {
    status =
      'Replaced the request, which has no inputs object, with the default inputs.';
  } else {
    status = unchanged
      ? 'The inputs are the defaults already.'
      : 'Reset the inputs to the defaults.';
  }
  const waiting = waitingImportNote(!unchanged);
  showImportStatus(status + waiting.note, [], waiting.cancelled);
}

/**
 * Replaces the text, and offers Undo to bring back the text it replaces. A
 * replacement that changes nothing offers no Undo of its own and keeps the
 * one offered before, so that clicking Reset twice does not make the
 * defaults the text Undo restores. Undo then calls afterUndo, when given,
 * to bring back what the replacement put away.
 */
function replaceOfferingUndo(text, origin, description, afterUndo = null) {
  if (text !== state.text) {
    offerUndo(state.text, description, afterUndo);
  }
  replaceText(text, origin);
}

/** Shows the Undo bar, which brings back `text` and then calls afterUndo. */
function offerUndo(text, description, afterUndo = null) {
  state.undo = { text, description, afterUndo };
  elements.undoDescription.textContent = description;
  elements.undoBar.hidden = false;
}

function undoReplacement() {
  if (!state.undo) {
    return;
  }
  const { text, afterUndo } = state.undo;
  const focused = document.activeElement;
  endUndoOffer();
  replaceText(text, 'undo');
  // An Undo bar is offered only for a change, so the undo changes the text.
  const waiting = waitingImportNote(true);
  showImportStatus(
    `Restored the text from before.${waiting.note}`,
    [],
    waiting.cancelled,
  );
  afterUndo?.();
  // Focus moves on from the Undo button, which is gone, and from a field
  // the restored text leaves read-only. Ctrl+Z elsewhere leaves it.
  if (
    focused === elements.undoButton ||
    focused === null ||
    focused === document.body ||
    focused.closest('fieldset')?.disabled
  ) {
    focusInputs();
  }
}

/** Withdraws the offer to undo an import, reset or opened link. */
function endUndoOffer() {
  state.undo = null;
  elements.undoBar.hidden = true;
}

/** Focuses the form's first field, or the editor while the form is read-only. */
function focusInputs() {
  if (!elements.fieldset.disabled) {
    state.controls[0]?.element.focus();
  } else if (state.editor) {
    state.editor.focus();
  }
}

/**
 * Reports an import that changed nothing. The Undo bar of an earlier import
 * or reset may still be shown, and would read as if it undid this one.
 */
function showRejectedImport(text, findingItems) {
  const undo =
    state.undo === null
      ? ''
      : ' This import changed nothing, so Undo still takes back the earlier ' +
        'change it names.';
  showImportStatus(`${text}${undo}`, findingItems, true);
}

function showImportStatus(text, findingItems, isError) {
  const message = document.createElement('p');
  message.textContent = text;
  const children = [message];
  if (findingItems.length > 0) {
    const list = document.createElement('ul');
    list.className = 'findings';
    list.append(...findingItems);
    children.push(list);
  }
  elements.importStatus.replaceChildren(...children);
  elements.importStatus.classList.toggle('status-error', isError);
}

function setActionsDisabled(disabled) {
  for (const button of [
    elements.exportButton,
    elements.copyButton,
    elements.pipelineExportButton,
    elements.pipelineCopyButton,
    elements.importButton,
    elements.resetButton,
    elements.importInput,
    elements.shareButton,
  ]) {
    button.disabled = disabled;
  }
}

function disablePage(reason) {
  elements.validatorStatus.textContent = `${reason} The form is disabled; reload the page to try again.`;
  elements.validatorStatus.classList.remove('status-ok');
  elements.validatorStatus.classList.add('status-error');
  elements.fieldset.disabled = true;
  setActionsDisabled(true);
}

function describeError(error) {
  const message = error instanceof Error ? error.message : String(error);
  // The caller ends the sentence, and browsers end some messages with a
  // full stop of their own ("... exceeded the quota.").
  return message.replace(/\.+$/, '');
}

/**
 * Returns why a file the page loads (the validator's module or the editor's
 * bundle) failed to load. The browser and Emscripten's loader report a
 * failed fetch in their own terms ("both async and sync fetching of the
 * wasm failed"), so the file is requested again to name the cause.
 */
async function describeLoadFailure(error, url) {
  try {
    const response = await fetch(url, { cache: 'no-store' });
    if (!response.ok) {
      return `${url.pathname} could not be fetched (HTTP ${response.status})`;
    }
  } catch (fetchError) {
    return `${url.pathname} could not be fetched (${describeError(fetchError)})`;
  }
  // The file is there now. Either it failed to start, or the first request
  // failed and this one did not.
  const reason = describeError(error)
    .replace(/^segform: the module failed to start: /, '')
    .replace(/\.+$/, '');
  return `${reason} (${url.pathname} itself can be fetched now)`;
}
