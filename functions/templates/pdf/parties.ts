import type { Agreement } from '../../domain/agreement';
import { AGREEMENT_PDF_TEXT } from './agreement-pdf-text';
import { COLORS, SIZES, type PdfLayout } from './layout';

/** Who contracts with whom, side by side: the provider's legal identity and the client's, as given at intake. */
export function partiesBlock(layout: PdfLayout, agreement: Pick<Agreement, 'client' | 'provider'>): void {
  const t = AGREEMENT_PDF_TEXT[agreement.client.locale].parties;
  const label = (text: string) => ({ text, style: { size: SIZES.small, bold: true, color: COLORS.muted } });
  const strong = (text: string) => ({ text, style: { bold: true } });
  const plain = (text: string) => ({ text });
  const { provider, client } = agreement;
  const providerBlock = provider
    ? [
        label(t.provider.toUpperCase()),
        strong(provider.legalName),
        plain(provider.address.street),
        plain(`${provider.address.postalCode} ${provider.address.city}`),
        plain(provider.address.country),
        plain(`${t.kvk}: ${provider.kvkNumber}`),
        plain(`${t.vatId}: ${provider.vatId}`),
        plain(`${t.iban}: ${provider.iban}`),
        plain(`${t.terms}: ${provider.termsUrl}`),
      ]
    : [label(t.provider.toUpperCase()), strong('Break & Fix')];
  const clientBlock = [
    label(t.client.toUpperCase()),
    strong(client.companyName),
    ...(client.kvkNumber ? [plain(`${t.kvk}: ${client.kvkNumber}`)] : []),
    ...(client.vatNumber ? [plain(`${t.vat}: ${client.vatNumber}`)] : []),
    ...(client.contact ? [plain(`${t.contact}: ${client.contact.name}`), plain(client.contact.email)] : []),
  ];
  layout.columns([providerBlock, clientBlock]);
}
