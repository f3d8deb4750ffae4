import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FUNCTIONS, type FunctionSpec } from '../../functions/catalog';
import { functionVersionArn } from './lambda-runtime';

export const ASL_PATH = resolve(import.meta.dirname, '../../statemachines/onboarding.asl.json');

/**
 * The ASL file with its `${...FunctionArn}` keys replaced, as CDK's definitionSubstitutions do on
 * AWS: by the ARNs of published versions (`…:function:<Name>:1`), never the unqualified ones. A key
 * the catalog does not know is an error, not a silent leftover.
 */
export function substitutedDefinition(region: string, template = readFileSync(ASL_PATH, 'utf8')): string {
  const arns = new Map(
    (FUNCTIONS as readonly FunctionSpec[]).flatMap((fn) => (fn.aslKey ? [[fn.aslKey, functionVersionArn(fn, region)] as const] : [])),
  );
  return template.replace(/\$\{(\w+)\}/g, (_match, key: string) => {
    const arn = arns.get(key);
    if (!arn) throw new Error(`The ASL names \${${key}}, which no catalog function provides`);
    return arn;
  });
}
