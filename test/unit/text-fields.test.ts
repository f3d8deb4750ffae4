import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { analysisSubmissionSchema } from '../../functions/domain/analysis';
import { intakeSchema } from '../../functions/domain/intake';
import { clientProblemSchema, staffIncidentSchema } from '../../functions/domain/problem';
import { FREE_TEXT_FIELDS, TEXT_BOUNDS, type TextBoundName } from '../../functions/domain/size-budget';
import { newTechnicianSchema, technicianPatchSchema } from '../../functions/domain/technician';
import { bytesMessage, impliedBytes, line, text, utf8Bytes } from '../../functions/domain/text-fields';
import { holdSchema, resolveSchema, ticketPatchSchema, workLogSchema } from '../../functions/domain/ticket';
import { fieldErrorsFromZod } from '../../functions/runtime/http/zod-errors';
import { validIntake } from '../support/fixtures';

const EMOJI = '😀'; // U+1F600: two UTF-16 code units, 4 bytes in UTF-8

/** A string of exactly `bytes` UTF-8 bytes made mostly of 3-byte "€", and as few characters as that allows. */
function ofBytes(bytes: number): string {
  return '€'.repeat(Math.floor(bytes / 3)) + 'é'.repeat((bytes % 3) / 2 >= 1 ? 1 : 0) + 'a'.repeat(bytes % 3 === 1 ? 1 : 0);
}

describe('utf8Bytes', () => {
  it.each(['', 'Bakkerij', 'Łukasz Żółć', 'Ørsted €', '漢字かな', `${EMOJI} ok`, '\u{10FFFF}', 'a\uD800b', '\uDC00', 'x\uD83D'])('counts %j as UTF-8 does', (value) => {
    expect(utf8Bytes(value)).toBe(Buffer.byteLength(value, 'utf8'));
  });

  it('ofBytes builds what it says', () => {
    for (const n of [1, 2, 3, 299, 300, 2000, 4000]) expect(utf8Bytes(ofBytes(n))).toBe(n);
  });
});

describe('line() and text(): a character bound and a UTF-8 byte bound', () => {
  const bound = { chars: 10, bytes: 12 };

  it('a string of 4-byte emoji at the character bound is refused by its bytes, naming the bound', () => {
    const value = EMOJI.repeat(5); // 10 code units, 20 bytes
    expect(value.length).toBe(10);
    const result = line(bound).safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error!.issues).toEqual([expect.objectContaining({ code: 'too_big', maximum: 12, message: 'At most 12 bytes in UTF-8 (accented letters count 2 bytes, emoji 4)' })]);
  });

  it('ASCII up to the character bound and multi-byte text up to the byte bound pass', () => {
    expect(line(bound).parse('a'.repeat(10))).toBe('a'.repeat(10));
    expect(text(bound).parse('€€€€')).toBe('€€€€'); // 12 bytes
    expect(text(bound).safeParse('€€€€a').success).toBe(false); // 13 bytes
  });

  it('one message per field: over the character bound says characters only', () => {
    expect(line(bound).safeParse('€'.repeat(11)).error!.issues.map((issue) => issue.message)).toEqual(['At most 10 characters']);
  });

  it('counts after trimming', () => {
    expect(line(bound).parse(`   ${'€'.repeat(4)}   `)).toBe('€€€€');
  });

  it('a bare character count implies its byte bound (3 per character): no stricter than before', () => {
    expect(line(4).safeParse('€€€€').success).toBe(true);
    expect(impliedBytes(4)).toBe(12);
  });
});

/**
 * Every free-text field the domain's schemas take, with the body that puts `value` in it and the
 * pointer its error names. The bound each one must enforce is TEXT_BOUNDS[bound].
 */
