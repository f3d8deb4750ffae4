/**
 * API Gateway's own answers. An HTTP API cannot customise them, so handlers and clients must cope
 * with exactly these bodies.
 */
export interface GatewayResponse {
  statusCode: number;
  headers: Record<string, string>;
  cookies: string[];
  body: Buffer;
}

export const gatewayMessage = (statusCode: number, message: string): GatewayResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  cookies: [],
  body: Buffer.from(JSON.stringify({ message })),
});

export const NOT_FOUND = (): GatewayResponse => gatewayMessage(404, 'Not Found');
export const UNAUTHORIZED = (): GatewayResponse => gatewayMessage(401, 'Unauthorized');
export const PAYLOAD_TOO_LARGE = (): GatewayResponse => gatewayMessage(413, 'Request Entity Too Large');
export const INTERNAL_SERVER_ERROR = (): GatewayResponse => gatewayMessage(500, 'Internal Server Error');
export const SERVICE_UNAVAILABLE = (): GatewayResponse => gatewayMessage(503, 'Service Unavailable');
