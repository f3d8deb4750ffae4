import { ENV, requireEnv } from '../runtime/env';

/** The API's public URL without a trailing slash (grant: publicBaseUrl), read once when the container starts; staff e-mails name calls on it. */
export const API_URL = requireEnv(ENV.publicBaseUrl);