type Case = { bound: TextBoundName; schema: z.ZodType; body: (value: string) => unknown; pointer: string };
const item = { incidentId: 'inc-01', rootCause: 'Oorzaak', solution: 'Oplossing', actionType: 'repair', estimatedHours: 1, requiredSkills: ['netwerk'], priority: 'normal' };
const analysis = (override: Record<string, unknown>, top: Record<string, unknown> = {}) => ({ items: [{ ...item, ...override }], ...top });
const intake = (patch: (body: ReturnType<typeof validIntake>) => void) => {
  const body = validIntake();
  patch(body);
  return body;
};
const staffIncident = { title: 'Printer', description: 'Kapot', category: 'hardware', impact: 'low' };
const technician = { name: 'Ayşe Kaya', email: 'ayse@breakfix.example', skills: ['netwerk'], capacity: 3, active: true };
const CASES: Case[] = [
  { bound: 'companyName', schema: intakeSchema, body: (v) => intake((b) => (b.client.companyName = v)), pointer: '/client/companyName' },
  { bound: 'contactName', schema: intakeSchema, body: (v) => intake((b) => (b.contacts[0]!.name = v)), pointer: '/contacts/0/name' },
  { bound: 'expectationsSummary', schema: intakeSchema, body: (v) => intake((b) => (b.expectations.summary = v)), pointer: '/expectations/summary' },
  { bound: 'incidentTitle', schema: intakeSchema, body: (v) => intake((b) => (b.incidents[0]!.title = v)), pointer: '/incidents/0/title' },
  { bound: 'incidentDescription', schema: intakeSchema, body: (v) => intake((b) => (b.incidents[0]!.description = v)), pointer: '/incidents/0/description' },
  { bound: 'incidentCategory', schema: intakeSchema, body: (v) => intake((b) => (b.incidents[0]!.category = v)), pointer: '/incidents/0/category' },
  { bound: 'rootCause', schema: analysisSubmissionSchema, body: (v) => analysis({ rootCause: v }), pointer: '/items/0/rootCause' },
  { bound: 'solution', schema: analysisSubmissionSchema, body: (v) => analysis({ solution: v }), pointer: '/items/0/solution' },
  { bound: 'skill', schema: analysisSubmissionSchema, body: (v) => analysis({ requiredSkills: [v] }), pointer: '/items/0/requiredSkills/0' },
  {
    bound: 'materialDescription',
    schema: analysisSubmissionSchema,
    body: (v) => analysis({ materials: [{ description: v, quantity: 1, unitCostCents: 100 }] }),
    pointer: '/items/0/materials/0/description',
  },
  { bound: 'analysisNotes', schema: analysisSubmissionSchema, body: (v) => analysis({}, { notes: v }), pointer: '/notes' },
  { bound: 'staffIncidentTitle', schema: staffIncidentSchema, body: (v) => ({ ...staffIncident, title: v }), pointer: '/title' },
  { bound: 'staffIncidentDescription', schema: staffIncidentSchema, body: (v) => ({ ...staffIncident, description: v }), pointer: '/description' },
  { bound: 'staffIncidentCategory', schema: staffIncidentSchema, body: (v) => ({ ...staffIncident, category: v }), pointer: '/category' },
  { bound: 'skill', schema: staffIncidentSchema, body: (v) => ({ ...staffIncident, requiredSkills: [v] }), pointer: '/requiredSkills/0' },
  { bound: 'problemTitle', schema: clientProblemSchema, body: (v) => ({ title: v, description: 'D', impact: 'low', submissionId: 'abcdefghijklmnop' }), pointer: '/title' },
  { bound: 'problemDescription', schema: clientProblemSchema, body: (v) => ({ title: 'T', description: v, impact: 'low', submissionId: 'abcdefghijklmnop' }), pointer: '/description' },
  { bound: 'technicianName', schema: newTechnicianSchema, body: (v) => ({ ...technician, name: v }), pointer: '/name' },
  { bound: 'technicianName', schema: technicianPatchSchema, body: (v) => ({ name: v }), pointer: '/name' },
  { bound: 'skill', schema: newTechnicianSchema, body: (v) => ({ ...technician, skills: [v] }), pointer: '/skills/0' },
  { bound: 'skill', schema: ticketPatchSchema, body: (v) => ({ requiredSkills: [v] }), pointer: '/requiredSkills/0' },
  { bound: 'workLogNote', schema: workLogSchema, body: (v) => ({ minutes: 30, note: v }), pointer: '/note' },
  { bound: 'resolutionSummary', schema: resolveSchema, body: (v) => ({ summary: v }), pointer: '/summary' },
  { bound: 'resolutionFollowUp', schema: resolveSchema, body: (v) => ({ summary: 'Opgelost', followUp: v }), pointer: '/followUp' },
  { bound: 'holdReason', schema: holdSchema, body: (v) => ({ reason: v }), pointer: '/reason' },
];

function errorsAt(c: Case, value: string) {
  const result = c.schema.safeParse(c.body(value));
  return result.success ? [] : fieldErrorsFromZod(result.error).filter((e) => 'pointer' in e && e.pointer === c.pointer);
}

describe('every free-text field of the domain has its byte bound', () => {
  it.each(CASES.map((c) => [c.bound, c.pointer, c] as const))('%s at %s', (_bound, _pointer, c) => {
    const { chars, bytes } = TEXT_BOUNDS[c.bound];
    // ASCII up to the character bound (every byte bound is at least the character bound).
    expect(bytes).toBeGreaterThanOrEqual(chars);
    expect(errorsAt(c, 'a'.repeat(chars))).toEqual([]);
    expect(errorsAt(c, 'a'.repeat(chars + 1)).map((e) => e.message)).toEqual([`At most ${chars} characters`]);
    // Multi-byte text up to the byte bound, exactly; one byte more is refused, naming the bound in bytes.
    expect(errorsAt(c, ofBytes(bytes))).toEqual([]);
    expect(errorsAt(c, `a${ofBytes(bytes)}`).map((e) => e.message)).toEqual([bytesMessage(bytes)]);
    // 4-byte emoji at the character bound: within the characters, refused by the bytes.
    const emoji = EMOJI.repeat(Math.floor(chars / 2));
    if (utf8Bytes(emoji) > bytes) expect(errorsAt(c, emoji).map((e) => e.message)).toEqual([bytesMessage(bytes)]);
  });

  it('covers every bound the domain enforces, and docs/limits.md names a place for each', () => {
    const enforcedElsewhere = new Set<TextBoundName>(['decisionName', 'decisionComment', 'releaseComment', 'feedbackComment', 'userAgent']);
    const domain = (Object.keys(TEXT_BOUNDS) as TextBoundName[]).filter((name) => !enforcedElsewhere.has(name));
    expect(new Set(CASES.map((c) => c.bound))).toEqual(new Set(domain));
    expect(new Set(FREE_TEXT_FIELDS.map((f) => f.bound))).toEqual(new Set(Object.keys(TEXT_BOUNDS)));
    // Bounds checked outside the domain take the bytes their characters imply.
    for (const name of enforcedElsewhere) expect(TEXT_BOUNDS[name].bytes).toBe(impliedBytes(TEXT_BOUNDS[name].chars));
  });
});
