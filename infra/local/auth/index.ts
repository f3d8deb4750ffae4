export * from './local-issuer';
export * from './issuer-endpoints';
export { subjectForEmail } from './stable-subject';
