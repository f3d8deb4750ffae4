import { type CfnElement, Validations } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import type { OnboardingStack } from '../../infra/onboarding-stack';
import type { CatalogFunction } from '../../infra/constructs/catalog-function';

/** A CloudFormation value as it appears in a synthesized template. */
export type CfnValue = string | number | boolean | null | CfnValue[] | { [key: string]: CfnValue };

export interface CfnResource {
  Type: string;
  Properties?: Record<string, CfnValue>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  DependsOn?: string[];
}

export interface PolicyStatement {
  Effect: string;
  Action: string[];
  Resource: CfnValue[];
}

export function logicalId(stack: OnboardingStack, construct: IConstruct): string {
  const resource = construct.node.defaultChild as CfnElement | undefined;
  if (!resource) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return stack.getLogicalId(resource);
}

export function resource(template: Template, id: string): CfnResource {
  const found = (template.toJSON() as { Resources: Record<string, CfnResource> }).Resources[id];
  if (!found) throw new Error(`No resource ${id} in the template`);
  return found;
}

export function resourcesOfType(template: Template, type: string): [string, CfnResource][] {
  return Object.entries(template.findResources(type) as Record<string, CfnResource>);
}

export function catalogFunction(stack: OnboardingStack, name: string): CatalogFunction {
  const fn = stack.functions.get(name);
  if (!fn) throw new Error(`The stack has no function ${name}`);
  return fn;
}

export const getAtt = (id: string, attribute = 'Arn'): CfnValue => ({ 'Fn::GetAtt': [id, attribute] });
export const ref = (id: string): CfnValue => ({ Ref: id });

const asArray = (value: CfnValue | undefined): CfnValue[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** Every Allow/Deny statement of every AWS::IAM::Policy attached to the role with logical id `roleId`. */
export function statementsOfRole(template: Template, roleId: string): PolicyStatement[] {
  return resourcesOfType(template, 'AWS::IAM::Policy')
    .filter(([, policy]) => asArray(policy.Properties?.Roles).some((role) => JSON.stringify(role) === JSON.stringify(ref(roleId))))
    .flatMap(([, policy]) => {
      const document = policy.Properties?.PolicyDocument as { Statement: CfnValue[] };
      return document.Statement.map((raw) => {
        const statement = raw as { Effect: string; Action: CfnValue; Resource: CfnValue };
        return {
          Effect: statement.Effect,
          Action: asArray(statement.Action).map(String),
          Resource: asArray(statement.Resource),
        };
      });
    });
}

/**
 * Renders a CloudFormation string expression (a literal or an Fn::Join of literals, Refs and
 * GetAtts) as text, writing references as `<LogicalId>` and `<LogicalId.Attribute>`.
 */
export function renderCfnString(value: CfnValue): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    if ('Ref' in value && typeof value.Ref === 'string') return `<${value.Ref}>`;
    if ('Fn::GetAtt' in value) {
      const [id, attribute] = value['Fn::GetAtt'] as [string, string];
      return `<${id}.${attribute}>`;
    }
    if ('Fn::Join' in value) {
      const [separator, parts] = value['Fn::Join'] as [string, CfnValue[]];
      return parts.map(renderCfnString).join(separator);
    }
  }
  throw new Error(`Cannot render ${JSON.stringify(value)} as a string`);
}

export interface Acknowledgement {
  /** Construct path the acknowledgement was made on. */
  path: string;
  /** Rule id as given, e.g. `AwsSolutions-IAM5[Resource::*]` (CDK records it with an `Annotation::` prefix). */
  rule: string;
  reason: unknown;
}

/** Every `Validations.acknowledge` made on `scope` or below it. */
export function acknowledgementsUnder(scope: IConstruct): Acknowledgement[] {
  return scope.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, unknown>))
      .map(([rule, reason]) => ({ path: construct.node.path, rule: rule.replace(/^Annotation::/, ''), reason })),
  );
}
