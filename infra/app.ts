/**
 * CDK entry point (`npx cdk synth|deploy -c stage=dev|prod`). Deploy-time addresses come from
 * context: `-c senderAddress=... -c analystAddresses=a@x,b@y -c opsAddresses=... -c alarmEmail=...`
 * (required for prod; dev uses example.com placeholders).
 */
import { App } from 'aws-cdk-lib';
import { addOnboardingStack } from './onboarding-stack';

const app = new App();
addOnboardingStack(app);
app.synth();
