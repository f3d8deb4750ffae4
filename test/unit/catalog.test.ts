import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accessFor, FUNCTIONS, type FunctionSpec } from '../../functions/catalog';

const root = resolve(import.meta.dirname, '../..');
const asl = readFileSync(resolve(root, 'statemachines/onboarding.asl.json'), 'utf8');
const catalog = FUNCTIONS as readonly FunctionSpec[];

describe('function catalog', () => {
  it('has the same substitution keys as the ASL, both ways', () => {
    const inAsl = new Set([...asl.matchAll(/\$\{(\w+)\}/g)].map((match) => match[1]));
    const inCatalog = new Set(catalog.flatMap((fn) => (fn.aslKey ? [fn.aslKey] : [])));
    expect([...inAsl].sort()).toEqual([...inCatalog].sort());
  });

  it('names each workflow function after its state, so a state leads to its handler in one hop', () => {
    const { States: states } = JSON.parse(asl) as { States: Record<string, { Parameters?: { FunctionName?: string } }> };
    for (const [stateName, state] of Object.entries(states)) {
      const key = state.Parameters?.FunctionName?.match(/^\$\{(\w+)\}$/)?.[1];
      if (!key) continue;
      expect(catalog.find((fn) => fn.aslKey === key)?.name).toBe(stateName);
    }
  });

  it('points every entry at a handler file that exists', () => {
    for (const fn of catalog) expect(existsSync(resolve(root, fn.entry)), fn.entry).toBe(true);
  });

  it('has unique names, keys and routes', () => {
    const routes = catalog.flatMap((fn) => (fn.routes ?? []).map((r) => `${r.method} ${r.path}`));
    expect(new Set(catalog.map((fn) => fn.name)).size).toBe(catalog.length);
    expect(new Set(routes).size).toBe(routes.length);
  });

  it('answers the access rule of a route key as API Gateway names it', () => {
    expect(accessFor('POST /onboardings')).toEqual(['account-manager', 'admin']);
    expect(accessFor('DELETE /onboardings')).toBeUndefined();
  });
});
