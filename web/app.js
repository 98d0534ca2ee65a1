// Entry point of the page. Loads the validator, builds the form from the
// field declarations it exports, and validates the form state on every
// input. Export, Copy and Import go through the same validator.

import { loadSegform } from './segform.mjs';
import { createFieldControls } from './form.js';
import {
  countFindings,
  createFindingElement,
  describeCounts,
  escapePointerToken,
  pluralize,
} from './findings.js';

const exportFileName = 'training-inputs.json';

const elements = {
  validatorStatus: document.getElementById('validator-status'),
  findingCount: document.getElementById('finding-count'),
  generalFindings: document.getElementById('general-findings'),
  form: document.getElementById('inputs-form'),
  fieldset: document.getElementById('inputs-fieldset'),
  fields: document.getElementById('fields'),
  unknownSection: document.getElementById('unknown-section'),
  unknownList: document.getElementById('unknown-list'),
  exportButton: document.getElementById('export-button'),
  copyButton: document.getElementById('copy-button'),
  importButton: document.getElementById('import-button'),
  importInput: document.getElementById('import-input'),
  actionStatus: document.getElementById('action-status'),
  importStatus: document.getElementById('import-status'),
  previewNote: document.getElementById('preview-note'),
  preview: document.getElementById('preview'),
};

const state = {
  segform: null,
  controls: [],
  // Keys of an imported file that are not fields. They stay in the JSON
  // that is validated until the user removes them, so the page never calls
  // a config valid while dropping part of it.
  unknownFields: [],
  // The latest validation result, of the form state or of an imported file.
  result: null,
  // The imported file's name while `result` is that file's result, that is
  // until the next edit. Findings then show their line and column in it.
  importedFileName: null,
  // The object URL of the last export, revoked at the next one.
  exportUrl: null,
};

start();

async function start() {
  let segform;
  try {
    segform = await loadSegform();
  } catch (error) {
    disablePage(`The validator failed to load: ${describeError(error)}.`);
    return;
  }
  state.segform = segform;
  state.controls = createFieldControls(segform.inputs.fields, elements.fields);
  for (const control of state.controls) {
    control.setValue(initialValue(control.field));
  }

  elements.validatorStatus.textContent =
    `Validator ${segform.version} loaded. Every change is checked as you type.`;
  elements.validatorStatus.classList.add('status-ok');
  elements.fieldset.disabled = false;
  setActionsDisabled(false);
  wireEvents();
  revalidate();
}

// The page opens with the service defaults filled in, except for string
// fields, which start empty.
function initialValue(field) {
  if (field.kind === 'string' || field.serviceDefault === '') {
    return undefined;
  }
  return field.serviceDefault;
}

function wireEvents() {
  elements.form.addEventListener('input', () => {
    elements.actionStatus.textContent = '';
    revalidate();
  });
  elements.form.addEventListener('submit', (event) => event.preventDefault());
  elements.exportButton.addEventListener('click', exportJson);
  elements.copyButton.addEventListener('click', copyJson);
  elements.importButton.addEventListener('click', () => elements.importInput.click());
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
    const file = event.dataTransfer?.files[0];
    if (file) {
      event.preventDefault();
      importFile(file);
    }
  });
}

/** Builds the JSON text of the form state plus any kept unknown fields. */
function buildJsonText() {
  const members = [];
  for (const control of state.controls) {
    const token = control.jsonToken();
    if (token !== undefined) {
      members.push(`${JSON.stringify(control.field.jsonName)}:${token}`);
    }
  }
  for (const { key, valueJson } of state.unknownFields) {
    members.push(`${JSON.stringify(key)}:${valueJson}`);
  }
  return `{${members.join(',')}}`;
}

