/**
 * The HTTP API JWT authorizer hands every claim to the integration as a string. Arrays arrive in
 * Go's `%v` form, `["account-manager","admin"]` → `"[account-manager admin]"` (checked against
 * AWS by public emulator fixes); numbers and booleans as their text. Nested objects are rendered
 * the same Go way (`map[key:value]`), which is a guess: no claim this product reads is one.
 */
export function stringifyClaims(payload: Record<string, unknown>): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (value !== undefined) claims[name] = formatClaim(value);
  }
  return claims;
}

function formatClaim(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(formatClaim).join(' ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${entries.map(([k, v]) => `${k}:${formatClaim(v)}`).join(' ')}]`;
  }
  // What is left (undefined, a symbol, a function) is written as String() writes it.
  return typeof value === 'symbol' || typeof value === 'function' ? String(value) : 'undefined';
}
