import { randomUUID } from 'node:crypto';
import { assertStatesArn, executionArn } from './arns';
import { EXECUTION_STATUSES, type Execution, type ExecutionStatus } from './execution';
import type { ExecutionsOf } from './execution-store';
import { acceptExecutionInput, assertExecutionName } from './execution-input';
import { epochSeconds, type JsonObject } from './json';
import { decodePageToken, encodePageToken } from './page-token';
import { RequestFields } from './request-fields';
import { ServiceError, validationError } from './service-error';
import { findStateMachineTarget } from './state-machine-operations';
import type { Operation, TwinServices } from './twin-services';

const MAX_ERROR_LENGTH = 256;
const MAX_CAUSE_LENGTH = 32_768;

export function executionOperations(services: TwinServices): Record<string, Operation> {
  return {
    StartExecution(body) {
      const fields = new RequestFields(body);
      // Unqualified, version 1 or the alias live: the same definition, reported as AWS reports it.
      const { machine, versionArn, aliasArn } = findStateMachineTarget(services, fields.requiredString('stateMachineArn', 2048));
      const name = fields.optionalString('name') ?? randomUUID();
      assertExecutionName(name);
      const input = acceptExecutionInput(fields.optionalString('input'));
      const arn = executionArn(services.location, machine.name, name);
      const existing = services.executions.get(arn);
      if (existing) {
        // Standard workflows: the same name and input while running is the same start; anything else conflicts.
        if (existing.isRunning && existing.identity.input === input) return startedAnswer(existing);
        throw new ServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
      }
      const execution = services.executions.create({
        executionArn: arn,
        stateMachineArn: machine.arn,
        ...(versionArn !== undefined ? { stateMachineVersionArn: versionArn } : {}),
        ...(aliasArn !== undefined ? { stateMachineAliasArn: aliasArn } : {}),
        stateMachineName: machine.name,
        name,
        input,
        roleArn: machine.roleArn,
      });
      services.start(execution, machine);
      return startedAnswer(execution);
    },

    DescribeExecution(body) {
      return findExecution(services, new RequestFields(body)).describe();
    },

    ListExecutions(body) {
      const fields = new RequestFields(body);
      const stateMachineArn = fields.optionalString('stateMachineArn', 2048);
      if (stateMachineArn === undefined) {
        throw validationError(fields.optionalString('mapRunArn') ? 'Map runs are not supported by the local twin' : 'Must provide a StateMachine ARN or MapRun ARN');
      }
      // A version or alias ARN lists the executions started on it, as on AWS.
      const { machine, versionArn, aliasArn } = findStateMachineTarget(services, stateMachineArn);
      const of: ExecutionsOf = aliasArn ? { stateMachineAliasArn: aliasArn } : versionArn ? { stateMachineVersionArn: versionArn } : { stateMachineArn: machine.arn };
      const status = statusFilter(fields.optionalString('statusFilter'));
      const limit = fields.pageSize();
      const token = fields.optionalString('nextToken', 3096);
      const query: JsonObject = { operation: 'ListExecutions', stateMachineArn, statusFilter: status ?? null };
      const before = token === undefined ? Number.MAX_SAFE_INTEGER : decodePageToken(token, query);
      const matching = services.executions.list(of, status, before);
      const page = matching.slice(0, limit);
      const last = page.at(-1);
      return {
        executions: page.map((execution) => execution.listItem()),
        ...(matching.length > limit && last ? { nextToken: encodePageToken(query, last.sequence) } : {}),
      };
    },

    GetExecutionHistory(body) {
      const fields = new RequestFields(body);
      const execution = findExecution(services, fields);
      const limit = fields.pageSize();
      const reverse = fields.optionalBoolean('reverseOrder') ?? false;
      const includeExecutionData = fields.optionalBoolean('includeExecutionData') ?? true;
      const token = fields.optionalString('nextToken', 3096);
      const query: JsonObject = { operation: 'GetExecutionHistory', executionArn: execution.identity.executionArn, reverseOrder: reverse };
      const offset = token === undefined ? 0 : decodePageToken(token, query);
      const events = execution.history.page({ offset, limit, reverse, includeExecutionData });
      const next: JsonObject = offset + limit < execution.history.length ? { nextToken: encodePageToken(query, offset + limit) } : {};
      return { events, ...next };
    },

    StopExecution(body) {
      const fields = new RequestFields(body);
      const execution = findExecution(services, fields);
      const error = fields.optionalString('error', MAX_ERROR_LENGTH);
      const cause = fields.optionalString('cause', MAX_CAUSE_LENGTH);
      execution.close({ status: 'ABORTED', ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) });
      return { stopDate: epochSeconds(execution.stoppedAt ?? Date.now()) };
    },
  };
}

function startedAnswer(execution: Execution): JsonObject {
  return { executionArn: execution.identity.executionArn, startDate: epochSeconds(execution.startDate) };
}

function findExecution(services: TwinServices, fields: RequestFields): Execution {
  const arn = fields.requiredString('executionArn', 2048);
  assertStatesArn(arn, 'execution');
  const execution = services.executions.get(arn);
  if (!execution) throw new ServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
  return execution;
}

const FILTERABLE_STATUSES: readonly string[] = [...EXECUTION_STATUSES, 'PENDING_REDRIVE'];

function statusFilter(value: string | undefined): ExecutionStatus | undefined {
  if (value === undefined) return undefined;
  if (!FILTERABLE_STATUSES.includes(value)) {
    throw validationError(`Value '${value}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [${FILTERABLE_STATUSES.join(', ')}]`);
  }
  // PENDING_REDRIVE is valid but never holds here: the twin does not redrive.
  return value as ExecutionStatus;
}
