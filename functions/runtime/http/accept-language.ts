/** RFC 9110's qvalue: 0 to 1 with at most three decimals. */
const QVALUE = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/;

/**
 * The language to answer in, from an Accept-Language header (RFC 9110 §12.5.4): the supported
 * language with the highest q-value, matched on the primary subtag (`en-GB` → `en`); `*` stands
 * for the `fallback`. Nothing acceptable, no header or a malformed one → `fallback`. A language
 * given `q=0` is never chosen through `*`.
 */
export function preferredLanguage<L extends string>(header: string | undefined, supported: readonly L[], fallback: L): L {
  if (!header) return fallback;
  const ranges = header
    .slice(0, 1024)
    .split(',')
    .map((part, index) => {
      const [range = '', ...params] = part.split(';');
      const q = params.map((param) => param.trim()).find((param) => /^q=/i.test(param))?.slice(2) ?? '1';
      return { tag: range.trim().toLowerCase(), q: QVALUE.test(q) ? Number(q) : Number.NaN, index };
    })
    .filter((range) => range.tag !== '' && !Number.isNaN(range.q));
  const refused = new Set(ranges.filter((range) => range.q === 0).map((range) => range.tag));
  const acceptable = (language: L) => !refused.has(language);
  const ordered = ranges.filter((range) => range.q > 0).sort((a, b) => b.q - a.q || a.index - b.index);
  for (const range of ordered) {
    if (range.tag === '*') return acceptable(fallback) ? fallback : (supported.find(acceptable) ?? fallback);
    const primary = range.tag.split('-')[0] as L;
    if (supported.includes(primary) && acceptable(primary)) return primary;
  }
  return fallback;
}