function revalidate() {
  const result = callValidator(() => state.segform.validate(buildJsonText()));
  if (!result) {
    return;
  }
  state.result = result;
  state.importedFileName = null;
  render();
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
  for (const control of state.controls) {
    controlByPath.set(`/${control.field.jsonName}`, control);
    controlByPath.set(`/${control.field.protoName}`, control);
    findingsByControl.set(control, []);
  }
  const unknownGroups = renderUnknownFields();
  const unknownRowsWithFindings = [];
  const generalFindings = [];
  for (const finding of result.findings) {
    const control = controlByPath.get(finding.path);
    const unknownGroup = unknownGroups.get(finding.path);
    if (control) {
      findingsByControl.get(control).push(finding);
    } else if (unknownGroup) {
      // A key given twice has two rows, and its findings go to them in order.
      const { rows, placed } = unknownGroup;
      const row = rows[Math.min(placed, rows.length - 1)];
      unknownGroup.placed += 1;
      row.findings.push(finding);
      unknownRowsWithFindings.push(row);
    } else {
      generalFindings.push(finding);
    }
  }

  for (const control of state.controls) {
    renderControlFindings(control, findingsByControl.get(control));
    control.update(result);
  }
  for (const row of new Set(unknownRowsWithFindings)) {
    const items = row.findings.map((finding) =>
      createFindingElement(finding, findingLocation(finding)),
    );
    row.list.replaceChildren(...items);
    row.list.hidden = false;
    row.button.setAttribute('aria-describedby', items.map((item) => item.id).join(' '));
  }
  const generalItems = generalFindings.map((finding) =>
    createFindingElement(finding, findingLocation(finding)),
  );
  elements.generalFindings.replaceChildren(...generalItems);
  elements.generalFindings.hidden = generalItems.length === 0;

  renderCount(result);
  renderPreview(result);
}

function findingLocation(finding) {
  if (!state.importedFileName || !finding.line) {
    return '';
  }
  return `${state.importedFileName}:${finding.line}:${finding.column}`;
}

function renderControlFindings(control, findings) {
  const items = findings.map((finding) =>
    createFindingElement(finding, findingLocation(finding)),
  );
  control.findingsList.replaceChildren(...items);
  control.findingsList.hidden = items.length === 0;

  const hasError = findings.some((finding) => finding.severity === 'error');
  if (hasError) {
    control.element.setAttribute('aria-invalid', 'true');
  } else {
    control.element.removeAttribute('aria-invalid');
  }
  control.wrapper.classList.toggle('field-invalid', hasError);
  const describedBy = [...control.baseDescribedBy, ...items.map((item) => item.id)];
  control.element.setAttribute('aria-describedby', describedBy.join(' '));
}

/**
 * Lists the kept unknown fields, each with a Remove button. Returns a map
 * from each field's JSON Pointer to {rows, placed}, for placing findings:
 * rows has more than one entry when a key is repeated.
 */
function renderUnknownFields() {
  const groups = new Map();
  const items = state.unknownFields.map((unknownField, index) => {
    const item = document.createElement('li');
    item.className = 'unknown-field';

    const entry = document.createElement('code');
    entry.className = 'unknown-entry';
    const key = document.createElement('span');
    key.className = 'unknown-key';
    key.textContent = JSON.stringify(unknownField.key);
    const value = document.createElement('span');
    value.className = 'unknown-value';
    value.textContent = unknownField.valueJson;
    entry.append(key, ': ', value);

    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'remove-button';
    button.textContent = 'Remove';
    button.setAttribute('aria-label', `Remove field ${unknownField.key}`);
    button.addEventListener('click', () => removeUnknownField(index));

    const list = document.createElement('ul');
    list.className = 'findings';
    list.hidden = true;

    const line = document.createElement('div');
    line.className = 'unknown-line';
    line.append(entry, button);
    item.append(line, list);
    const path = `/${escapePointerToken(unknownField.key)}`;
    if (!groups.has(path)) {
      groups.set(path, { rows: [], placed: 0 });
    }
    groups.get(path).rows.push({ button, list, findings: [] });
    return item;
  });
  elements.unknownList.replaceChildren(...items);
  elements.unknownSection.hidden = items.length === 0;
  return groups;
}

function removeUnknownField(index) {
  state.unknownFields.splice(index, 1);
  elements.actionStatus.textContent = '';
  revalidate();
  const buttons = elements.unknownList.querySelectorAll('.remove-button');
  const next = buttons[Math.min(index, buttons.length - 1)];
  if (next) {
    next.focus();
  } else {
    elements.fields.querySelector('input, select')?.focus();
  }
}

function renderCount(result) {
  const text = describeCounts(countFindings(result.findings));
  // Only a changed text is written, so screen readers announce changes and
  // not every keystroke.
  if (elements.findingCount.textContent !== text) {
    elements.findingCount.textContent = text;
  }
  elements.findingCount.classList.toggle('count-error', result.errorCount > 0);
}

