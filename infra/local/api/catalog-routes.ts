import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { httpFunctions, type FunctionSpec } from '../../../functions/catalog';
import type { ApiRoute, HttpApiHandler } from './types';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Every HTTP route in the function catalog, each bound to its function's handler (loaded once per function). */
export async function routesFromCatalog(loadHandler: (fn: FunctionSpec) => Promise<HttpApiHandler> = importCatalogHandler): Promise<ApiRoute[]> {
  const routes: ApiRoute[] = [];
  for (const fn of httpFunctions()) {
    const handler = await loadHandler(fn);
    for (const route of fn.routes ?? []) {
      routes.push({
        method: route.method,
        path: route.path,
        access: route.access,
        handler,
        functionName: fn.name,
        ...(fn.timeoutSeconds === undefined ? {} : { timeoutSeconds: fn.timeoutSeconds }),
        ...(fn.memoryMb === undefined ? {} : { memoryMb: fn.memoryMb }),
      });
    }
  }
  return routes;
}

/** Imports `handler` from a catalog entry (TypeScript source: needs tsx or vitest, as the twin runs). */
export async function importCatalogHandler(fn: FunctionSpec): Promise<HttpApiHandler> {
  const module: Record<string, unknown> = await import(pathToFileURL(resolve(REPO_ROOT, fn.entry)).href);
  const handler = module['handler'];
  if (typeof handler !== 'function') throw new Error(`${fn.entry} exports no function named handler`);
  return handler as HttpApiHandler;
}
