import { httpFunctions, type FunctionSpec } from '../../../functions/catalog';
import type { ApiRoute, HttpApiHandler } from './types';

/** Every HTTP route in the function catalog, each bound to its function's handler (loaded once per function). */
export async function routesFromCatalog(loadHandler: (fn: FunctionSpec) => Promise<HttpApiHandler>): Promise<ApiRoute[]> {
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
