import { parseJson } from './json';
import { ServiceError, validationError } from './service-error';

const MAX_NAME_LENGTH = 80;
/** Whitespace, brackets, wildcards, the listed special characters and control characters (AWS StartExecution `name`). */
const FORBIDDEN_NAME_CHARACTER = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;
/** Step Functions payloads are limited to 256 KiB. */
export const MAX_PAYLOAD_CHARACTERS = 262_144;

export function assertExecutionName(name: string): void {
  if (name.length < 1 || name.length > MAX_NAME_LENGTH || FORBIDDEN_NAME_CHARACTER.test(name)) {
    throw new ServiceError('InvalidName', `Invalid Name: '${name}'`);
  }
}

/** The execution input as AWS accepts it: any JSON text, "{}" when absent. */
export function acceptExecutionInput(input: string | undefined): string {
  const text = input ?? '{}';
  if (text.length > MAX_PAYLOAD_CHARACTERS) {
    throw validationError(`Value at 'input' failed to satisfy constraint: Member must have length less than or equal to ${MAX_PAYLOAD_CHARACTERS}`);
  }
  const parsed = parseJson(text);
  if (!parsed.ok) throw new ServiceError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${parsed.reason}'`);
  return text;
}
