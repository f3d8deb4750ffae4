import * as z from 'zod';

/*
 * Error answers. The handlers answer every error as RFC 9457 problem details
 * (application/problem+json, functions/runtime/http/problem.ts). API Gateway answers a few
 * itself, before or instead of a handler, with its own fixed JSON body (application/json): a
 * missing or bad token (401), a body over its 10 MB quota (413), a handler that failed or took
 * longer than 30 s (500, 503).
 */

const fieldError = z
  .union([
    z.object({
      pointer: z.string().meta({ description: 'JSON Pointer into the request body, e.g. `/contacts/0/email`.' }),
      message: z.string(),
    }),
    z.object({
      parameter: z.string().meta({ description: 'The query parameter or header, e.g. `limit` or `Idempotency-Key`.' }),
      message: z.string(),
    }),
  ])
  .meta({ id: 'FieldError', description: 'One bad field, query parameter or header.' });

export const problem = z
  .looseObject({
    type: z.url().meta({ description: 'What kind of problem, e.g. `https://breakfix.example/problems/validation-error`.' }),
    title: z.string(),
    status: z.number().int().min(400).max(599).meta({ description: 'The HTTP status, repeated.' }),
    detail: z.string().meta({ description: 'What happened, for a person to read.' }),
    errors: z.array(fieldError).optional().meta({ description: 'Each field, query parameter or header that is wrong.' }),
  })
  .meta({
    id: 'Problem',
    description: 'RFC 9457 problem details. Some problems add members (RFC 9457 §3.2), e.g. `reason` on a refused report or `resolution` on a second resolve.',
  });

const gatewayMessage = (message: string, id: string) =>
  z.object({ message: z.literal(message) }).meta({ id, description: `API Gateway's own answer: {"message":"${message}"}.` });

/** API Gateway's own bodies, by status. */
export const GATEWAY_MESSAGES = {
  401: gatewayMessage('Unauthorized', 'GatewayUnauthorized'),
  413: gatewayMessage('Request Entity Too Large', 'GatewayRequestEntityTooLarge'),
  500: gatewayMessage('Internal Server Error', 'GatewayInternalServerError'),
  503: gatewayMessage('Service Unavailable', 'GatewayServiceUnavailable'),
} as const;

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
