import { beforeAll, describe, expect, it } from 'vitest';
import { GSIS, TABLE_KEYS, TTL_ATTRIBUTE } from '../../functions/adapters/dynamodb/table-design';
import { type SynthesizedStage, synthesizeStage, type TestStage } from './synth-stage';
import { type CfnResource, logicalId, resource } from './template-queries';

const keySchema = (partitionKey: string, sortKey: string) => [
  { AttributeName: partitionKey, KeyType: 'HASH' },
  { AttributeName: sortKey, KeyType: 'RANGE' },
];

describe('the table', () => {
  const table: Partial<Record<TestStage, CfnResource>> = {};
  const stages: TestStage[] = ['dev', 'prod'];

  beforeAll(() => {
    for (const stage of stages) {
      const synthesized: SynthesizedStage = synthesizeStage(stage);
      table[stage] = resource(synthesized.template, logicalId(synthesized.stack, synthesized.stack.data.table));
    }
  });

  describe.each(stages)('in %s', (stage) => {
    const properties = () => table[stage]?.Properties ?? {};

    it('is keyed by pk/sk (strings), billed on demand', () => {
      expect(properties().KeySchema).toEqual(keySchema(TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey));
      expect(properties().BillingMode).toBe('PAY_PER_REQUEST');
      expect(properties().AttributeDefinitions).toEqual(
        expect.arrayContaining([
          { AttributeName: TABLE_KEYS.partitionKey, AttributeType: 'S' },
          { AttributeName: TABLE_KEYS.sortKey, AttributeType: 'S' },
        ]),
      );
    });

    it.each(Object.entries(GSIS))('has the GSI %s with its keys, projecting all attributes', (indexName, gsi) => {
      expect(properties().GlobalSecondaryIndexes).toContainEqual({
        IndexName: indexName,
        KeySchema: keySchema(gsi.partitionKey, gsi.sortKey),
        Projection: { ProjectionType: 'ALL' },
      });
      expect(properties().AttributeDefinitions).toEqual(
        expect.arrayContaining([
          { AttributeName: gsi.partitionKey, AttributeType: 'S' },
          { AttributeName: gsi.sortKey, AttributeType: 'S' },
        ]),
      );
    });

    it('has point-in-time recovery and the TTL attribute', () => {
      expect(properties().Replicas).toEqual([
        expect.objectContaining({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
      ]);
      expect(properties().TimeToLiveSpecification).toEqual({ AttributeName: TTL_ATTRIBUTE, Enabled: true });
    });
  });

  it('is protected in prod: deletion protection and RETAIN', () => {
    expect(table.prod?.Properties?.Replicas).toEqual([expect.objectContaining({ DeletionProtectionEnabled: true })]);
    expect(table.prod).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('is disposable in dev: no deletion protection, deleted with the stack', () => {
    expect(table.dev?.Properties?.Replicas).toEqual([expect.objectContaining({ DeletionProtectionEnabled: false })]);
    expect(table.dev).toMatchObject({ DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
  });
});
