import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { httpFunctions, type HttpMethod } from '../../functions/catalog';
import { buildOpenApiDocument, openApiPath, type OpenApiDocument } from '../../functions/contract/document';
import { createRouteTable } from '../../infra/local/api/route-table';

/**
 * The contract tests: every response the twin gives a test is checked against the OpenAPI
 * document (functions/contract/document.ts), so the description cannot drift from what the
 * handlers answer. The operation is found as API Gateway finds the route (method and template);
 * the response by its status (or `default`); its media type must be one the response lists, and
 * a JSON or problem+json body must match the schema (ajv, JSON Schema 2020-12, as OpenAPI 3.1
 * uses it). Requests that match no documented operation (unknown paths, the local issuer) are not
 * checked. Each schema is compiled once per process, on first use.
 */

const DOCUMENT_ID = 'https://contract.test/openapi.json';
const JSON_MEDIA_TYPES = new Set(['application/json', 'application/problem+json']);

export class ContractViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractViolation';
  }
}

export interface ObservedResponse {
  method: string;
  /** The path as requested, query included. */
  path: string;
  status: number;
  contentType: string | null;
  text: string;
}

interface ResponseObject {
  $ref?: string;
  content?: Record<string, unknown>;
}

export class OpenApiContract {
  private readonly ajv: Ajv2020;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly routes = createRouteTable(
    httpFunctions().flatMap((fn) => (fn.routes ?? []).map((route) => ({ method: route.method, path: route.path, access: route.access, handler: () => Promise.resolve(undefined) }))),
  );

  constructor(readonly document: OpenApiDocument) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ ...document, $id: DOCUMENT_ID });
  }

  /** Throws a ContractViolation naming the route, the status and what does not match. */
  check(response: ObservedResponse): void {
    const rawPath = response.path.split('?')[0]!;
    const match = this.routes.match(response.method.toUpperCase(), rawPath);
    if (!match) return;
    const path = openApiPath(match.route.path);
    const method = match.route.method.toLowerCase() as Lowercase<HttpMethod>;
    const operation = (this.document.paths?.[path] as Record<string, { responses?: Record<string, ResponseObject> }> | undefined)?.[method];
    if (!operation) return;
    const where = `${match.routeKey} answered ${response.status}`;
    const statusKey = operation.responses?.[String(response.status)] ? String(response.status) : operation.responses?.default ? 'default' : undefined;
    if (!statusKey) throw new ContractViolation(`${where}, a status its description does not list (${Object.keys(operation.responses ?? {}).join(', ')})`);
    // A response shared by many routes is a $ref into components.responses: its schemas are there.
    let at = ['paths', path, method, 'responses', statusKey];
    let described = operation.responses![statusKey]!;
    if (described.$ref) {
      at = described.$ref.replace(/^#\//, '').split('/').map(unescapePointer);
      described = at.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], this.document) as ResponseObject;
    }
    const content = described.content;
    if (!content || response.text === '') return;

    const mediaType = (response.contentType ?? '').split(';')[0]!.trim().toLowerCase();
    if (!(mediaType in content)) throw new ContractViolation(`${where} with ${mediaType || 'no Content-Type'}; its description lists ${Object.keys(content).join(', ')}`);
    if (!JSON_MEDIA_TYPES.has(mediaType)) return;

    let body: unknown;
    try {
      body = JSON.parse(response.text);
    } catch {
      throw new ContractViolation(`${where} with ${mediaType} that is not JSON: ${response.text.slice(0, 200)}`);
    }
    const pointer = [...at, 'content', mediaType, 'schema'].map(escapePointer).join('/');
    const validate = this.validator(`${DOCUMENT_ID}#/${pointer}`);
    if (!validate(body)) {
      const errors = (validate.errors ?? []).slice(0, 10).map((error) => `  ${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
      throw new ContractViolation(`${where} with a ${mediaType} body that does not match docs/openapi.json:\n${errors.join('\n')}\nbody: ${response.text.slice(0, 500)}`);
    }
  }

  private validator(ref: string): ValidateFunction {
    let validate = this.validators.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: ref });
      this.validators.set(ref, validate);
    }
    return validate;
  }
}

const unescapePointer = (segment: string): string => segment.replace(/~1/g, '/').replace(/~0/g, '~');

/** A JSON Pointer segment, percent-encoded for use in a URI fragment. */
function escapePointer(segment: string): string {
  return encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'));
}

let shared: OpenApiContract | undefined;

/**
 * The contract for the twin at `apiUrl`. The document's schemas do not depend on the URL (only its
 * servers and sign-in URLs do), so one contract serves every twin of the test process.
 */
export function contractFor(apiUrl: string): OpenApiContract {
  shared ??= new OpenApiContract(buildOpenApiDocument({ apiUrl, issuerUrl: `${apiUrl}/local-issuer` }));
  return shared;
}

/** docs/openapi.json: the document for a placeholder server, kept in step by test/unit/openapi.test.ts. */
export const OPENAPI_DOC_PATH = resolve(import.meta.dirname, '../../docs/openapi.json');
export const DOCUMENTED_API_URL = 'https://api.example.com';
/** Stands for the stage's Cognito managed-login domain, `https://<prefix>.auth.<region>.amazoncognito.com`. */
export const DOCUMENTED_SIGN_IN_URL = 'https://sign-in.example.com';

export const documentedOpenApi = (): OpenApiDocument => buildOpenApiDocument({ apiUrl: DOCUMENTED_API_URL, issuerUrl: DOCUMENTED_SIGN_IN_URL });
export const renderOpenApiDoc = (): string => `${JSON.stringify(documentedOpenApi(), null, 2)}\n`;

/** Writes docs/openapi.json when it differs from what the code generates; says whether it did. */
export function writeOpenApiDoc(): boolean {
  const rendered = renderOpenApiDoc();
  let current: string | undefined;
  try {
    current = readFileSync(OPENAPI_DOC_PATH, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === rendered) return false;
  writeFileSync(OPENAPI_DOC_PATH, rendered);
  return true;
}
