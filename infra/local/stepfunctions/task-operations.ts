import { injectSendTaskSuccessFault } from './fault-injection';
import { parseJson } from './json';
import { MAX_PAYLOAD_CHARACTERS } from './execution-input';
import { RequestFields } from './request-fields';
import { ServiceError } from './service-error';
import type { Operation, TwinServices } from './twin-services';

const MAX_TOKEN_LENGTH = 2048;
const MAX_ERROR_LENGTH = 256;
const MAX_CAUSE_LENGTH = 32_768;

export function taskOperations({ tokens }: TwinServices): Record<string, Operation> {
  return {
    SendTaskSuccess(body) {
      injectSendTaskSuccessFault(); // test-only fault hook (fault-injection.ts); a no-op unless a test arms it
      const fields = new RequestFields(body);
      const token = fields.requiredString('taskToken', MAX_TOKEN_LENGTH);
      const output = fields.requiredString('output', MAX_PAYLOAD_CHARACTERS);
      tokens.assertWellFormed(token);
      const parsed = parseJson(output);
      if (!parsed.ok) throw new ServiceError('InvalidOutput', `Invalid Output: '${parsed.reason}'`);
      tokens.succeed(token, parsed.value);
      return {};
    },

    SendTaskFailure(body) {
      const fields = new RequestFields(body);
      const token = fields.requiredString('taskToken', MAX_TOKEN_LENGTH);
      const error = fields.optionalString('error', MAX_ERROR_LENGTH);
      const cause = fields.optionalString('cause', MAX_CAUSE_LENGTH);
      tokens.fail(token, error, cause);
      return {};
    },

    SendTaskHeartbeat(body) {
      tokens.heartbeat(new RequestFields(body).requiredString('taskToken', MAX_TOKEN_LENGTH));
      return {};
    },
  };
}
