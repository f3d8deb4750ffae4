import { IDEMPOTENCY_KEY_PATTERN } from '../domain/ids';
import { intakeSchema } from '../domain/intake';
import { ValidationError } from '../runtime/errors';
import { header, parseJsonBody } from '../runtime/http/request';
import { staffHandler, json } from '../runtime/http/http-handler';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '../runtime/observability';
import { createOnboarding } from './create-onboarding';

/** POST /onboardings (account-manager, admin): the intake. */
export const handler = staffHandler(async ({ event, caller }) => {
  const idempotencyKey = header(event, 'idempotency-key');
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
    throw new ValidationError([{ parameter: 'Idempotency-Key', message: '1 to 255 printable ASCII characters, no spaces' }], 'Invalid header');
  }
  const intake = parseJsonBody(event, intakeSchema);
  const result = await createOnboarding({ intake, caller, idempotencyKey });
  if (!result.replayed) metrics.addMetric('OnboardingReceived', MetricUnit.Count, 1);
  return json(
    202,
    { onboardingId: result.onboardingId, status: result.status, executionArn: result.executionArn },
    { location: `/onboardings/${result.onboardingId}` },
  );
});
