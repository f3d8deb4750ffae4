import { onFirstUse } from '../on-first-use';

/** The SES v2 module and one client per container, shared by the mailer and the suppression list; loaded on first use (on-first-use.ts says why). */
export const ses = onFirstUse(async () => {
  const sdk = await import('@aws-sdk/client-sesv2');
  return { sdk, client: new sdk.SESv2Client({}) };
});
