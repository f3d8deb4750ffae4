import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';

// A CommonJS package whose `default` export Node's ESM loader and vitest unwrap differently.
const require = createRequire(import.meta.url);
const sesServer = (require('aws-ses-v2-local') as { default: (config: { host: string; port: number }) => Promise<Server> }).default;

/** aws-ses-v2-local: the SES v2 API, with an inbox page at `/` and `GET /store` for tests. */
export async function startSes(options: { port: number }) {
  const server: Server = await sesServer({ host: '127.0.0.1', port: options.port });
  if (!server.listening) await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
