import type * as ses from 'aws-cdk-lib/aws-ses';

/** One DNS record the sender domain needs; values may be deploy-time tokens (the DKIM CNAMEs). */
export interface SenderDnsRecord {
  /** Stable output id, e.g. SenderDkim1. */
  id: string;
  type: 'CNAME' | 'MX' | 'TXT';
  name: string;
  value: string;
  purpose: string;
}

/**
 * What to create in DNS for a domain identity: SES's three Easy DKIM CNAMEs (names and targets
 * are known only once SES has made the keys, so they are deploy-time values), and for the custom
 * MAIL FROM domain the MX to SES's feedback endpoint in the stack's region and the SPF TXT.
 */
export function senderDnsRecords(props: { identity: ses.EmailIdentity; mailFromDomain: string; region: string }): SenderDnsRecord[] {
  const dkim = props.identity.dkimRecords.map(
    (record, index): SenderDnsRecord => ({
      id: `SenderDkim${index + 1}`,
      type: 'CNAME',
      name: record.name,
      value: record.value,
      purpose: 'Easy DKIM: SES signs every message with this key',
    }),
  );
  return [
    ...dkim,
    {
      id: 'SenderMailFromMx',
      type: 'MX',
      name: props.mailFromDomain,
      value: `10 feedback-smtp.${props.region}.amazonses.com`,
      purpose: 'custom MAIL FROM: bounces return to SES through this domain',
    },
    {
      id: 'SenderMailFromSpf',
      type: 'TXT',
      name: props.mailFromDomain,
      value: '"v=spf1 include:amazonses.com ~all"',
      purpose: 'SPF for the MAIL FROM domain, so SPF aligns for DMARC',
    },
  ];
}
