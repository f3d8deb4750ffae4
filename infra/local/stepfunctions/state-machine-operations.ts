import { assertStatesArn, LIVE_ALIAS, splitStateMachineArn, TWIN_VERSION } from './arns';
import type { ServedStateMachine } from './engine-runner';
import { epochSeconds, type JsonObject } from './json';
import { decodePageToken, encodePageToken } from './page-token';
import { RequestFields } from './request-fields';
import { ServiceError } from './service-error';
import type { Operation, TwinServices } from './twin-services';

/**
 * The state machine an ARN names, and how: unqualified (the newest definition, no version), its
 * version 1, or its alias `live` (which routes 100 % to version 1). The twin publishes nothing
 * else, so any other qualifier names nothing.
 */
export interface StateMachineTarget {
  machine: ServedStateMachine;
  versionArn?: string;
  aliasArn?: string;
}

export function stateMachineOperations(services: TwinServices): Record<string, Operation> {
  return {
    ListStateMachines(body) {
      const fields = new RequestFields(body);
      const limit = fields.pageSize();
      const token = fields.optionalString('nextToken');
      const query: JsonObject = { operation: 'ListStateMachines' };
      const offset = token === undefined ? 0 : decodePageToken(token, query);
      const all = [...services.machines.values()].sort((a, b) => a.name.localeCompare(b.name));
      const page = all.slice(offset, offset + limit).map((machine) => ({
        stateMachineArn: machine.arn,
        name: machine.name,
        type: 'STANDARD',
        creationDate: epochSeconds(machine.creationDate),
      }));
      return { stateMachines: page, ...(offset + limit < all.length ? { nextToken: encodePageToken(query, offset + limit) } : {}) };
    },

    DescribeStateMachine(body) {
      const arn = new RequestFields(body).requiredString('stateMachineArn', 2048);
      const target = findStateMachineTarget(services, arn);
      // A version is described under its own ARN; an alias is DescribeStateMachineAlias's.
      if (target.aliasArn) throw new ServiceError('InvalidArn', `Invalid Arn: 'An alias ARN is not valid here: ${arn}'`);
      const { machine } = target;
      return {
        stateMachineArn: target.versionArn ?? machine.arn,
        name: machine.name,
        status: 'ACTIVE',
        definition: machine.definition,
        roleArn: machine.roleArn,
        type: 'STANDARD',
        creationDate: epochSeconds(machine.creationDate),
        loggingConfiguration: { level: 'OFF', includeExecutionData: false },
        tracingConfiguration: { enabled: false },
      };
    },

    DescribeStateMachineAlias(body) {
      const arn = new RequestFields(body).requiredString('stateMachineAliasArn', 256);
      const target = findStateMachineTarget(services, arn, 'ResourceNotFound');
      if (!target.aliasArn) throw new ServiceError('ResourceNotFound', `Resource not found: '${arn}'`);
      return {
        stateMachineAliasArn: target.aliasArn,
        name: LIVE_ALIAS,
        routingConfiguration: [{ stateMachineVersionArn: target.machine.versionArn, weight: 100 }],
        creationDate: epochSeconds(target.machine.creationDate),
        updateDate: epochSeconds(target.machine.creationDate),
      };
    },

    ListStateMachineVersions(body) {
      const machine = findStateMachine(services, new RequestFields(body).requiredString('stateMachineArn', 2048));
      return { stateMachineVersions: [{ stateMachineVersionArn: machine.versionArn, creationDate: epochSeconds(machine.creationDate) }] };
    },

    ListStateMachineAliases(body) {
      const machine = findStateMachine(services, new RequestFields(body).requiredString('stateMachineArn', 2048));
      return { stateMachineAliases: [{ stateMachineAliasArn: machine.aliasArn, creationDate: epochSeconds(machine.creationDate) }] };
    },
  };
}

/** The state machine an unqualified, version or alias ARN names; `missing` is the error for one that names nothing. */
export function findStateMachineTarget(
  services: TwinServices,
  arn: string,
  missing: 'StateMachineDoesNotExist' | 'ResourceNotFound' = 'StateMachineDoesNotExist',
): StateMachineTarget {
  assertStatesArn(arn, 'stateMachine');
  const { unqualifiedArn, qualifier } = splitStateMachineArn(arn);
  const machine = services.machines.get(unqualifiedArn);
  const notFound = () =>
    missing === 'ResourceNotFound'
      ? new ServiceError('ResourceNotFound', `Resource not found: '${arn}'`)
      : new ServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
  if (!machine) throw notFound();
  if (qualifier === undefined) return { machine };
  if (qualifier === TWIN_VERSION) return { machine, versionArn: machine.versionArn };
  if (qualifier === LIVE_ALIAS) return { machine, versionArn: machine.versionArn, aliasArn: machine.aliasArn };
  throw notFound();
}

/** The state machine an unqualified ARN names (operations that take no version or alias). */
export function findStateMachine(services: TwinServices, arn: string): ServedStateMachine {
  const target = findStateMachineTarget(services, arn);
  if (target.versionArn) throw new ServiceError('InvalidArn', `Invalid Arn: 'A qualified state machine ARN is not valid here: ${arn}'`);
  return target.machine;
}
