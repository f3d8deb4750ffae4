import { providerIdentitySchema, type ProviderIdentity } from '../domain/provider';
import { ENV, requireEnv } from '../runtime/env';

/** The stage's legal identity of the provider (PROVIDER_IDENTITY), read once when the container starts. */
export const PROVIDER: ProviderIdentity = providerIdentitySchema.parse(JSON.parse(requireEnv(ENV.providerIdentity)));
