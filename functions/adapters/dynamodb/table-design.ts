import type { Onboarding } from '../../domain/onboarding';
import type { Ticket } from '../../domain/ticket';

/**
 * The table's physical design: key attributes, TTL attribute and the GSIs, each named after the
 * access pattern it serves. CDK (infra/constructs/data.ts) and the local twin both build the
 * table from this, so the two cannot drift. All keys are strings.
 *
 * Each GSI projects only the attributes its queries read (INCLUDE; the table's and the index's
 * keys always come along): less copied on every write, and less personal data in the indexes.
 * A query that needs a field not listed here gets nothing for it, so a new reader of an index
 * adds its fields here, and docs/data-model.md says how an existing table takes the change.
 */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;
export const TTL_ATTRIBUTE = 'expiresAt';

/**
 * What a row of GET /onboardings shows (list-onboardings/summary.ts), what the stuck sweep reads
 * (the status and since when; `updatedAt` for aggregates stored before `statusSince`), and the
 * stranded-intake sweep (the id).
 */
export const ONBOARDING_LISTING_ATTRIBUTES = [
  'id',
  'status',
  'statusSince',
  'client',
  'contacts',
  'incidents',
  'accountManager',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof Onboarding)[];

/**
 * What GET /tickets shows of each ticket (ticketView in domain/ticket.ts), and what a wake-up of
 * the tickets nobody has reads (`technicianTask`, `requiredSkills`, `createdAt`).
 */
export const ASSIGNEE_LISTING_ATTRIBUTES = [
  'ticketId',
  'onboardingId',
  'incidentId',
  'round',
  'title',
  'priority',
  'requiredSkills',
  'estimatedHours',
  'status',
  'assignee',
  'assignment',
  'createdAt',
  'responseDueAt',
  'resolveDueAt',
  'acknowledgedAt',
  'responseMet',
  'hold',
  'resolvedAt',
  'resolution',
  'minutesLogged',
  'workLog',
  'responseBreachedAt',
  'resolveBreachedAt',
  'waitingForTechnicianSince',
  'technicianTask',
] as const satisfies readonly (keyof Ticket)[];

/** The SLA sweeper reads only which ticket is due; it then reads the ticket itself, consistently. */
export const SLA_CHECK_ATTRIBUTES = ['ticketId'] as const satisfies readonly (keyof Ticket)[];

/**
 * DynamoDB's limits on INCLUDE projections, which DynamoDB Local does not enforce (CloudFormation
 * refuses the table): at most 20 non-key attributes per index, 100 over all indexes of a table.
 */
export const MAX_PROJECTED_PER_INDEX = 20;
export const MAX_PROJECTED_PER_TABLE = 100;

interface GsiDesign {
  partitionKey: string;
  sortKey: string;
  /** What the index's readers may use (their types come from this list). */
  projected: readonly string[];
  /** Why the index copies whole items although its readers use only `projected` (over DynamoDB's INCLUDE limit). */
  projectsAllBecause?: string;
}

export const GSIS = {
  /** Onboardings in one status, newest status first (GET /onboardings?status=), and those stuck in it (the stuck sweep). */
  onboardingsByStatus: { partitionKey: 'byStatusPk', sortKey: 'byStatusSk', projected: ONBOARDING_LISTING_ATTRIBUTES },
  /** All onboardings, newest first, without a Scan: GET /onboardings */
  onboardingsByCreatedAt: { partitionKey: 'byCreatedPk', sortKey: 'byCreatedSk', projected: ONBOARDING_LISTING_ATTRIBUTES },
  /** A technician's tickets by status (GET /tickets?assignee=), and the open tickets nobody has yet. */
  ticketsByAssignee: {
    partitionKey: 'byAssigneePk',
    sortKey: 'byAssigneeSk',
    projected: ASSIGNEE_LISTING_ATTRIBUTES,
    projectsAllBecause:
      'a ticket list shows 25 of a ticket\'s attributes, over the 20 an INCLUDE index may name; fetching each ' +
      'item behind a page instead would cost a request per list',
  },
  /** Tickets whose next SLA moment (80 % warning or due time) has come: the sweeper. Sparse. */
  ticketsBySlaCheck: { partitionKey: 'slaCheckPk', sortKey: 'slaCheckSk', projected: SLA_CHECK_ATTRIBUTES },
} as const satisfies Record<string, GsiDesign>;

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
      Projection: projectionOf(gsi),
    })),
  };
}

/** The index's projection as DynamoDB's API and CloudFormation spell it. */
export function projectionOf(gsi: GsiDesign): { ProjectionType: 'ALL' } | { ProjectionType: 'INCLUDE'; NonKeyAttributes: string[] } {
  return gsi.projectsAllBecause ? { ProjectionType: 'ALL' } : { ProjectionType: 'INCLUDE', NonKeyAttributes: [...gsi.projected] };
}
