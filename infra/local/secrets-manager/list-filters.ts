import { formatJson, isJsonObject, type JsonValue } from '../stepfunctions/json';
import { validationError } from '../stepfunctions/service-error';
import { SecretsManagerError } from './errors';
import type { Secret } from './secret-store';

const FILTER_KEYS = ['description', 'name', 'tag-key', 'tag-value', 'primary-region', 'owning-service', 'all'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

export interface SecretFilter {
  key: FilterKey;
  values: string[];
}

/** ListSecrets' `Filters`, checked as AWS checks them. */
export function parseFilters(raw: JsonValue | undefined): SecretFilter[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw validationError("Value at 'filters' failed to satisfy constraint: Member must be a list");
  if (raw.length > 10) throw validationError("Value at 'filters' failed to satisfy constraint: Member must have length less than or equal to 10");
  return raw.map((entry, index) => {
    const at = `filters.${index + 1}.member`;
    if (!isJsonObject(entry)) throw validationError(`Value at '${at}' failed to satisfy constraint: Member must be a structure`);
    const { Key: key, Values: values } = entry;
    if (key === undefined || key === null) throw new SecretsManagerError('InvalidParameterException', 'Invalid filter key');
    if (typeof key !== 'string' || !(FILTER_KEYS as readonly string[]).includes(key)) {
      throw validationError(
        `Value '${formatJson(key)}' at '${at}.key' failed to satisfy constraint: Member must satisfy enum value set: [${FILTER_KEYS.join(', ')}]`,
      );
    }
    if (values === undefined || values === null) throw new SecretsManagerError('InvalidParameterException', `Invalid filter values for key: ${key}`);
    if (!Array.isArray(values) || values.length < 1 || values.length > 10 || values.some((value) => typeof value !== 'string' || value.length > 512)) {
      throw validationError(`Value at '${at}.values' failed to satisfy constraint: Member must have length between 1 and 10, each a string of at most 512 characters`);
    }
    return { key: key as FilterKey, values: values as string[] };
  });
}

/** Every filter must match (AND); within one, any value (OR). A value starting with `!` negates. */
export function matchesFilters(secret: Secret, filters: readonly SecretFilter[]): boolean {
  return filters.every((filter) => matchesFilter(secret, filter));
}

function matchesFilter(secret: Secret, { key, values }: SecretFilter): boolean {
  switch (key) {
    case 'name':
      return matchAny(values, [secret.name], prefixMatch);
    case 'tag-key':
      return matchAny(
        values,
        secret.tags.map((tag) => tag.Key),
        prefixMatch,
      );
    case 'tag-value':
      return matchAny(
        values,
        secret.tags.map((tag) => tag.Value),
        prefixMatch,
      );
    // AWS documents a prefix match, but matches description words case-insensitively, as it does for `all`.
    case 'description':
      return matchAny(values, secret.description ? [secret.description] : [], wordMatch);
    case 'all':
      return matchAny(values, [secret.name, ...(secret.description ? [secret.description] : []), ...secret.tags.flatMap((tag) => [tag.Key, tag.Value])], wordMatch);
    // The twin neither replicates secrets nor holds secrets owned by other services.
    case 'primary-region':
    case 'owning-service':
      return false;
  }
}

function matchAny(values: readonly string[], attributes: readonly string[], match: (pattern: string, attribute: string) => boolean): boolean {
  return values.some((value) =>
    value.startsWith('!') ? attributes.some((attribute) => !match(value.slice(1), attribute)) : attributes.some((attribute) => match(value, attribute)),
  );
}

/** Case-sensitive prefix. */
function prefixMatch(pattern: string, attribute: string): boolean {
  return attribute.startsWith(pattern);
}

/** Every word of the pattern starts some word of the attribute, ignoring case. */
function wordMatch(pattern: string, attribute: string): boolean {
  const wanted = words(pattern);
  if (wanted.length === 0) return false;
  const present = words(attribute);
  return wanted.every((word) => present.some((candidate) => candidate.startsWith(word)));
}

/** Words split at punctuation, spaces and lower-to-upper case changes (`myAppKey` is my, app, key). */
function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}
