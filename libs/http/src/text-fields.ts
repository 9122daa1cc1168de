import { getMetadataStorage, ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { FieldError } from './api-error';

const MULTILINE = 'multilineText';

/**
 * Marks a text field that may hold several lines (an agenda, a bio): tab and newline are allowed
 * there. Every other string the API reads is single-line. Declared as a class-validator rule that
 * always passes, so that PartialType and other mapped types carry the mark along.
 */
export function MultilineText(): PropertyDecorator {
  return ValidateBy({ name: MULTILINE, validator: { validate: () => true } });
}

// C0 controls, DEL and C1 controls; the multi-line set spares tab (U+0009) and newline (U+000A).
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f]/;
const MULTILINE_FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string cannot be stored as text, or null when it can. */
export function textProblem(value: string, multiline: boolean): string | null {
  // A lone surrogate is half a character: no database, email or URL can carry it.
  if (LONE_SURROGATE.test(value)) return 'is not valid Unicode text';
  if (multiline)
    return MULTILINE_FORBIDDEN.test(value) ? 'must not contain control characters other than tab and newline' : null;
  return SINGLE_LINE_FORBIDDEN.test(value) ? 'must not contain control characters or line breaks' : null;
}

const multilineFieldsCache = new Map<Function, Set<string>>();

function multilineFields(target: Function): Set<string> {
  let fields = multilineFieldsCache.get(target);
  if (!fields) {
    const rules = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);
    fields = new Set(rules.filter((r) => r.name === MULTILINE).map((r) => r.propertyName));
    multilineFieldsCache.set(target, fields);
  }
  return fields;
}

/**
 * Every string in a request value (DTO instances, plain objects, arrays, strings) that cannot be
 * stored as text, by field. `everywhereMultiline` allows tab and newline in every field: the check
 * that can run before the value is a DTO instance, which alone knows its multi-line fields.
 */
export function findBadText(
  value: unknown,
  field: string,
  everywhereMultiline = false,
  multiline = everywhereMultiline,
): FieldError[] {
  if (typeof value === 'string') {
    const problem = textProblem(value, multiline);
    return problem ? [{ field: field || 'value', message: problem }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => findBadText(item, `${field}[${i}]`, everywhereMultiline));
  if (typeof value !== 'object' || value === null) return [];
  const multilines =
    value.constructor && value.constructor !== Object ? multilineFields(value.constructor) : new Set<string>();
  return Object.entries(value).flatMap(([key, item]) =>
    findBadText(item, field ? `${field}.${key}` : key, everywhereMultiline, everywhereMultiline || multilines.has(key)),
  );
}

// Characters that reorder the text after them on screen: "Ann \u202eeeL" shows as "Ann Lee".
// Arabic letter mark, left-to-right and right-to-left marks, embeddings, overrides and isolates.
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
// Spaces of every script (the ideographic space U+3000 too) and the invisible joiners.
const BLANK = /^[\s\u200b-\u200d\u2060]*$/;

/** Why a string cannot be the name of a person, place or meeting, or null when it can. */
export function nameProblem(value: string): string | null {
  if (BLANK.test(value)) return 'must not be empty or only spaces';
  if (BIDI_CONTROL.test(value))
    return 'must not contain bidirectional control characters (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069)';
  return null;
}

/**
 * A name shown to other people (a member, region, category, establishment, meeting title): a
 * string with something visible in it and nothing that reorders it on screen. The one check of
 * every name field, so a name is refused alike by create, update, PATCH /me and the import.
 */
export function IsName(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isName',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && nameProblem(value) === null,
        defaultMessage: (args?: ValidationArguments) =>
          typeof args?.value === 'string' ? (nameProblem(args.value) ?? 'is not a name') : 'must be a string',
      },
    },
    options,
  );
}
