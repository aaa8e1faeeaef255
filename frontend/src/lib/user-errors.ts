// Payload errors (`errors: [UserError!]!`) are data: each one is shown next to the field its
// `field` path names (a path inside the mutation's input object), the others in a summary.
import { graphql } from '@/gql';

/** Every mutation's `errors`, written once: documents spread `...UserErrorFields` (codegen inlines the fragment
 * into each document and its hash). */
export const UserErrorFieldsFragment = graphql(`
  fragment UserErrorFields on UserError {
    code
    message
    field
  }
`);

export interface UserErrorLike {
  code: string;
  message: string;
  field?: readonly string[] | null;
}

export interface SplitUserErrors<F extends string> {
  byField: Partial<Record<F, string>>;
  /** Errors with no field, or with a field this form does not show. */
  general: UserErrorLike[];
}

export function fieldKey(path: readonly string[]): string {
  return path.join('.');
}

export function splitUserErrors<F extends string>(
  errors: readonly UserErrorLike[],
  fields: readonly F[],
): SplitUserErrors<F> {
  const known = new Set<string>(fields);
  const byField: Partial<Record<F, string>> = {};
  const general: UserErrorLike[] = [];
  for (const error of errors) {
    const key = error.field == null ? '' : fieldKey(error.field);
    if (known.has(key)) {
      const field = key as F;
      const previous = byField[field];
      byField[field] = previous === undefined ? error.message : `${previous} ${error.message}`;
    } else {
      general.push(error);
    }
  }
  return { byField, general };
}

/**
 * The item of a list the input carried that an error names by its path `[list, "<index>"]` (the
 * index-th of `submitted`), or undefined when the error names something else.
 */
export function submittedItemOf<T>(error: UserErrorLike, list: string, submitted: readonly T[]): T | undefined {
  const [head, index, ...more] = error.field ?? [];
  return head === list && index !== undefined && more.length === 0 && /^\d+$/.test(index)
    ? submitted[Number(index)]
    : undefined;
}
