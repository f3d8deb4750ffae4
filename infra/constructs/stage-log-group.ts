import { RemovalPolicy } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { StageConfig } from '../stage-config';

function retentionDays(days: number): logs.RetentionDays {
  const allowed = Object.values(logs.RetentionDays).filter((value): value is number => typeof value === 'number');
  if (!allowed.includes(days)) {
    throw new Error(`logRetentionDays ${days} is not a CloudWatch retention; use one of ${allowed.join(', ')}`);
  }
  return days;
}

/** A log group with the stage's retention; kept on stack deletion where the stage protects data. */
export function stageLogGroup(
  scope: Construct,
  id: string,
  stage: StageConfig,
  logGroupName?: string,
  keepDays: number = stage.logRetentionDays,
): logs.LogGroup {
  return new logs.LogGroup(scope, id, {
    logGroupName,
    retention: retentionDays(keepDays),
    removalPolicy: stage.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
}
