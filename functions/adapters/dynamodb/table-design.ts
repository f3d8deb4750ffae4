/**
 * The table's physical design: key attributes, TTL attribute and the GSIs, each named after the
 * access pattern it serves. CDK (infra/constructs/data.ts) and the local twin both build the
 * table from this, so the two cannot drift. All keys are strings.
 */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;
export const TTL_ATTRIBUTE = 'expiresAt';

export const GSIS = {
  /** Onboardings in one status, newest first: GET /onboardings?status= */
  onboardingsByStatus: { partitionKey: 'byStatusPk', sortKey: 'byStatusSk' },
  /** All onboardings, newest first, without a Scan: GET /onboardings */
  onboardingsByCreatedAt: { partitionKey: 'byCreatedPk', sortKey: 'byCreatedSk' },
  /** A technician's tickets by status (GET /tickets?assignee=), and the open tickets nobody has yet. */
  ticketsByAssignee: { partitionKey: 'byAssigneePk', sortKey: 'byAssigneeSk' },
  /** Tickets whose next SLA moment (80 % warning or due time) has come: the sweeper. Sparse. */
  ticketsBySlaCheck: { partitionKey: 'slaCheckPk', sortKey: 'slaCheckSk' },
} as const;

export type GsiName = keyof typeof GSIS;

/** The CreateTable request the twin sends; on AWS, CDK creates the same table. */
export function createTableInput(tableName: string) {
  const attributes = new Set<string>([TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey]);
  for (const gsi of Object.values(GSIS)) {
    attributes.add(gsi.partitionKey);
    attributes.add(gsi.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: Object.entries(GSIS).map(([indexName, gsi]) => ({
      IndexName: indexName,
      KeySchema: [
        { AttributeName: gsi.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: gsi.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
  };
}
