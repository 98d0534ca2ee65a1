// Builds one form control per declared field of the message, from the
// declarations the C++ module exports. Field names, enum values, defaults and
// limits therefore have a single source, and this file contains none of them.

import { quoteForDisplay, shortened } from './findings.js';
import {
  formatInteger,
  formatQuotient,
  int64TextToJsonToken,
  parseInteger,
} from './int64.js';
import { codePointCount } from './utf8.js';

/**
 * Creates the controls for all declared fields inside `container`. A text
 * field takes at most `maxLength` characters typed or pasted. Each control is an object with:
 *   field         the declaration from the module
 *   element       the focusable <input> or <select>
 *   findingsList  the <ul> that shows the field's findings
 *   baseDescribedBy  ids that aria-describedby always lists
 *   jsonToken()   the JSON value text to validate, or undefined when unset
 *   setValue(v)   fills the control from a formValues string (undefined: unset)
 *   update(result)  refreshes derived text after a validation
 */
export function createFieldControls(fields, container, { maxLength }) {
  return fields.map((field) => {
    const control = createFieldControl(field, fields);
    // A paste into a field is cut at the text's size limit: past it, the
    // page could neither check nor save the text, and a paste of megabytes
    // slowed every keystroke after it.
    if (control.element instanceof HTMLInputElement) {
      control.element.maxLength = maxLength;
    }
    container.append(control.wrapper);
    return control;
  });
}

function createFieldControl(field, fields) {
  const id = `field-${field.jsonName}`;
  const wrapper = document.createElement('div');
  wrapper.className = 'field';
  wrapper.dataset.field = field.jsonName;

  const label = document.createElement('label');
  label.htmlFor = id;
  label.className = 'field-label';
  label.textContent = field.label;

  const name = document.createElement('code');
  name.className = 'field-name';
  name.textContent = field.jsonName;

  const description = document.createElement('p');
  description.id = `${id}-description`;
  description.className = 'field-description';
  description.textContent = field.description;

  const findingsList = document.createElement('ul');
  findingsList.id = `${id}-findings`;
  findingsList.className = 'findings field-findings';
  findingsList.hidden = true;

  let control;
  if (field.kind === 'enum') {
    control = createEnumControl(field, id);
  } else if (field.kind === 'int64') {
    control = createInt64Control(field, id, fields);
  } else {
    control = createStringControl(field, id);
  }

  const header = document.createElement('div');
  header.className = 'field-header';
  header.append(label, name);
  wrapper.append(header, description, ...control.before, control.element);
  wrapper.append(...control.after, findingsList);

  const baseDescribedBy = [description.id, ...control.describedBy];
  control.element.setAttribute('aria-describedby', baseDescribedBy.join(' '));
  return { ...control, field, wrapper, findingsList, baseDescribedBy };
}

function createEnumControl(field, id) {
  const select = document.createElement('select');
  select.id = id;
  select.name = field.jsonName;

  const notSetOption = new Option(
    `Not set (the service uses ${field.serviceDefault})`,
    '',
  );
  select.append(notSetOption);
  const knownOptions = new Map();
  for (const value of field.values) {
    const option = new Option(
      `${value.name}: ${value.description}`,
      value.name,
    );
    knownOptions.set(value.name, option);
    select.append(option);
  }
  const descriptionByName = new Map(
    field.values.map((value) => [value.name, value.description]),
  );

  // A value from an imported file that is not one of the names gets its own
  // option, so the form keeps it (and its finding) instead of replacing it.
  let importedOption = null;
  function removeImportedOption() {
    if (importedOption && !importedOption.selected) {
      importedOption.remove();
      importedOption = null;
    }
  }

  const valueDescription = document.createElement('p');
  valueDescription.id = `${id}-value-description`;
  valueDescription.className = 'value-description';

  return {
    element: select,
    before: [],
    after: [valueDescription],
    describedBy: [valueDescription.id],
    jsonToken() {
      const option = select.selectedOptions[0];
      if (!option || option === notSetOption) {
        return undefined;
      }
      return JSON.stringify(option.value);
    },
    setValue(value) {
      // Every change of the text sets the value again, so an option kept
      // for the same value is selected, not built again.
      if (importedOption && importedOption.value === value) {
        importedOption.selected = true;
        return;
      }
      if (importedOption) {
        importedOption.remove();
        importedOption = null;
      }
      if (value === undefined) {
        notSetOption.selected = true;
      } else if (knownOptions.has(value)) {
        knownOptions.get(value).selected = true;
      } else {
        importedOption = new Option(
          `${quoteForDisplay(shortened(value))} (from the JSON text)`,
          value,
        );
        importedOption.className = 'imported-option';
        select.append(importedOption);
        importedOption.selected = true;
      }
    },
    update() {
      removeImportedOption();
      const option = select.selectedOptions[0];
      if (!option || option === notSetOption) {
        const defaultDescription = descriptionByName.get(field.serviceDefault);
        valueDescription.textContent =
          `Not set, so the service uses ${field.serviceDefault}: ` +
          `${defaultDescription}`;
      } else if (option === importedOption) {
        valueDescription.textContent =
          'This value comes from the JSON text and is not one of the listed names.';
      } else {
        valueDescription.textContent = descriptionByName.get(option.value);
      }
    },
  };
}

