import { isJsonObject, type JsonValue } from './json';

const SEGMENT = /^(?:\.([^.[\]]+)|\['([^']*)'\]|\["([^"]*)"\]|\[(\d+)\])/;

/**
 * Resolves an ASL reference path (`$`, `$.a.b`, `$['a']`, `$.a[0]`; `$$.` against the context object).
 * Undefined when the path selects nothing or uses syntax beyond reference paths.
 */
export function resolveReferencePath(path: string, input: JsonValue, context: JsonValue): JsonValue | undefined {
  let rest = path.startsWith('$$') ? path.slice(2) : path.startsWith('$') ? path.slice(1) : undefined;
  let current: JsonValue | undefined = path.startsWith('$$') ? context : input;
  if (rest === undefined) return undefined;
  while (rest.length > 0 && current !== undefined) {
    const match = SEGMENT.exec(rest);
    if (!match) return undefined;
    const [whole, dotted, singleQuoted, doubleQuoted, index] = match;
    if (index !== undefined) current = Array.isArray(current) ? current[Number(index)] : undefined;
    else {
      const key = dotted ?? singleQuoted ?? doubleQuoted ?? '';
      current = isJsonObject(current) ? current[key] : undefined;
    }
    rest = rest.slice(whole.length);
  }
  return current;
}
