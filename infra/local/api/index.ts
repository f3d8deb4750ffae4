export { startApiEmulator, type ApiEmulator, type ApiEmulatorOptions } from './emulator';
export { routesFromCatalog } from './catalog-routes';
export { createJwtAuthorizer, type JwtAuthorizerConfig, type AuthorizerVerdict } from './jwt-authorizer';
export { MAX_PAYLOAD_BYTES } from './read-body';
export type { ApiRoute, ApiLog, ApiLogEntry, HttpApiEvent, HttpApiHandler } from './types';
