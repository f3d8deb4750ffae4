import { formatJson, type JsonObject } from './json';
import { validationError } from './service-error';

/**
 * Reads the members of a JSON 1.0/1.1 request body, answering ValidationException as AWS's model checks do.
 * Messages name a member as `label` makes it: unchanged by default (Step Functions' members are camelCase
 * already); services with PascalCase members pass `lowerCamel`, which is how AWS names them there.
 */
export class RequestFields {
  constructor(
    private readonly body: JsonObject,
    private readonly label: (member: string) => string = (member) => member,
  ) {}

  requiredString(name: string, maxLength = Number.MAX_SAFE_INTEGER, minLength = 0): string {
    const value = this.optionalString(name, maxLength, minLength);
    if (value === undefined) throw validationError(`Value null at '${this.label(name)}' failed to satisfy constraint: Member must not be null`);
    return value;
  }

  optionalString(name: string, maxLength = Number.MAX_SAFE_INTEGER, minLength = 0): string | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw validationError(`Value at '${this.label(name)}' failed to satisfy constraint: Member must be a string`);
    if (value.length > maxLength) {
      throw validationError(`Value at '${this.label(name)}' failed to satisfy constraint: Member must have length less than or equal to ${maxLength}`);
    }
    if (value.length < minLength) {
      throw validationError(`Value at '${this.label(name)}' failed to satisfy constraint: Member must have length greater than or equal to ${minLength}`);
    }
    return value;
  }

  optionalBoolean(name: string): boolean | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw validationError(`Value at '${this.label(name)}' failed to satisfy constraint: Member must be a boolean`);
    return value;
  }

  /** An integer member within [min, max]. */
  optionalInteger(name: string, min: number, max: number): number | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return undefined;
    const at = `Value '${formatJson(value)}' at '${this.label(name)}' failed to satisfy constraint`;
    if (typeof value !== 'number' || !Number.isInteger(value)) throw validationError(`${at}: Member must be an integer`);
    if (value < min) throw validationError(`${at}: Member must have value greater than or equal to ${min}`);
    if (value > max) throw validationError(`${at}: Member must have value less than or equal to ${max}`);
    return value;
  }

  /** AWS's `maxResults`: 0..1000, where 0 or absent means the default page size of 100. */
  pageSize(name = 'maxResults'): number {
    const value = this.body[name];
    if (value === undefined || value === null || value === 0) return 100;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 1000) {
      throw validationError(`Value '${formatJson(value)}' at '${this.label(name)}' failed to satisfy constraint: Member must have value less than or equal to 1000`);
    }
    return value;
  }
}
