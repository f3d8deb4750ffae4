import { ONBOARDING_ID_PATTERN } from '../domain/ids';
import { findAgreementVersion } from '../adapters/dynamodb/document-repository';
import { findOnboarding } from '../adapters/dynamodb/onboarding-repository';
import { NotFoundError } from '../runtime/errors';
import { json, staffHandler } from '../runtime/http/http-handler';

/**
 * GET /onboardings/{id}/agreement (staff): the full current agreement version, as the client
 * sees or would see it, with the summary's hold, PDFs and decision; for a preview before release.
 */
export const handler = staffHandler(async ({ event }) => {
  const id = event.pathParameters?.id ?? '';
  const notFound = new NotFoundError(`No onboarding with id ${id.slice(0, 64)}`);
  if (!ONBOARDING_ID_PATTERN.test(id)) throw notFound;
  const onboarding = await findOnboarding(id);
  if (!onboarding) throw notFound;
  const summary = onboarding.agreement;
  if (!summary) throw new NotFoundError(`Onboarding ${id} has no agreement yet (status ${onboarding.status})`);
  const agreement = await findAgreementVersion(id, summary.version);
  if (!agreement) throw new NotFoundError(`Agreement version ${summary.version} of ${id} is missing`);
  const { linkHash: _secretOfTheLink, ...shown } = summary;
  return json(200, { status: onboarding.status, summary: shown, agreement });
});
