import type * as z from 'zod';
import type { FieldError } from '../errors';

/** zod issues → field errors whose JSON Pointer names the offending field (unknown keys included). */
export function fieldErrorsFromZod(error: z.ZodError, location: 'body' | 'query' = 'body'): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    const path = issue.path.map(String);
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...path, key]) : [path];
    const message = issue.code === 'unrecognized_keys' ? 'Unknown field' : issue.message;
    return keys.map((segments) =>
      location === 'query' ? { parameter: segments.join('.'), message } : { pointer: toPointer(segments), message },
    );
  });
}

function toPointer(segments: string[]): string {
  return segments.map((s) => '/' + s.replace(/~/g, '~0').replace(/\//g, '~1')).join('') || '/';
}
