import { describe, expect, it } from 'vitest';
import { mailboxOf } from '../../infra/constructs/email';

describe('the SES identity of a sender address', () => {
  it('is the mailbox inside a display-name address', () => {
    expect(mailboxOf('Break & Fix <onboarding@breakfix.nl>')).toBe('onboarding@breakfix.nl');
  });

  it('is a bare address itself', () => {
    expect(mailboxOf(' onboarding@breakfix.nl ')).toBe('onboarding@breakfix.nl');
  });

  it('is refused when there is no address', () => {
    expect(() => mailboxOf('Break & Fix')).toThrow(/does not contain an e-mail address/);
  });
});
