import { MessageRejected } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import { deliveryProblemsOf, ownerOf } from '../../functions/domain/delivery-problem';
import { namedRefusal } from '../../functions/adapters/ses/send-refusals';
import { sendingEventOf, sesEventSchema } from '../../functions/handle-email-event/ses-event';
import { sesEvent } from '../support/ses-events';

const parsed = (event: unknown) => sendingEventOf(sesEventSchema.parse(event));

describe('the SES events of the configuration set, as recorded', () => {
  it('reads the onboarding from the tag and every bounced recipient of a permanent bounce', () => {
    const event = parsed(sesEvent('bounce-permanent', { onboardingId: 'onb-01JTEST00000000000000000000', recipients: ['A@x.example', 'a@x.example', 'b@x.example'] }));
    expect(event).toMatchObject({ eventType: 'Bounce', onboardingId: 'onb-01JTEST00000000000000000000', bounceType: 'Permanent' });
    expect(deliveryProblemsOf(event)).toEqual([
      { address: 'a@x.example', reason: 'BOUNCE', messageId: '0102019a1b2c3d40-7e8f9a0b-1c2d-4e3f-a4b5-c6d7e8f9a0b1-000000', at: '2026-11-26T13:06:02.417Z', kind: 'Permanent/General' },
      { address: 'b@x.example', reason: 'BOUNCE', messageId: '0102019a1b2c3d40-7e8f9a0b-1c2d-4e3f-a4b5-c6d7e8f9a0b1-000000', at: '2026-11-26T13:06:02.417Z', kind: 'Permanent/General' },
    ]);
  });

  it('suppresses complainants as COMPLAINT, and nobody for a transient bounce or a reject', () => {
    expect(deliveryProblemsOf(parsed(sesEvent('complaint')))).toEqual([expect.objectContaining({ address: 'administratie@korenschoof.example', reason: 'COMPLAINT', kind: 'abuse' })]);
    expect(deliveryProblemsOf(parsed(sesEvent('bounce-transient')))).toEqual([]);
    expect(deliveryProblemsOf(parsed(sesEvent('reject')))).toEqual([]);
  });

  it('reads a message without the tag as belonging to no onboarding', () => {
    expect(parsed(sesEvent('bounce-permanent')).onboardingId).toBeUndefined();
  });

  it('tells a client contact from the account manager and other staff', () => {
    const onboarding = { contacts: [{ name: 'Sanne', email: 'sanne@klant.example', role: 'primary' as const }], accountManager: { sub: 's', email: 'am@breakfix.example' } };
    expect(ownerOf('SANNE@klant.example', onboarding).kind).toBe('client-contact');
    expect(ownerOf('am@breakfix.example', onboarding).kind).toBe('account-manager');
    expect(ownerOf('tech@breakfix.example', onboarding).kind).toBe('staff');
  });
});

describe("SES's refusals of a send, by name", () => {
  const rejected = (message: string) => new MessageRejected({ message, $metadata: { httpStatusCode: 400 } });

  it('is the sandbox when a recipient failed the check', () => {
    const error = namedRefusal(rejected('Email address is not verified. The following identities failed the check in region EU-WEST-1: jan@klant.example'), 'onboarding@breakfix.nl');
    expect(error?.name).toBe('SesSandboxRefusalError');
    expect(error?.message).not.toContain('jan@klant.example');
  });

  it('is the sender when its address or its domain failed the check', () => {
    const message = (identities: string) => `Email address is not verified. The following identities failed the check in region EU-WEST-1: ${identities}`;
    expect(namedRefusal(rejected(message('Onboarding@BreakFix.nl, jan@klant.example')), 'onboarding@breakfix.nl')?.name).toBe('SesSenderNotVerifiedError');
    expect(namedRefusal(rejected(message('breakfix.nl')), 'onboarding@breakfix.nl')?.name).toBe('SesSenderNotVerifiedError');
  });

  it('is none of them for another rejection', () => {
    expect(namedRefusal(rejected('Illegal address'), 'onboarding@breakfix.nl')).toBeUndefined();
    expect(namedRefusal(new Error('Email address is not verified. The following identities failed the check in region EU-WEST-1: x@y.z'), 'a@b.nl')).toBeUndefined();
  });
});
