import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isJsonObject, parseJson, type JsonObject } from './json';
import { ProtocolError, ServiceError } from './service-error';

/** One API operation: the JSON request body in, the JSON response body out (or a ProtocolError). */
export type Operation = (body: JsonObject) => JsonObject;

/** What tells one AWS JSON service's wire format from another's. */
export interface JsonProtocol {
  /** `X-Amz-Target` is this prefix followed by the operation name, e.g. `AWSStepFunctions.`. */
  targetPrefix: string;
  /** `application/x-amz-json-1.0` or `application/x-amz-json-1.1`. */
  contentType: string;
  /** The member carrying an error's text: `message`, or `Message` for services whose model names it so. */
  errorMessageMember: 'message' | 'Message';
  /** Names the twin in its 500 answers, e.g. `Step Functions`. */
  serviceName: string;
}

/** Step Functions: AWS JSON 1.0. */
export const STEP_FUNCTIONS_JSON_PROTOCOL: JsonProtocol = {
  targetPrefix: 'AWSStepFunctions.',
  contentType: 'application/x-amz-json-1.0',
  errorMessageMember: 'message',
  serviceName: 'Step Functions',
};

/** Generous: the largest legal request (256 KiB payload plus fields) fits many times over. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * The AWS JSON 1.0/1.1 protocols: `POST /` with `X-Amz-Target: <prefix><Operation>` and a JSON
 * body; answers JSON, errors as HTTP 400 `{"__type": "<Code>", "message": "..."}` (what the SDK's
 * awsJson deserializers turn into their named exception classes). Step Functions unless told otherwise.
 */
export function jsonProtocolListener(operations: ReadonlyMap<string, Operation>, log: (line: string) => void, protocol: JsonProtocol = STEP_FUNCTIONS_JSON_PROTOCOL) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    void answer(operations, log, protocol, request, response);
  };
}

async function answer(
  operations: ReadonlyMap<string, Operation>,
  log: (line: string) => void,
  protocol: JsonProtocol,
  request: IncomingMessage,
  response: ServerResponse,
) {
  const started = Date.now();
  const target = request.headers['x-amz-target'];
  const { targetPrefix } = protocol;
  const operationName = typeof target === 'string' && target.startsWith(targetPrefix) ? target.slice(targetPrefix.length) : undefined;
  let status = 200;
  try {
    const text = await readBody(request);
    const operation = request.method === 'POST' && operationName !== undefined ? operations.get(operationName) : undefined;
    if (!operation) throw new ServiceError('UnknownOperationException', `Unknown operation: ${String(target ?? `${request.method} ${request.url}`)}`);
    send(response, protocol, 200, operation(parseBody(text)));
  } catch (error) {
    if (error instanceof ProtocolError) {
      status = 400;
      send(response, protocol, status, { __type: error.code, [protocol.errorMessageMember]: error.message });
    } else {
      status = 500;
      log(`${operationName ?? 'request'} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      send(response, protocol, status, { __type: 'InternalFailure', [protocol.errorMessageMember]: `The local ${protocol.serviceName} twin failed; see its log` });
    }
  }
  log(`${operationName ?? String(target)} ${status} ${Date.now() - started}ms`);
}

function parseBody(text: string): JsonObject {
  if (text.trim() === '') return {};
  const parsed = parseJson(text);
  if (!parsed.ok || !isJsonObject(parsed.value)) throw new ServiceError('SerializationException', 'The request body is not a JSON object');
  return parsed.value;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new ServiceError('SerializationException', 'The request body is too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, protocol: JsonProtocol, status: number, body: JsonObject): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': protocol.contentType,
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
  });
  response.end(text);
}
