import { assertStatesArn } from './arns';
import type { ServedStateMachine } from './engine-runner';
import { epochSeconds, type JsonObject } from './json';
import { decodePageToken, encodePageToken } from './page-token';
import { RequestFields } from './request-fields';
import { ServiceError } from './service-error';
import type { Operation, TwinServices } from './twin-services';

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
      const machine = findStateMachine(services, new RequestFields(body).requiredString('stateMachineArn', 2048));
      return {
        stateMachineArn: machine.arn,
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
  };
}

export function findStateMachine(services: TwinServices, arn: string): ServedStateMachine {
  assertStatesArn(arn, 'stateMachine');
  const machine = services.machines.get(arn);
  if (!machine) throw new ServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
  return machine;
}
