import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Operation, type ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { sumOf } from './metric-math';

/**
 * The DynamoDB operations the handlers call. DynamoDB publishes ThrottledRequests and SystemErrors
 * per operation only, and an alarm may not SEARCH, so the alarms add these up one by one.
 * test/infra/dynamodb-operations.test.ts fails when the code calls one that is missing here.
 */
export const DYNAMODB_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.QUERY,
  Operation.TRANSACT_WRITE_ITEMS,
] as const;

const perOperation = (table: ITableV2, metricName: string, period: Duration): cloudwatch.IMetric[] =>
  DYNAMODB_OPERATIONS.map((operation) =>
    table.metric(metricName, {
      dimensionsMap: { TableName: table.tableName, Operation: operation },
      statistic: cloudwatch.Stats.SUM,
      period,
    }),
  );

/** Requests DynamoDB refused with a throttle, on the table or held back by one of its indexes. */
export const throttledRequests = (table: ITableV2, period: Duration): cloudwatch.MathExpression =>
  sumOf('throttled', 'Throttled requests (all operations)', perOperation(table, 'ThrottledRequests', period), period);

/** HTTP 500s inside DynamoDB: not our requests' fault, and the SDK's retries did not absorb them. */
export const systemErrors = (table: ITableV2, period: Duration): cloudwatch.MathExpression =>
  sumOf('systemErrors', 'System errors (all operations)', perOperation(table, 'SystemErrors', period), period);

/** Read throttle events of the table's indexes (queries), which the table's own metrics do not show. */
export function indexReadThrottles(table: ITableV2, indexNames: readonly string[], period: Duration): cloudwatch.MathExpression {
  const metrics = indexNames.map((indexName) =>
    table.metric('ReadThrottleEvents', {
      dimensionsMap: { TableName: table.tableName, GlobalSecondaryIndexName: indexName },
      statistic: cloudwatch.Stats.SUM,
      period,
    }),
  );
  return sumOf('indexThrottles', 'Index read throttle events', metrics, period);
}

/** Read and write throttle events of the table and each index, one line each, for the dashboard. */
export function throttleEventsByResource(table: ITableV2, indexNames: readonly string[], period: Duration): cloudwatch.IMetric[] {
  const resources: { label: string; dimensionsMap: Record<string, string> }[] = [
    { label: 'table', dimensionsMap: { TableName: table.tableName } },
    ...indexNames.map((indexName) => ({
      label: indexName,
      dimensionsMap: { TableName: table.tableName, GlobalSecondaryIndexName: indexName },
    })),
  ];
  return resources.flatMap(({ label, dimensionsMap }) =>
    ['ReadThrottleEvents', 'WriteThrottleEvents'].map((metricName) =>
      table.metric(metricName, { dimensionsMap, statistic: cloudwatch.Stats.SUM, period, label: `${label} ${metricName}` }),
    ),
  );
}
