import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { IConfigurationSet } from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { GSIS } from '../../functions/adapters/dynamodb/table-design';
import type { StageConfig } from '../stage-config';
import { alarmDefinitions, type AlarmDefinition } from './alarms';
import type { CatalogFunction } from './catalog-function';
import { OnboardingDashboard } from './dashboard';

/** Where every alarm's description sends the operator. */
export const RUNBOOK = 'docs/runbook.md';

export interface OnboardingMonitoringProps {
  stage: StageConfig;
  stateMachine: StateMachine;
  functions: readonly CatalogFunction[];
  httpApi: HttpApi;
  table: ITableV2;
  /** The configuration set every send names: its reputation metrics are this stage's alone. */
  configurationSet: IConfigurationSet;
}

/**
 * The alarms operations act on, their SNS topic, and one dashboard. Each alarm is named
 * `onboarding-<stage>-<id>`, and its description says what it means, what to do first and which
 * section of the runbook explains the rest.
 */
export class OnboardingMonitoring extends Construct {
  readonly alarmTopic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: OnboardingMonitoringProps) {
    super(scope, id);
    const { stage } = props;
    const prefix = `onboarding-${stage.stage}`;

    // Alarm notifications carry no client data, so SSL in transit suffices (no customer KMS key).
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      displayName: `Break & Fix ${prefix} alarms`,
      enforceSSL: true,
    });
    if (stage.alarmEmail) this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(stage.alarmEmail));

    const sources = { ...props, indexNames: Object.keys(GSIS) };
    for (const definition of alarmDefinitions(sources)) this.alarms.push(this.alarm(prefix, definition));

    this.dashboard = new OnboardingDashboard(this, 'Dashboard', {
      ...sources,
      stateMachineLogGroup: logGroupBeside(props.stateMachine),
      alarms: this.alarms,
    }).dashboard;
  }

  private alarm(prefix: string, definition: AlarmDefinition): cloudwatch.Alarm {
    const section = definition.runbookSection ?? definition.id;
    const alarm = new cloudwatch.Alarm(this, definition.id, {
      alarmName: `${prefix}-${definition.id}`,
      alarmDescription: `${definition.means} Runbook: ${RUNBOOK}, section ${section}.`,
      metric: definition.metric,
      threshold: definition.threshold ?? 1,
      comparisonOperator: definition.comparisonOperator ?? cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: definition.evaluationPeriods ?? 1,
      datapointsToAlarm: definition.datapointsToAlarm,
      // Most of these metrics are only published when something happens: no data is good news.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.alarmTopic));
    return alarm;
  }
}

/** The state machine's log group, which the workflow construct creates beside it. */
function logGroupBeside(stateMachine: StateMachine): logs.ILogGroup | undefined {
  return stateMachine.node.scope?.node.children.find((child): child is logs.LogGroup => child instanceof logs.LogGroup);
}
