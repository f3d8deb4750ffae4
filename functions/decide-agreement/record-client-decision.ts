import type { Agreement } from '../domain/agreement';
import type { ClientDecisionEvidence, ClientLink } from '../domain/client-link';
import { useLink } from '../adapters/dynamodb/link-repository';
import { resumeTask } from '../adapters/sfn/task-callback';
import { logger } from '../runtime/observability';
import type { DecisionInput } from './decision-form';

/**
 * Records the client's decision on the link once, with its evidence, then resumes the waiting
 * workflow. If the wait was restarting after a reminder, the next wait finds the decision stored.
 */
export async function recordClientDecision(input: {
  link: ClientLink;
  agreement: Agreement;
  decision: DecisionInput;
  ip: string;
  userAgent: string;
  now: Date;
}): Promise<{ outcome: 'recorded'; evidence: ClientDecisionEvidence } | { outcome: 'already-used'; link: ClientLink } | { outcome: 'expired' | 'not-found' }> {
  const evidence: ClientDecisionEvidence = {
    ...input.decision,
    at: input.now.toISOString(),
    ip: input.ip,
    userAgent: input.userAgent.slice(0, 512),
    documentHash: input.agreement.documentHash,
  };
  const result = await useLink(input.link.tokenHash, evidence);
  if (result.outcome === 'already-used') return { outcome: 'already-used', link: result.link! };
  if (result.outcome !== 'recorded') return { outcome: result.outcome };
  const resumed = await resumeTask(result.link.taskToken, { decision: evidence.decision });
  logger.info('client decision recorded', { onboardingId: input.link.onboardingId, agreementVersion: input.link.agreementVersion, decision: evidence.decision, resumed });
  return { outcome: 'recorded', evidence };
}
