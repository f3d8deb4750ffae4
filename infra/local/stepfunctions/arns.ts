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
