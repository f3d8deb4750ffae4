import * as z from 'zod';
import { COUNTS, TEXT_BOUNDS } from './size-budget';
import { line, text } from './text-fields';

export const LOCALES = ['nl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const CONTACT_ROLES = ['primary', 'billing', 'technical'] as const;
export const IMPACTS = ['critical', 'high', 'normal', 'low'] as const;
export type Impact = (typeof IMPACTS)[number];

/** At most 25 incidents: in the planned implementation step each incident's ticket waits in one Map round, and all of them must be able to wait at once. */
export const MAX_INCIDENTS = COUNTS.incidents;
export const MAX_CONTACTS = COUNTS.contacts;

const clientSchema = z.strictObject({
  companyName: line(TEXT_BOUNDS.companyName),
  kvkNumber: z
    .string()
    .regex(/^\d{8}$/, 'A KvK number has exactly 8 digits')
    .optional(),
  vatNumber: z
    .string()
    .transform((value) => value.replace(/[\s.]/g, '').toUpperCase())
    .pipe(z.string().regex(/^NL\d{9}B\d{2}$/, 'A Dutch VAT number looks like NL123456789B01'))
    .optional(),
  locale: z.enum(LOCALES),
});

const contactSchema = z.strictObject({
  name: line(TEXT_BOUNDS.contactName),
  email: z.string().trim().toLowerCase().pipe(z.email('Not a valid e-mail address').max(254)),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ()-]{5,19}$/, 'Not a valid phone number')
    .optional(),
  role: z.enum(CONTACT_ROLES),
});

const incidentSchema = z.strictObject({
  title: line(TEXT_BOUNDS.incidentTitle),
  description: text(TEXT_BOUNDS.incidentDescription),
  category: line(TEXT_BOUNDS.incidentCategory),
  impact: z.enum(IMPACTS),
  affectedUsers: z.number().int('A whole number').min(0).max(1_000_000).optional(),
});

export const intakeSchema = z.strictObject({
  client: clientSchema,
  contacts: z
    .array(contactSchema)
    .min(1, 'At least one contact')
    .max(MAX_CONTACTS, `At most ${MAX_CONTACTS} contacts`)
    .refine((contacts) => contacts.filter((c) => c.role === 'primary').length === 1, {
      message: 'Exactly one contact must have the role primary',
    }),
  expectations: z.strictObject({ summary: text(TEXT_BOUNDS.expectationsSummary) }),
  incidents: z
    .array(incidentSchema)
    .min(1, 'At least one incident')
    .max(MAX_INCIDENTS, `At most ${MAX_INCIDENTS} incidents per onboarding`),
});

export type Intake = z.output<typeof intakeSchema>;
export type Contact = Intake['contacts'][number];
