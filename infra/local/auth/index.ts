export * from './local-issuer';
export * from './issuer-endpoints';
export * from './oauth-server';
export * from './redirect-uris';
export { s256Challenge, verifyS256 } from './pkce';
export { subjectForEmail } from './stable-subject';
