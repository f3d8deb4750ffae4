import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { emailKey, type Technician } from '../../domain/technician';
import { ConflictError, rethrowTransient } from '../../runtime/errors';
import { documentClient, TABLE_NAME } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { TECHNICIAN_PREFIX, TECHNICIANS_PARTITION, technicianEmailKey, technicianKey, withoutKeys } from './keys';
import { writeTransaction, type TransactionItem } from './transaction';

/** A second technician with the same e-mail address (case-insensitive). */
export class TechnicianEmailTakenError extends ConflictError {
  constructor() {
    super('A technician with this e-mail address already exists');
    this.name = 'TechnicianEmailTakenError';
  }
}

const technicianItem = (technician: Technician) => ({ ...technician, ...technicianKey(technician.technicianId), entity: 'Technician' });
const claimPut = (technician: Technician): TransactionItem => ({
  Put: {
    TableName: TABLE_NAME,
    Item: { ...technicianEmailKey(emailKey(technician.email)), technicianId: technician.technicianId, entity: 'TechnicianEmail' },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/** Stores a new technician and claims its e-mail address, together: a taken address → 409. */
export async function insertTechnician(technician: Technician): Promise<void> {
  const result = await writeTransaction(
    [{ Put: { TableName: TABLE_NAME, Item: technicianItem(technician), ConditionExpression: 'attribute_not_exists(pk)' } }, claimPut(technician)],
    'technician',
  );
  if (!result.committed) throw new TechnicianEmailTakenError();
}

/**
 * Replaces a technician's editable fields, guarded by `updatedAt` (optimistic locking). A new
 * e-mail address moves the claim in the same transaction. Load and lastAssignedAt are left to
 * the assignment and resolution transactions, which change them with ADD.
 */
export async function updateTechnician(before: Technician, after: Technician): Promise<void> {
  const items: TransactionItem[] = [
    {
      Update: {
        TableName: TABLE_NAME,
        Key: technicianKey(before.technicianId),
        // name and capacity are DynamoDB reserved words: aliased.
        UpdateExpression: 'SET #name = :name, email = :email, skills = :skills, #capacity = :capacity, active = :active, updatedAt = :updatedAt',
        ConditionExpression: 'updatedAt = :expected',
        ExpressionAttributeNames: { '#name': 'name', '#capacity': 'capacity' },
        ExpressionAttributeValues: {
          ':name': after.name,
          ':email': after.email,
          ':skills': after.skills,
          ':capacity': after.capacity,
          ':active': after.active,
          ':updatedAt': after.updatedAt,
          ':expected': before.updatedAt,
        },
      },
    },
  ];
  const moved = emailKey(before.email) !== emailKey(after.email);
  if (moved) {
    items.push(claimPut(after), {
      Delete: {
        TableName: TABLE_NAME,
        Key: technicianEmailKey(emailKey(before.email)),
        ConditionExpression: 'technicianId = :id',
        ExpressionAttributeValues: { ':id': before.technicianId },
      },
    });
  }
  const result = await writeTransaction(items, 'technician');
  if (result.committed) return;
  if (moved && result.failedConditions.includes(1)) throw new TechnicianEmailTakenError();
  throw new ConflictError(`Technician ${before.technicianId} changed meanwhile; read it again`);
}

export async function findTechnician(technicianId: string): Promise<Technician | undefined> {
  try {
    const { Item } = await documentClient.send(new GetCommand({ TableName: TABLE_NAME, Key: technicianKey(technicianId), ConsistentRead: true }));
    return Item ? withoutKeys<Technician>(Item) : undefined;
  } catch (error) {
    rethrowTransient('DynamoDB', error);
  }
}

/** The technician who signs in with this address, if any: the claim, then the technician. */
export async function findTechnicianByEmail(address: string): Promise<Technician | undefined> {
  try {
    const { Item } = await documentClient.send(new GetCommand({ TableName: TABLE_NAME, Key: technicianEmailKey(emailKey(address)), ConsistentRead: true }));
    return Item ? findTechnician(String(Item.technicianId)) : undefined;
  } catch (error) {
    rethrowTransient('DynamoDB', error);
  }
}

export interface TechnicianPage {
  items: Technician[];
  nextCursor?: string;
}

/** Technicians by id (their ULIDs sort by creation), one page at a time. */
export async function listTechnicians(query: { limit: number; cursor?: string }): Promise<TechnicianPage> {
  const startKey = decodeCursor(query.cursor, ['pk', 'sk'], { attribute: 'pk', value: TECHNICIANS_PARTITION });
  try {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': TECHNICIANS_PARTITION, ':prefix': TECHNICIAN_PREFIX },
        Limit: query.limit,
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
      }),
    );
    return { items: (page.Items ?? []).map((item) => withoutKeys<Technician>(item)), nextCursor: encodeCursor(page.LastEvaluatedKey) };
  } catch (error) {
    rethrowTransient('DynamoDB', error);
  }
}

/** Every technician, for choosing one: a service desk has tens, read with one or two queries. */
export async function allTechnicians(): Promise<Technician[]> {
  const all: Technician[] = [];
  let cursor: string | undefined;
  do {
    const page = await listTechnicians({ limit: 100, cursor });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}
