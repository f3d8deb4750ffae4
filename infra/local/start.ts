/**
 * `npm start`: the whole product on this machine, in memory, with no AWS account. Ctrl-C stops it
 * (and the DynamoDB Local JVM with it).
 * Ports: API_PORT (3000), SFN_PORT (8083), DYNAMODB_PORT (8000), SES_PORT (8005), SECRETS_PORT (8006).
 * SCHEDULE_SECONDS (30): how often the scheduled functions (the SLA sweeper) run; every 5 minutes on AWS.
 */
import './polyfills';
import { DEFAULT_PORTS, startTwin } from './twin';
import { startupBanner } from './startup-banner';

const port = (name: string, fallback: number) => {
  const value = process.env[name];
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new Error(`${name} must be a port number, got ${value}`);
  return parsed;
};

const scheduleSeconds = (fallback: number) => {
  const value = process.env.SCHEDULE_SECONDS;
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`SCHEDULE_SECONDS must be a whole number of seconds, got ${value}`);
  return parsed;
};

const twin = await startTwin({
  ports: {
    api: port('API_PORT', DEFAULT_PORTS.api),
    stepFunctions: port('SFN_PORT', DEFAULT_PORTS.stepFunctions),
    dynamodb: port('DYNAMODB_PORT', DEFAULT_PORTS.dynamodb),
    ses: port('SES_PORT', DEFAULT_PORTS.ses),
    secretsManager: port('SECRETS_PORT', DEFAULT_PORTS.secretsManager),
  },
  logLevel: 'INFO',
  // A person walking the flow sees an SLA warning or breach within half a minute, not five.
  scheduleEverySeconds: scheduleSeconds(30),
  apiLog: (entry) => process.stdout.write(`${JSON.stringify(entry)}\n`),
});
process.stdout.write(startupBanner(twin));

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`\n${signal}: stopping the twin (everything was in memory)…\n`);
  await twin.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
