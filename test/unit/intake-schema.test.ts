import { describe, expect, it } from 'vitest';
import { intakeSchema, MAX_INCIDENTS } from '../../functions/domain/intake';
import { fieldErrorsFromZod } from '../../functions/runtime/http/zod-errors';
import { validIntake } from '../support/fixtures';

function errorsOf(body: unknown) {
  const result = intakeSchema.safeParse(body);
  return result.success ? [] : fieldErrorsFromZod(result.error);
}

describe('intake schema', () => {
  it('accepts a complete intake and normalises e-mail and VAT number', () => {
    const body = validIntake({ client: { companyName: ' Acme ', vatNumber: 'nl 1234.56789 b01', locale: 'en' } });
    body.contacts[0]!.email = 'Sanne@Korenschoof.EXAMPLE';
    const intake = intakeSchema.parse(body);
    expect(intake.client).toEqual({ companyName: 'Acme', vatNumber: 'NL123456789B01', locale: 'en' });
    expect(intake.contacts[0]!.email).toBe('sanne@korenschoof.example');
  });

  it('accepts the minimum: one primary contact and one incident, optional fields absent', () => {
    const body = validIntake({
      contacts: [{ name: 'A', email: 'a@b.nl', role: 'primary' }],
      incidents: [{ title: 'T', description: 'D', category: 'other', impact: 'low' }],
    });
    expect(errorsOf(body)).toEqual([]);
  });

  it.each([
    ['a KvK number of 7 digits', { client: { companyName: 'A', kvkNumber: '1234567', locale: 'nl' } }, '/client/kvkNumber'],
    ['a foreign VAT number', { client: { companyName: 'A', vatNumber: 'DE123456789', locale: 'nl' } }, '/client/vatNumber'],
    ['an unknown locale', { client: { companyName: 'A', locale: 'de' } }, '/client/locale'],
    ['an empty company name', { client: { companyName: '  ', locale: 'nl' } }, '/client/companyName'],
    ['a company name with a line break', { client: { companyName: 'A\r\nBcc: x@y.z', locale: 'nl' } }, '/client/companyName'],
    ['no incidents', { incidents: [] }, '/incidents'],
    ['no primary contact', { contacts: [{ name: 'A', email: 'a@b.nl', role: 'billing' }] }, '/contacts'],
    [
      'two primary contacts',
      { contacts: [{ name: 'A', email: 'a@b.nl', role: 'primary' }, { name: 'B', email: 'b@b.nl', role: 'primary' }] },
      '/contacts',
    ],
    ['a bad e-mail', { contacts: [{ name: 'A', email: 'not-an-address', role: 'primary' }] }, '/contacts/0/email'],
    ['an unknown impact', { incidents: [{ title: 'T', description: 'D', category: 'c', impact: 'urgent' }] }, '/incidents/0/impact'],
    ['fractional affected users', { incidents: [{ title: 'T', description: 'D', category: 'c', impact: 'low', affectedUsers: 1.5 }] }, '/incidents/0/affectedUsers'],
  ])('rejects %s, naming the field', (_case, override, pointer) => {
    expect(errorsOf(validIntake(override as never)).map((e) => e.pointer)).toContain(pointer);
  });

  it(`rejects more than ${MAX_INCIDENTS} incidents`, () => {
    const incident = { title: 'T', description: 'D', category: 'c', impact: 'low' as const };
    expect(errorsOf(validIntake({ incidents: Array(MAX_INCIDENTS + 1).fill(incident) }))).toEqual([
      { pointer: '/incidents', message: `At most ${MAX_INCIDENTS} incidents per onboarding` },
    ]);
    expect(errorsOf(validIntake({ incidents: Array(MAX_INCIDENTS).fill(incident) }))).toEqual([]);
  });

  it('rejects unknown fields at every level, one error per field', () => {
    const body = { ...validIntake(), extra: 1 } as Record<string, unknown>;
    (body.client as Record<string, unknown>).tier = 'gold';
    expect(errorsOf(body)).toEqual(
      expect.arrayContaining([
        { pointer: '/extra', message: 'Unknown field' },
        { pointer: '/client/tier', message: 'Unknown field' },
      ]),
    );
  });

  it('rejects a missing section and wrong types', () => {
    const { expectations: _omit, ...body } = validIntake();
    expect(errorsOf(body).map((e) => e.pointer)).toEqual(['/expectations']);
    expect(errorsOf([]).map((e) => e.pointer)).toEqual(['/']);
  });
});
