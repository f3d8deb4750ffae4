import * as z from 'zod';

/**
 * Who contracts with the client: the provider's legal identity, as a Dutch business letter and
 * invoice must show it (name, address, KvK, btw-id, IBAN) and the general terms that apply. It
 * comes from stage config and is snapshotted into every agreement version it appears on.
 */
export const providerIdentitySchema = z.object({
  legalName: z.string().min(1).max(200),
  address: z.object({
    street: z.string().min(1).max(200),
    postalCode: z.string().min(1).max(20),
    city: z.string().min(1).max(100),
    country: z.string().min(1).max(100),
  }),
  /** Kamer van Koophandel number: 8 digits. */
  kvkNumber: z.string().regex(/^\d{8}$/, 'A KvK number has 8 digits'),
  /** Btw-identificatienummer, e.g. NL001234567B01. */
  vatId: z.string().regex(/^[A-Z]{2}[0-9A-Z]{2,13}$/, 'A VAT id such as NL001234567B01'),
  /** Account for invoices, e.g. NL91ABNA0417164300. */
  iban: z.string().regex(/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/, 'An IBAN without spaces'),
  /** Where the general terms (algemene voorwaarden) are published. */
  termsUrl: z.url({ protocol: /^https?$/ }),
});

export type ProviderIdentity = z.infer<typeof providerIdentitySchema>;