function createInt64Control(field, id, fields) {
  const input = document.createElement('input');
  input.id = id;
  input.name = field.jsonName;
  // NOTE: never type=number. Chromium reports "2e" or "-" in a number input
  // as an empty value, which would read as "unset" instead of as an error.
  input.type = 'text';
  input.inputMode = 'numeric';
  input.autocomplete = 'off';
  input.spellcheck = false;
  input.placeholder = field.serviceDefault;

  const before = [];
  const describedBy = [];
  if (field.range) {
    const range = document.createElement('p');
    range.id = `${id}-range`;
    range.className = 'field-range';
    range.textContent = describeRange(field, fields);
    before.push(range);
    describedBy.push(range.id);
  }

  const summary = document.createElement('p');
  summary.id = `${id}-summary`;
  summary.className = 'value-summary';
  describedBy.push(summary.id);
  const value = longValueGuard(input, id);
  describedBy.push(value.note.id);

  return {
    element: input,
    before,
    after: [summary, value.note],
    describedBy,
    jsonToken() {
      return int64TextToJsonToken(value.get());
    },
    setValue: value.set,
    update(result) {
      // A value the parsers cannot read alike gives no node hours.
      const paths = fieldPaths(field, result);
      const hasError = result.findings.some(
        (finding) =>
          paths.includes(finding.path) &&
          /\.(not_portable|not_integer|int64_overflow)$/.test(finding.code),
      );
      const selected = selectedType(field, fields, result);
      input.placeholder = defaultIsDocumented(field, selected)
        ? field.serviceDefault
        : '';
      const text = hasError
        ? ''
        : summarizeInt64(field, result.formValues[field.jsonName], selected);
      summary.textContent = text;
      summary.hidden = text === '';
    },
  };
}

function createStringControl(field, id) {
  const input = document.createElement('input');
  input.id = id;
  input.name = field.jsonName;
  input.type = 'text';
  input.autocomplete = 'off';
  input.spellcheck = false;
  const value = longValueGuard(input, id);

  return {
    element: input,
    before: [],
    after: [value.note],
    describedBy: [value.note.id],
    jsonToken() {
      const text = value.get();
      return text === '' ? undefined : JSON.stringify(text);
    },
    setValue: value.set,
    update() {},
  };
}

/**
 * The maximum length, in characters, of a value a text field shows for
 * editing. Chromium lays out the whole value of an input each time it is
 * set, 90 ms for a megabyte. So a longer value, which only a broken or
 * hostile text has, is shown cut and read-only, with a note to edit it in
 * the JSON text.
 */
export const maxFieldValueLength = 10_000;

/**
 * Returns a note for the input and the value's getter and setter, which
 * keep a value the input cannot show as it is whole, and show it read-only:
 * one over maxFieldValueLength, which the input shows cut, or one with line
 * breaks, which an input drops. A value set again unchanged is not written
 * to the input again.
 */
function longValueGuard(input, id) {
  const note = document.createElement('p');
  note.id = `${id}-long-value`;
  note.className = 'value-description';
  note.hidden = true;
  let keptValue = null;
  return {
    note,
    get: () => keptValue ?? input.value,
    set(value = '') {
      // Code points, as the validator's messages count characters.
      const characters =
        value.length > maxFieldValueLength ? codePointCount(value) : 0;
      const long = characters > maxFieldValueLength;
      const lineBreaks = !long && /[\r\n]/.test(value);
      keptValue = long || lineBreaks ? value : null;
      // An input drops line breaks, from the start of a long value too.
      const displayed = (long ? shortened(value) : value).replace(
        /\r\n|\r|\n/g,
        lineBreakSymbol,
      );
      if (input.value !== displayed) input.value = displayed;
      input.readOnly = long || lineBreaks;
      note.hidden = !long && !lineBreaks;
      if (long) {
        note.textContent =
          `This value is ${formatInteger(BigInt(characters))} characters ` +
          'long, too long to edit here: the field shows its start. Edit it ' +
          'in the JSON text.';
      } else if (lineBreaks) {
        note.textContent =
          `This value has line breaks, which a form field cannot hold: the ` +
          `field shows each as ${lineBreakSymbol}. Edit it in the JSON text.`;
      } else {
        note.textContent = '';
      }
    },
  };
}

