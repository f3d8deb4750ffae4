import { Buffer } from 'node:buffer';
import { gzipSync } from 'node:zlib';
import { FAVICON_32_PNG_BASE64 } from './assets/favicon-32x32-png.generated';
import { OAUTH2_REDIRECT_HTML } from './assets/oauth2-redirect-html.generated';
import { OAUTH2_REDIRECT_JS } from './assets/oauth2-redirect-js.generated';
import { SWAGGER_UI_BUNDLE_JS } from './assets/swagger-ui-bundle-js.generated';
import { SWAGGER_UI_CSS } from './assets/swagger-ui-css.generated';
import { CONSOLE_INIT_JS } from './console-init';

/**
 * The files the console serves at `/docs/<name>`: Swagger UI's own, from swagger-ui-dist, generated
 * into modules (npm run console-assets), and our initializer. Only these names are served: a
 * lookup in this map is the whole path check, so there is nothing to traverse.
 */
export interface ConsoleAsset {
  contentType: string;
  body: Buffer;
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

const text = (value: string) => Buffer.from(value, 'utf8');

export const CONSOLE_ASSETS: ReadonlyMap<string, ConsoleAsset> = new Map<string, ConsoleAsset>([
  ['swagger-ui-bundle.js', { contentType: 'text/javascript; charset=utf-8', body: text(SWAGGER_UI_BUNDLE_JS), cacheControl: VERSIONED }],
  ['swagger-ui.css', { contentType: 'text/css; charset=utf-8', body: text(SWAGGER_UI_CSS), cacheControl: VERSIONED }],
  [
    'oauth2-redirect.html',
    { contentType: 'text/html; charset=utf-8', body: text(OAUTH2_REDIRECT_HTML), cacheControl: VERSIONED, contentSecurityPolicy: REDIRECT_PAGE_CSP },
  ],
  ['oauth2-redirect.js', { contentType: 'text/javascript; charset=utf-8', body: text(OAUTH2_REDIRECT_JS), cacheControl: VERSIONED }],
  ['favicon-32x32.png', { contentType: 'image/png', body: Buffer.from(FAVICON_32_PNG_BASE64, 'base64'), cacheControl: VERSIONED }],
  ['console-init.js', { contentType: 'text/javascript; charset=utf-8', body: text(CONSOLE_INIT_JS), cacheControl: OURS }],
]);

/** Below this, compressing saves less than the header costs; PNG is compressed already. */
const GZIP_FROM_BYTES = 1024;
const gzipped = new Map<string, Buffer>();

export function compressible(asset: ConsoleAsset): boolean {
  return asset.contentType !== 'image/png' && asset.body.length >= GZIP_FROM_BYTES;
}

/**
 * The asset's bytes gzipped, once per container: the bundle is 1.7 MB as text and about a quarter
 * of that gzipped, and API Gateway compresses nothing itself.
 */
export function gzippedAsset(name: string, asset: ConsoleAsset): Buffer {
  let bytes = gzipped.get(name);
  if (!bytes) {
    bytes = gzipSync(asset.body, { level: 9 });
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