function renderPreview(result) {
  if (result.errorCount > 0) {
    elements.previewNote.textContent =
      `Fix the ${pluralize(result.errorCount, 'error')} first; ` +
      'the JSON to export appears here once the inputs are valid.';
    elements.previewNote.classList.add('note-error');
    elements.preview.textContent = '';
    elements.preview.hidden = true;
    return;
  }
  elements.previewNote.textContent = 'Valid. Export and Copy give exactly this JSON.';
  elements.previewNote.classList.remove('note-error');
  elements.preview.textContent = result.canonicalJson;
  elements.preview.hidden = false;
}

/**
 * Checks that the current result can be exported. If not, reports why with
 * the number of errors and moves focus to the first invalid control.
 */
function checkExportable(verb) {
  const errorCount = state.result.errorCount;
  if (errorCount === 0) {
    return true;
  }
  setActionStatus(
    `Nothing was ${verb}: fix the ${pluralize(errorCount, 'error')} first.`,
    true,
  );
  focusFirstInvalid();
  return false;
}

function focusFirstInvalid() {
  const invalidControl = state.controls.find(
    (control) => control.element.getAttribute('aria-invalid') === 'true',
  );
  if (invalidControl) {
    invalidControl.element.focus();
    return;
  }
  const unknownButton = elements.unknownList.querySelector('.remove-button');
  if (unknownButton) {
    unknownButton.focus();
    return;
  }
  elements.generalFindings.focus();
}

function exportJson() {
  if (!checkExportable('exported')) {
    return;
  }
  if (state.exportUrl) {
    URL.revokeObjectURL(state.exportUrl);
  }
  const blob = new Blob([state.result.canonicalJson], { type: 'application/json' });
  state.exportUrl = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = state.exportUrl;
  link.download = exportFileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setActionStatus(`Downloaded ${exportFileName}.`, false);
}

async function copyJson() {
  if (!checkExportable('copied')) {
    return;
  }
  if (!navigator.clipboard) {
    setActionStatus(
      'This browser gives the page no clipboard access. Select the JSON below and copy it.',
      true,
    );
    return;
  }
  try {
    await navigator.clipboard.writeText(state.result.canonicalJson);
    setActionStatus('Copied the JSON to the clipboard.', false);
  } catch (error) {
    setActionStatus(
      `Copying to the clipboard failed: ${describeError(error)}. ` +
        'Select the JSON below and copy it.',
      true,
    );
  }
}

function setActionStatus(text, isError) {
  elements.actionStatus.textContent = text;
  elements.actionStatus.classList.toggle('status-error', isError);
}

async function importFile(file) {
  let bytes;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    showImportStatus(
      `Reading ${file.name} failed: ${describeError(error)}. Choose the file again.`,
      [],
      true,
    );
    return;
  }
  const result = callValidator(() => state.segform.validateFile(bytes));
  if (!result) {
    return;
  }

  // A file that cannot be read as a JSON object (syntax, encoding, top-level
  // type) has no field values, so the form is left exactly as it was.
  const wholeTextErrors = result.findings.filter(
    (finding) => finding.path === '' && finding.severity === 'error',
  );
  if (wholeTextErrors.length > 0 && Object.keys(result.formValues).length === 0) {
    const items = wholeTextErrors.map((finding) =>
      createFindingElement(finding, `${file.name}:${finding.line}:${finding.column}`),
    );
    showImportStatus(`${file.name} was not loaded; the form is unchanged.`, items, true);
    return;
  }

  for (const control of state.controls) {
    control.setValue(result.formValues[control.field.jsonName]);
  }
  state.unknownFields = result.unknownFields.map(({ key, valueJson }) => ({ key, valueJson }));
  state.result = result;
  state.importedFileName = file.name;
  elements.actionStatus.textContent = '';
  render();

  const text =
    result.errorCount > 0
      ? `Loaded ${file.name}, which has ${pluralize(result.errorCount, 'error')} ` +
        'to fix before export.'
      : `Loaded ${file.name}; it is valid.`;
  showImportStatus(text, [], false);
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
  elements.exportButton.disabled = disabled;
  elements.copyButton.disabled = disabled;
  elements.importButton.disabled = disabled;
  elements.importInput.disabled = disabled;
}

function disablePage(reason) {
  elements.validatorStatus.textContent =
    `${reason} The form is disabled; reload the page to try again.`;
  elements.validatorStatus.classList.remove('status-ok');
  elements.validatorStatus.classList.add('status-error');
  elements.fieldset.disabled = true;
  setActionsDisabled(true);
}

function describeError(error) {
  return error instanceof Error ? error.message : String(error);
}