// Stands for a line break in a value shown in a form field.
const lineBreakSymbol = '\u23CE';

/** Describes a field's range and the selector values it applies to. */
function describeRange(field, fields) {
  const { min, max, selector, selectorValues } = field.range;
  const selectorField = fields.find((other) => other.jsonName === selector);
  const selectorLabel = selectorField ? selectorField.label : selector;
  let applies = `${selectorLabel} is ${joinWithOr(selectorValues)}`;
  if (selectorField && selectorValues.includes(selectorField.serviceDefault)) {
    applies += ', or not set';
  }
  let text = `From ${formatInteger(BigInt(min))} to ${formatInteger(BigInt(max))}`;
  if (field.unitsPerDisplayUnit) {
    const units = BigInt(field.unitsPerDisplayUnit);
    const low = formatQuotient(BigInt(min), units).text;
    const high = formatQuotient(BigInt(max), units).text;
    text += ` (${low} to ${high} ${field.displayUnit})`;
  }
  return `${text} when ${applies}.`;
}

/**
 * Returns the JSON Pointers of a field's members in `result`, under its
 * JSON name and its proto name.
 */
function fieldPaths(field, result) {
  return [field.jsonName, field.protoName].map(
    (name) => `${result.inputsPath}/${name}`,
  );
}

/**
 * Returns the enum name of the model type that a field's range depends on,
 * as `result` gives it, or its default when it is not set. Returns
 * undefined for a field without a range and for a value the enum has no
 * name for. It also returns undefined while the model type has an error,
 * since a value given twice, or spelt so that parsers read it differently,
 * may be another type than the one the form shows.
 */
function selectedType(field, fields, result) {
  if (!field.range) {
    return undefined;
  }
  const selector = fields.find(
    (other) => other.jsonName === field.range.selector,
  );
  if (!selector) {
    return undefined;
  }
  const paths = fieldPaths(selector, result);
  const inError = result.findings.some(
    (finding) => finding.severity === 'error' && paths.includes(finding.path),
  );
  const value = result.formValues[selector.jsonName] ?? selector.serviceDefault;
  return !inError && selector.values?.some((known) => known.name === value)
    ? value
    : undefined;
}

/**
 * Returns whether the field's service default is documented for the model
 * type `selected`: the schema documents a ranged field's default only for
 * the model types its range is documented for.
 */
function defaultIsDocumented(field, selected) {
  return !field.range || field.range.selectorValues.includes(selected);
}

/**
 * Describes a validated int64 value in display units, e.g. "Up to 250 node
 * hours, or 31.25 hours on 8 nodes." Empty (and zero, which proto3 treats
 * as unset) describes the service default, or notes that it is not
 * documented for the model type `selected`. Returns "" when there is
 * nothing sensible to show, such as a negative or non-integer value.
 */
function summarizeInt64(field, formValue, selected) {
  if (!field.unitsPerDisplayUnit) {
    return '';
  }
  const value = formValue === undefined ? 0n : parseInteger(formValue);
  if (value === null || value < 0n) {
    return '';
  }
  if (value === 0n && !defaultIsDocumented(field, selected)) {
    return selected === undefined
      ? 'Not set, so the service applies its default.'
      : `Not set, so the service applies its default for ${selected}, which is not documented.`;
  }
  if (value === 0n) {
    const fallback = BigInt(field.serviceDefault);
    return (
      `Not set, so the service default of ${formatInteger(fallback)} ` +
      `applies: up to ${describeAmount(field, fallback)}`
    );
  }
  return `Up to ${describeAmount(field, value)}`;
}

// Formats e.g. "250 node hours, or 31.25 hours on 8 nodes."
function describeAmount(field, value) {
  const units = BigInt(field.unitsPerDisplayUnit);
  const amount = formatQuotient(value, units);
  let text = `${approximately(amount)} ${pluralUnit(amount, field.displayUnit)}`;
  if (field.referenceNodeCount) {
    const nodes = BigInt(field.referenceNodeCount);
    const wall = formatQuotient(value, units * nodes);
    const nodeWord = nodes === 1n ? 'node' : 'nodes';
    text += `, or ${approximately(wall)} ${pluralUnit(wall, 'hours')}`;
    text += ` on ${formatInteger(nodes)} ${nodeWord}`;
  }
  return `${text}.`;
}

function approximately(amount) {
  return amount.exact ? amount.text : `about ${amount.text}`;
}

// NOTE: assumes an English unit whose plural ends in "s" ("node hours").
function pluralUnit(amount, pluralName) {
  if (amount.exact && amount.text === '1') {
    return pluralName.replace(/s$/, '');
  }
  return pluralName;
}

function joinWithOr(names) {
  if (names.length <= 1) {
    return names.join('');
  }
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
