import type { BuildOptions } from 'esbuild';
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';

/** ESM bundles still meet CommonJS dependencies that call `require` for Node built-ins. */
const ESM_REQUIRE_BANNER = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/** The Lambda runtime ships the AWS SDK v3; NodejsFunction leaves it out of the bundle by default. */
export const EXTERNAL_MODULES = ['@aws-sdk/*'];

/** How CDK bundles every function (NodejsFunction, local esbuild). */
export const CDK_BUNDLING: BundlingOptions = {
  format: OutputFormat.ESM,
  target: 'node24',
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  externalModules: EXTERNAL_MODULES,
  forceDockerBundling: false,
};

/**
 * The same settings as esbuild's own options, for tests and benchmarks that bundle a function
 * themselves (sizes, start-up): what they measure is what CDK deploys.
 */
export function esbuildOptionsFor(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    mainFields: ['module', 'main'],
    banner: { js: ESM_REQUIRE_BANNER },
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    external: EXTERNAL_MODULES,
    logLevel: 'warning',
  };
}
