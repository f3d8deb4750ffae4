import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isJsonObject, parseJson, type JsonObject } from './json';
import { ServiceError } from './service-error';
import type { Operation } from './twin-services';

const TARGET_PREFIX = 'AWSStepFunctions.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';
/** Generous: the largest legal request (256 KiB payload plus fields) fits many times over. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * The AWS JSON 1.0 protocol: `POST /` with `X-Amz-Target: AWSStepFunctions.<Operation>` and a JSON
 * body; answers JSON, errors as HTTP 400 `{"__type": "<Code>", "message": "..."}` (what the SDK's
 * awsJson1_0 deserializer turns into its named exception classes).
 */
export function jsonProtocolListener(operations: ReadonlyMap<string, Operation>, log: (line: string) => void) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    void answer(operations, log, request, response);
  };
}

async function answer(operations: ReadonlyMap<string, Operation>, log: (line: string) => void, request: IncomingMessage, response: ServerResponse) {
  const started = Date.now();
  const target = request.headers['x-amz-target'];
  const operationName = typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
  let status = 200;
  try {
    const text = await readBody(request);
    const operation = request.method === 'POST' && operationName !== undefined ? operations.get(operationName) : undefined;
    if (!operation) throw new ServiceError('UnknownOperationException', `Unknown operation: ${String(target ?? `${request.method} ${request.url}`)}`);
    send(response, 200, operation(parseBody(text)));
  } catch (error) {
    if (error instanceof ServiceError) {
      status = 400;
      send(response, status, { __type: error.code, message: error.message });
    } else {
      status = 500;
      log(`${operationName ?? 'request'} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      send(response, status, { __type: 'InternalFailure', message: 'The local Step Functions twin failed; see its log' });
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

function send(response: ServerResponse, status: number, body: JsonObject): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
  });
  response.end(text);
}
