import type { JsonObject } from './json';
import { validationError } from './service-error';

/** Reads the members of a JSON 1.0 request body, answering ValidationException as AWS's model checks do. */
export class RequestFields {
  constructor(private readonly body: JsonObject) {}

  requiredString(name: string, maxLength = Number.MAX_SAFE_INTEGER): string {
    const value = this.optionalString(name, maxLength);
    if (value === undefined) throw validationError(`Value null at '${name}' failed to satisfy constraint: Member must not be null`);
    return value;
  }

  optionalString(name: string, maxLength = Number.MAX_SAFE_INTEGER): string | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw validationError(`Value at '${name}' failed to satisfy constraint: Member must be a string`);
    if (value.length > maxLength) {
      throw validationError(`Value at '${name}' failed to satisfy constraint: Member must have length less than or equal to ${maxLength}`);
    }
    return value;
  }

  optionalBoolean(name: string): boolean | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw validationError(`Value at '${name}' failed to satisfy constraint: Member must be a boolean`);
    return value;
  }

  /** AWS's `maxResults`: 0..1000, where 0 or absent means the default page size of 100. */
  pageSize(name = 'maxResults'): number {
    const value = this.body[name];
    if (value === undefined || value === null || value === 0) return 100;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 1000) {
      throw validationError(`Value '${String(value)}' at '${name}' failed to satisfy constraint: Member must have value less than or equal to 1000`);
    }
    return value;
  }
}
