import { Buffer } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { CONSOLE_INIT_JS } from './console-init';

/**
 * The files the console serves at `/docs/<name>`: Swagger UI's own, from swagger-ui-dist, and our
 * initializer. Only these names are served: a lookup in this map is the whole path check, so there
 * is nothing to traverse.
 *
 * Swagger UI's files are plain files in ./assets/ (npm run console-assets copies them there), never
 * part of the bundle: each is read from disk on its first request and kept for the container's
 * life, so a cold start reads none of them. `new URL('./assets/…', import.meta.url)` names the same
 * place whether this module runs as TypeScript (tsx, vitest: the folder sits next to it) or inside
 * the Lambda bundle (index.mjs at the asset root; CDK copies the folder to `assets/` beside it, as
 * the catalog's `bundledFiles` asks).
 */
export interface ConsoleAsset {
  contentType: string;
  /** The file's bytes: read once, on first use, then from memory. */
  body: () => Promise<Buffer>;
  /** Swagger UI's files change only with the package version; ours with a deploy. */
  cacheControl: string;
  /** HTML documents get their own CSP (the redirect page runs only its one script). */
  contentSecurityPolicy?: string;
}

const VERSIONED = 'public, max-age=86400';
/** Our own file: may change with any deploy, so the browser asks again each time. */
const OURS = 'no-cache';

/** oauth2-redirect.html loads oauth2-redirect.js from its own folder, and nothing else. */
export const REDIRECT_PAGE_CSP = ["default-src 'none'", "script-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'"].join('; ');

/** Where Swagger UI's file `name` is, next to this module (source) or to index.mjs (bundle). */
export const consoleAssetUrl = (name: string): URL => new URL(`./assets/${name}`, import.meta.url);

/** Reads the file on the first call and remembers the bytes; a failed read is retried on the next call. */
function fromDisk(name: string): () => Promise<Buffer> {
  let bytes: Promise<Buffer> | undefined;
  return () => {
    bytes ??= readFile(consoleAssetUrl(name)).catch((error: unknown) => {
      bytes = undefined;
      throw error;
    });
    return bytes;
  };
}

const inMemory = (value: string): (() => Promise<Buffer>) => {
  const bytes = Buffer.from(value, 'utf8');
  return () => Promise.resolve(bytes);
};

export const CONSOLE_ASSETS: ReadonlyMap<string, ConsoleAsset> = new Map<string, ConsoleAsset>([
  ['swagger-ui-bundle.js', { contentType: 'text/javascript; charset=utf-8', body: fromDisk('swagger-ui-bundle.js'), cacheControl: VERSIONED }],
  ['swagger-ui.css', { contentType: 'text/css; charset=utf-8', body: fromDisk('swagger-ui.css'), cacheControl: VERSIONED }],
  [
    'oauth2-redirect.html',
    { contentType: 'text/html; charset=utf-8', body: fromDisk('oauth2-redirect.html'), cacheControl: VERSIONED, contentSecurityPolicy: REDIRECT_PAGE_CSP },
  ],
  ['oauth2-redirect.js', { contentType: 'text/javascript; charset=utf-8', body: fromDisk('oauth2-redirect.js'), cacheControl: VERSIONED }],
  ['favicon-32x32.png', { contentType: 'image/png', body: fromDisk('favicon-32x32.png'), cacheControl: VERSIONED }],
  ['console-init.js', { contentType: 'text/javascript; charset=utf-8', body: inMemory(CONSOLE_INIT_JS), cacheControl: OURS }],
]);

/** Below this, compressing saves less than the header costs; PNG is compressed already. */
const GZIP_FROM_BYTES = 1024;
const gzipped = new Map<string, Buffer>();

export function compressible(asset: ConsoleAsset, body: Buffer): boolean {
  return asset.contentType !== 'image/png' && body.length >= GZIP_FROM_BYTES;
}

/**
 * The asset's bytes gzipped, once per container: the bundle is 1.7 MB as text and about a quarter
 * of that gzipped, and API Gateway compresses nothing itself.
 */
export function gzippedAsset(name: string, body: Buffer): Buffer {
  let bytes = gzipped.get(name);
  if (!bytes) {
    bytes = gzipSync(body, { level: 9 });
    gzipped.set(name, bytes);
  }
  return bytes;
}

/** True when `accept-encoding` allows gzip: named, or by `*`, and not with `q=0`. */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  let byWildcard = false;
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const allowed = q === undefined || Number(q.slice(2)) > 0;
    if (coding.trim() === 'gzip') return allowed;
    if (coding.trim() === '*') byWildcard = allowed;
  }
  return byWildcard;
}
