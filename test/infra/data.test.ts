import { beforeAll, describe, expect, it } from 'vitest';
import { GSIS, MAX_PROJECTED_PER_INDEX, MAX_PROJECTED_PER_TABLE, projectionOf, TABLE_KEYS, TTL_ATTRIBUTE } from '../../functions/adapters/dynamodb/table-design';

type GsiDesignLike = { projectsAllBecause?: string };
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
    // Two whole stacks: give a loaded machine time.
  }, 180_000);

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

    it.each(Object.entries(GSIS))('has the GSI %s with its keys, projecting only what its queries read', (indexName, gsi) => {
      expect(properties().GlobalSecondaryIndexes).toContainEqual({
        IndexName: indexName,
        KeySchema: keySchema(gsi.partitionKey, gsi.sortKey),
        Projection: projectionOf(gsi),
      });
      expect(properties().AttributeDefinitions).toEqual(
        expect.arrayContaining([
          { AttributeName: gsi.partitionKey, AttributeType: 'S' },
          { AttributeName: gsi.sortKey, AttributeType: 'S' },
        ]),
      );
    });

    it('projects no secret, document or history into an index, and the SLA index only the ticket id', () => {
      const projections = Object.fromEntries(
        (properties().GlobalSecondaryIndexes as { IndexName: string; Projection: { ProjectionType: string; NonKeyAttributes?: string[] } }[]).map(
          (index) => [index.IndexName, index.Projection],
        ),
      );
      // Only where DynamoDB's INCLUDE limit leaves no other way, and said why.
      for (const [indexName, gsi] of Object.entries(GSIS) as [string, GsiDesignLike][]) {
        expect(projections[indexName]?.ProjectionType === 'ALL', indexName).toBe(Boolean(gsi.projectsAllBecause));
      }
      expect(projections.ticketsBySlaCheck).toEqual({ ProjectionType: 'INCLUDE', NonKeyAttributes: ['ticketId'] });
      for (const index of ['onboardingsByStatus', 'onboardingsByCreatedAt']) {
        const projected = projections[index]?.NonKeyAttributes ?? [];
        expect(projected).toEqual(expect.arrayContaining(['id', 'status', 'statusSince', 'updatedAt']));
        for (const unread of ['pendingAnalysisTask', 'monitoringTask', 'releaseTask', 'analysis', 'agreement', 'changeRequests', 'expectations']) {
          expect(projected).not.toContain(unread);
        }
      }
      // A wake-up resumes the waiting assignment with its token.
      expect(GSIS.ticketsByAssignee.projected).toContain('technicianTask');
    });

    it("stays within DynamoDB's INCLUDE limits, which DynamoDB Local does not check: 20 per index, 100 per table", () => {
      const included = (properties().GlobalSecondaryIndexes as { Projection: { NonKeyAttributes?: string[] } }[]).map(
        (index) => index.Projection.NonKeyAttributes ?? [],
      );
      for (const attributes of included) expect(attributes.length).toBeLessThanOrEqual(MAX_PROJECTED_PER_INDEX);
      expect(included.flat().length).toBeLessThanOrEqual(MAX_PROJECTED_PER_TABLE);
      expect(GSIS.ticketsByAssignee.projected.length).toBeGreaterThan(MAX_PROJECTED_PER_INDEX);
    });

    it('has point-in-time recovery and the TTL attribute', () => {
      expect(properties().Replicas).toEqual([
        expect.objectContaining({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
      ]);
      expect(properties().TimeToLiveSpecification).toEqual({ AttributeName: TTL_ATTRIBUTE, Enabled: true });
    });
  });

  it('leaves out the one index -c withoutIndex= names (the first deploy of an index change), and refuses an unknown one', () => {
    const synthesized = synthesizeStage('dev', { context: { withoutIndex: 'ticketsBySlaCheck' } });
    const indexes = resource(synthesized.template, logicalId(synthesized.stack, synthesized.stack.data.table)).Properties?.GlobalSecondaryIndexes as { IndexName: string }[];
    expect(indexes.map((index) => index.IndexName).sort()).toEqual(['onboardingsByCreatedAt', 'onboardingsByStatus', 'ticketsByAssignee']);
    expect(() => synthesizeStage('dev', { context: { withoutIndex: 'byStatus' } })).toThrow(/withoutIndex must name one of the table's indexes/);
  }, 120_000);

  it('is protected in prod: deletion protection and RETAIN', () => {
    expect(table.prod?.Properties?.Replicas).toEqual([expect.objectContaining({ DeletionProtectionEnabled: true })]);
    expect(table.prod).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('is disposable in dev: no deletion protection, deleted with the stack', () => {
    expect(table.dev?.Properties?.Replicas).toEqual([expect.objectContaining({ DeletionProtectionEnabled: false })]);
    expect(table.dev).toMatchObject({ DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
  });
});
