import type { ApiRoute } from './types';

export interface RouteMatch {
  route: ApiRoute;
  /** "POST /onboardings/{id}/analysis": the template, as API Gateway names the route. */
  routeKey: string;
  /** URL-decoded; undefined when the route has no parameters (API Gateway leaves the field out). */
  pathParameters: Record<string, string> | undefined;
}

type Segment = { kind: 'literal'; text: string } | { kind: 'param'; name: string } | { kind: 'greedy'; name: string };

interface CompiledRoute {
  route: ApiRoute;
  routeKey: string;
  segments: Segment[];
}

/** Routes matched as API Gateway does: exact method (or ANY), literal segments beat parameters. */
export function createRouteTable(routes: readonly ApiRoute[]): { match(method: string, rawPath: string): RouteMatch | undefined; routeKeys: string[] } {
  const compiled = routes.map(compile);
  assertNoDuplicates(compiled);
  // Most specific first: more literal segments, then fixed-length before greedy, then ANY last.
  compiled.sort((a, b) => specificity(b) - specificity(a));

  return {
    routeKeys: compiled.map((c) => c.routeKey),
    match(method, rawPath) {
      const parts = splitPath(rawPath);
      for (const candidate of compiled) {
        if (candidate.route.method !== method && candidate.route.method !== 'ANY') continue;
        const pathParameters = matchSegments(candidate.segments, parts);
        if (pathParameters) {
          return {
            route: candidate.route,
            routeKey: candidate.routeKey,
            pathParameters: Object.keys(pathParameters).length ? pathParameters : undefined,
          };
        }
      }
      return undefined;
    },
  };
}

function compile(route: ApiRoute): CompiledRoute {
  const segments = splitPath(route.path).map((part, index, all): Segment => {
    const param = /^\{([A-Za-z0-9_.-]+)(\+?)\}$/.exec(part);
    if (!param) return { kind: 'literal', text: part };
    if (param[2] && index !== all.length - 1) throw new Error(`Greedy parameter must be last in ${route.path}`);
    return { kind: param[2] ? 'greedy' : 'param', name: param[1]! };
  });
  return { route, routeKey: `${route.method} ${route.path}`, segments };
}

function specificity(c: CompiledRoute): number {
  const literals = c.segments.filter((s) => s.kind === 'literal').length;
  const greedy = c.segments.some((s) => s.kind === 'greedy');
  return literals * 100 + (greedy ? 0 : 10) + c.segments.length + (c.route.method === 'ANY' ? 0 : 1);
}

function assertNoDuplicates(compiled: CompiledRoute[]): void {
  const seen = new Set<string>();
  for (const c of compiled) {
    if (seen.has(c.routeKey)) throw new Error(`Duplicate route ${c.routeKey}`);
    seen.add(c.routeKey);
  }
}

/** "/a/b" → ["a", "b"]; "/" → []. A trailing slash is a distinct (empty) segment, as on AWS. */
function splitPath(path: string): string[] {
  return path === '/' ? [] : path.replace(/^\//, '').split('/');
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.kind === 'greedy') {
      const rest = parts.slice(i);
      if (!rest.length || rest.every((p) => p === '')) return undefined;
      params[segment.name] = decodePathPart(rest.join('/'));
      return params;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (segment.kind === 'literal') {
      if (part !== segment.text) return undefined;
    } else {
      if (part === '') return undefined;
      params[segment.name] = decodePathPart(part);
    }
  }
  return parts.length === segments.length ? params : undefined;
}

function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part; // malformed escapes stay as sent rather than failing the match
  }
}
