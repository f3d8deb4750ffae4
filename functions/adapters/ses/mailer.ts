import { ENV, requireEnv } from '../../runtime/env';
import { ses } from './client';
import { rethrowTransient } from '../../runtime/errors';
import { ONBOARDING_TAG, tagValue } from './message-tags';
import { namedRefusal } from './send-refusals';

export { SesSandboxRefusalError, SesSenderNotVerifiedError } from './send-refusals';

/** The stage's verified sender (grant: email), read once when the container starts. */
const SENDER_ADDRESS = requireEnv(ENV.senderAddress);
/** The stage's configuration set: every send names it, so bounces and complaints reach HandleEmailEvent. */
const CONFIGURATION_SET = requireEnv(ENV.sesConfigurationSet);

export interface EmailMessage {
  /** The onboarding the message is about, sent as the SES tag `onboardingId`. */
  onboardingId: string;
  to: string[];
  /** In copy (the account manager on the client's report). */
  cc?: string[];
  /** Where replies go (the account manager, on a client's e-mail): SES ReplyToAddresses. */
  replyTo?: string[];
  subject: string;
  text: string;
  html: string;
  /** Files sent with the message (the agreement's PDF): SES v2 Simple content Attachments, byte for byte. */
  attachments?: EmailAttachment[];
}

export interface EmailAttachment {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

export class InvalidEmailAddressError extends Error {
  constructor(role: 'sender' | 'recipient') {
    super(`The ${role} address is not a valid e-mail address`);
    this.name = 'InvalidEmailAddressError';
  }
}

/** "Name <a@b.nl>" or "a@b.nl"; no line breaks (header injection). SES checks this on AWS, the twin does not. */
const ADDRESS = /^(?:[^<>\r\n"]{0,100}<)?[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+>?$/;

/** The bare mailbox of "Name <a@b.nl>" or "a@b.nl". */
const mailboxOf = (address: string): string => /<([^<>]+)>\s*$/.exec(address)?.[1] ?? address.trim();

/**
 * Sends one message from the stage's verified sender through the stage's configuration set,
 * tagged with its onboarding; returns SES's message id. A refusal by the sandbox or of an
 * unverified sender is thrown as its named error (not transient: no retry helps).
 */
export async function sendEmail(message: EmailMessage): Promise<string> {
  const from = SENDER_ADDRESS;
  if (!ADDRESS.test(from)) throw new InvalidEmailAddressError('sender');
  if (message.to.length === 0 || ![...message.to, ...(message.cc ?? []), ...(message.replyTo ?? [])].every((address) => ADDRESS.test(address))) throw new InvalidEmailAddressError('recipient');
  try {
    const { sdk, client } = await ses();
    const { MessageId } = await client.send(
      new sdk.SendEmailCommand({
        FromEmailAddress: from,
        ConfigurationSetName: CONFIGURATION_SET,
        EmailTags: [{ Name: ONBOARDING_TAG, Value: tagValue(message.onboardingId) }],
        Destination: { ToAddresses: message.to, ...(message.cc?.length ? { CcAddresses: message.cc } : {}) },
        ...(message.replyTo?.length ? { ReplyToAddresses: message.replyTo } : {}),
        Content: {
          Simple: {
            Subject: { Data: message.subject.replace(/[\r\n]+/g, ' '), Charset: 'UTF-8' },
            Body: { Text: { Data: message.text, Charset: 'UTF-8' }, Html: { Data: message.html, Charset: 'UTF-8' } },
            ...(message.attachments?.length
              ? {
                  Attachments: message.attachments.map((attachment) => ({
                    FileName: attachment.fileName,
                    ContentType: attachment.contentType,
                    ContentDisposition: 'ATTACHMENT' as const,
                    RawContent: attachment.bytes,
                  })),
                }
              : {}),
          },
        },
      }),
    );
    return MessageId ?? '';
  } catch (error) {
    const refusal = namedRefusal(error, mailboxOf(from));
    if (refusal) throw refusal;
    rethrowTransient('SES', error);
  }
}
