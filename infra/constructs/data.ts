import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { GSIS, projectionOf, TABLE_KEYS, TTL_ATTRIBUTE, type GsiName } from '../../functions/adapters/dynamodb/table-design';
import type { StageConfig } from '../stage-config';

const stringKey = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

/**
 * `-c withoutIndex=<name>`: the table without that one GSI. CloudFormation cannot change an existing
 * index's keys or projection in place, and creates or deletes one index per stack update, so a
 * changed index takes two deploys: one with this set (the index is deleted), one without (it is
 * created anew). docs/data-model.md has the procedure.
 */
function indexLeftOut(scope: Construct): GsiName | undefined {
  const name: unknown = scope.node.tryGetContext('withoutIndex');
  if (name === undefined) return undefined;
  if (typeof name !== 'string' || !(name in GSIS)) {
    throw new Error(`withoutIndex must name one of the table's indexes (${Object.keys(GSIS).join(', ')}), got ${JSON.stringify(name)}`);
  }
  return name as GsiName;
}

/** The single table, built from the same design module the local twin creates its table from. */
export class OnboardingData extends Construct {
  readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string, props: { stage: StageConfig }) {
    super(scope, id);
    const { protectData } = props.stage;
    const leftOut = indexLeftOut(this);

    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: stringKey(TABLE_KEYS.partitionKey),
      sortKey: stringKey(TABLE_KEYS.sortKey),
      billing: dynamodb.Billing.onDemand(),
      timeToLiveAttribute: TTL_ATTRIBUTE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      globalSecondaryIndexes: Object.entries(GSIS)
        .filter(([indexName]) => indexName !== leftOut)
        .map(([indexName, gsi]) => ({
          indexName,
          partitionKey: stringKey(gsi.partitionKey),
          sortKey: stringKey(gsi.sortKey),
          // Only what the index's queries read (table-design.ts); the twin's CreateTable projects the same.
          ...(projectionOf(gsi).ProjectionType === 'ALL'
            ? { projectionType: dynamodb.ProjectionType.ALL }
            : { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...gsi.projected] }),
        })),
      deletionProtection: protectData,
      removalPolicy: protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
  }
}
