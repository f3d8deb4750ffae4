import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { startSesProxy, type SesSandbox } from './ses-suppression/suppression-proxy';
import type { SuppressionList } from './ses-suppression/suppression-list';

// A CommonJS package whose `default` export Node's ESM loader and vitest unwrap differently.
const require = createRequire(import.meta.url);
const sesServer = (require('aws-ses-v2-local') as { default: (config: { host: string; port: number }) => Promise<Server> }).default;

export interface LocalSes {
  /** The proxy's URL: the SES v2 API with a suppression list, the inbox page at `/` and `GET /store`. */
  url: string;
  suppressionList: SuppressionList;
  close(): Promise<void>;
}

/**
 * aws-ses-v2-local (the SES v2 API, an inbox page at `/`, `GET /store` for tests) on a free port,
 * behind a proxy on `options.port` that adds SES's account-level suppression list
 * (ses-suppression/suppression-proxy.ts). Clients only ever see the proxy. `sandbox` makes it
 * refuse unverified identities as an account in the SES sandbox does (off on the twin).
 */
export async function startSes(options: { port: number; sandbox?: SesSandbox }): Promise<LocalSes> {
  const server: Server = await sesServer({ host: '127.0.0.1', port: 0 });
  if (!server.listening) await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const upstreamUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const closeUpstream = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    });
  let proxy;
  try {
    proxy = await startSesProxy({ port: options.port, upstreamUrl, ...(options.sandbox ? { sandbox: options.sandbox } : {}) });
  } catch (error) {
    await closeUpstream();
    throw error;
  }
  return {
    url: proxy.url,
    suppressionList: proxy.suppressionList,
    close: async () => {
      await proxy.close();
      await closeUpstream();
    },
  };
}
