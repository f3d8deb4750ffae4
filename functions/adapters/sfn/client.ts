import { onFirstUse } from '../on-first-use';

/** The Step Functions module and one client per container with the SDK's own retries; loaded on first use (on-first-use.ts says why). */
export const sfn = onFirstUse(async () => {
  const sdk = await import('@aws-sdk/client-sfn');
  return { sdk, client: new sdk.SFNClient({}) };
});
