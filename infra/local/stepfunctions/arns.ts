import { ServiceError } from './service-error';

export interface ServiceLocation {
  region: string;
  accountId: string;
}

export function stateMachineArn(at: ServiceLocation, name: string): string {
  return `arn:aws:states:${at.region}:${at.accountId}:stateMachine:${name}`;
}

export function executionArn(at: ServiceLocation, stateMachineName: string, executionName: string): string {
  return `arn:aws:states:${at.region}:${at.accountId}:execution:${stateMachineName}:${executionName}`;
}

export function lambdaFunctionArn(at: ServiceLocation, functionName: string): string {
  return `arn:aws:lambda:${at.region}:${at.accountId}:function:${functionName}`;
}

/** The one version the twin publishes of each function and state machine; every alias points at it. */
export const TWIN_VERSION = '1';
/** The state-machine alias executions start through, as on AWS. */
export const LIVE_ALIAS = 'live';

const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:([A-Za-z0-9_-]+)(?::([A-Za-z0-9_$-]+))?$/;

/** A Lambda function ARN's name and qualifier (a version, `$LATEST` or an alias); undefined if it is none. */
export function parseLambdaFunctionArn(arn: string): { functionName: string; qualifier?: string } | undefined {
  const match = LAMBDA_ARN.exec(arn);
  if (!match?.[1]) return undefined;
  return match[2] === undefined ? { functionName: match[1] } : { functionName: match[1], qualifier: match[2] };
}

/**
 * The version an invocation of `arn` runs, as Lambda reports it (ExecutedVersion): `$LATEST` when
 * unqualified, the number when it names a version, and for an alias the version it points at.
 */
export function executedVersionOf(arn: string): string {
  const qualifier = parseLambdaFunctionArn(arn)?.qualifier;
  if (qualifier === undefined || qualifier === '$LATEST') return '$LATEST';
  return /^\d+$/.test(qualifier) ? qualifier : TWIN_VERSION;
}

/** A state machine ARN split into the unqualified ARN and its qualifier (a version number or an alias name). */
export function splitStateMachineArn(arn: string): { unqualifiedArn: string; qualifier?: string } {
  const match = /^(arn:[^:]+:states:[^:]+:[^:]+:stateMachine:[^:]+)(?::([^:]+))?$/.exec(arn);
  if (!match?.[1]) return { unqualifiedArn: arn };
  return match[2] === undefined ? { unqualifiedArn: match[1] } : { unqualifiedArn: match[1], qualifier: match[2] };
}

/** The role the twin pretends executions run as (AWS reports one in ExecutionStarted and DescribeStateMachine). */
export function stateMachineRoleArn(at: ServiceLocation, stateMachineName: string): string {
  return `arn:aws:iam::${at.accountId}:role/service-role/StepFunctions-${stateMachineName}-role`;
}

const STATES_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:([A-Za-z]+):(.+)$/;

/** Rejects what is not a Step Functions ARN of `expected` type, as AWS does with InvalidArn. */
export function assertStatesArn(arn: string, expected: 'stateMachine' | 'execution'): void {
  const match = STATES_ARN.exec(arn);
  if (!match) throw new ServiceError('InvalidArn', `Invalid Arn: '${arn}'`);
  const [, resourceType = '', rest = ''] = match;
  if (resourceType !== expected) {
    throw new ServiceError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${resourceType.toLowerCase()}'`);
  }
  const parts = rest.split(':');
  const wellFormed = expected === 'execution' ? parts.length === 2 : parts.length <= 2;
  if (!wellFormed || parts.some((part) => part.length === 0)) throw new ServiceError('InvalidArn', `Invalid Arn: '${arn}'`);
}
