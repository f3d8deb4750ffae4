/*
 * `npm run openapi` (also part of `npm run docs`): writes docs/openapi.json, the OpenAPI 3.1
 * document of the API for a placeholder server (https://api.example.com), generated from the
 * function catalog and the zod schemas (functions/contract/). test/unit/openapi.test.ts fails
 * until this has been run after a route or a schema changed. The running API serves the same
 * document for itself at GET /openapi.json.
 */
import { relative } from 'node:path';
import { OPENAPI_DOC_PATH, writeOpenApiDoc } from './openapi-contract';

const shown = relative(process.cwd(), OPENAPI_DOC_PATH);
process.stdout.write(writeOpenApiDoc() ? `${shown}: rewritten\n` : `${shown}: already up to date\n`);
