import type * as z from 'zod';
import type { intakeSchema } from '../../functions/domain/intake';

type IntakeInput = z.input<typeof intakeSchema>;

/** A complete, valid intake body as an account manager would send it. */
export function validIntake(overrides: Partial<IntakeInput> = {}): IntakeInput {
  return {
    client: { companyName: 'Bakkerij De Korenschoof B.V.', kvkNumber: '12345678', vatNumber: 'NL123456789B01', locale: 'nl' },
    contacts: [
      { name: 'Sanne de Vries', email: 'sanne@korenschoof.example', phone: '+31 20 123 4567', role: 'primary' },
      { name: 'Pieter Bakker', email: 'administratie@korenschoof.example', role: 'billing' },
    ],
    expectations: { summary: 'Snelle hulp bij storingen, binnen een werkdag opgelost.' },
    incidents: [
      { title: 'Kassasysteem valt uit', description: 'De kassa in de winkel herstart meerdere keren per dag.', category: 'hardware', impact: 'high', affectedUsers: 4 },
      { title: 'Wifi traag in het kantoor', description: 'Vooral in de middag is het netwerk traag.', category: 'network', impact: 'normal' },
    ],
    ...overrides,
  };
}

export const staff = {
  accountManager: { sub: '11111111-1111-4111-8111-111111111111', email: 'am@breakfix.example', roles: ['account-manager' as const] },
};
