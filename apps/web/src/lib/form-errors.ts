import type { ReactNode } from 'react';
import { type ApiError, isApiError } from './api-client.ts';

type FormLike = { setErrors: (errors: Record<string, string>) => void };

/**
 * Puts the API's field details next to the matching form fields and returns the message to show
 * above the form for anything that did not map onto a field (or null when every error found a field).
 * `fieldMap` renames or folds paths, e.g. `units.3.label` -> `units`.
 */
export function applyApiErrors(
  form: FormLike,
  error: unknown,
  fields: readonly string[],
  fieldMap: (path: string) => string = (path) => path,
): string | null {
  if (!isApiError(error)) return 'Something went wrong. Try again.';
  const errors: Record<string, string> = {};
  const unmatched: string[] = [];
  for (const detail of error.fieldErrors) {
    const field = fieldMap(detail.path);
    if (fields.includes(field)) {
      errors[field] ??= detail.message;
    } else {
      unmatched.push(detail.path ? `${detail.path}: ${detail.message}` : detail.message);
    }
  }
  form.setErrors(errors);
  if (Object.keys(errors).length > 0 && unmatched.length === 0) return null;
  return unmatched.length > 0 ? `${error.message}. ${unmatched.join('; ')}` : describeError(error);
}

export function describeError(error: unknown): string {
  if (isApiError(error)) return messageFor(error);
  if (error instanceof Error) return error.message;
  return 'Something went wrong. Try again.';
}

function messageFor(error: ApiError): string {
  if (error.status === 403) return 'Your role does not allow this.';
  if (error.status >= 500) return 'Something went wrong on our side. Try again in a moment.';
  return error.message;
}

/** What an empty required field says, the same words the contracts use. */
export const REQUIRED = 'Required';

type Validate<Values> = (values: Values) => Record<string, ReactNode>;

/**
 * Wraps a form's validation so a required field left empty (or only spaces) says "Required" rather than the
 * message about a malformed value ("Enter a phone number with area code" for nothing typed reads as a rebuke).
 */
export function requiredFirst<Values extends Record<string, unknown>>(validate: Validate<Values>, required: readonly (keyof Values & string)[]): Validate<Values> {
  return (values) => {
    const errors: Record<string, ReactNode> = { ...validate(values) };
    for (const field of required) {
      const value = values[field];
      if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) errors[field] = REQUIRED;
    }
    return errors;
  };
}
