import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const REPO_ROOT = new URL('../../', import.meta.url).pathname;

/** Every hand-written TypeScript file under `dir` (repo-relative), without generated ones. */
export function sourceFiles(dir: string): string[] {
  const root = join(REPO_ROOT, dir);
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.generated.ts') && !file.endsWith('.d.ts'))
    .map((file) => relative(REPO_ROOT, join(root, file)));
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(join(REPO_ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
}

function visit(node: ts.Node, onNode: (node: ts.Node) => void): void {
  onNode(node);
  node.forEachChild((child) => visit(child, onNode));
}

function stringLiteralsIn(node: ts.Node): string[] {
  const found: string[] = [];
  visit(node, (child) => {
    if (ts.isStringLiteral(child) || ts.isNoSubstitutionTemplateLiteral(child)) found.push(child.text);
  });
  return found;
}

/** The string values of a `const NAME = …` in the file: a string, or the values of a name table (`{ approved: 'AgreementApproved', … }`). */
function constantStrings(source: ts.SourceFile, name: string): string[] {
  const found: string[] = [];
  visit(source, (node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name && node.initializer) {
      let initializer = node.initializer;
      while (ts.isAsExpression(initializer) || ts.isParenthesizedExpression(initializer)) initializer = initializer.expression;
      if (ts.isObjectLiteralExpression(initializer)) {
        for (const property of initializer.properties) {
          if (ts.isPropertyAssignment(property)) found.push(...stringLiteralsIn(property.initializer));
        }
      } else if (ts.isStringLiteral(initializer) || ts.isArrayLiteralExpression(initializer)) {
        found.push(...stringLiteralsIn(initializer));
      }
    }
  });
  return found;
}

/**
 * The names an expression can evaluate to: a literal, both branches of a ternary, a constant,
 * every value of a name table it indexes, or what a function of the same file returns. Anything
 * else yields none (the caller rejects it).
 */
function possibleNames(source: ts.SourceFile, expression: ts.Expression): string[] {
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return [expression.text];
  if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression)) return possibleNames(source, expression.expression);
  if (ts.isConditionalExpression(expression)) {
    return [...possibleNames(source, expression.whenTrue), ...possibleNames(source, expression.whenFalse)];
  }
  if (ts.isIdentifier(expression)) return constantStrings(source, expression.text);
  if (ts.isElementAccessExpression(expression) && ts.isIdentifier(expression.expression)) {
    return constantStrings(source, expression.expression.text);
  }
  if (ts.isCallExpression(expression) && ts.isIdentifier(expression.expression)) {
    return returnedNames(source, expression.expression.text);
  }
  return [];
}

/** The names a function declared in the same file returns (`function eventMetric(…) { return …; }`). */
function returnedNames(source: ts.SourceFile, functionName: string): string[] {
  const found: string[] = [];
  visit(source, (node) => {
    if (!ts.isFunctionDeclaration(node) || node.name?.text !== functionName || !node.body) return;
    visit(node.body, (child) => {
      if (ts.isReturnStatement(child) && child.expression) found.push(...possibleNames(source, child.expression));
    });
  });
  return found;
}

export interface MetricEmission {
  file: string;
  line: number;
  /** Every name the call can emit (both sides of a ternary, every value of a name table). */
  names: string[];
}

/**
 * Every `metrics.addMetric(name, …)` call in the files, with the metric names its first argument
 * can take (see possibleNames). A call whose name cannot be read this way has `names: []`, for the
 * test to reject: metric names stay literal, so that the dashboard can be checked against them.
 */
export function metricEmissions(files: readonly string[]): MetricEmission[] {
  return files.flatMap((file) => {
    const source = parse(file);
    const emissions: MetricEmission[] = [];
    visit(source, (node) => {
      if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return;
      if (node.expression.name.text !== 'addMetric') return;
      const [nameArgument] = node.arguments;
      if (!nameArgument) return;
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      emissions.push({ file, line, names: [...new Set(possibleNames(source, nameArgument))] });
    });
    return emissions;
  });
}

/** The class names of every `new XxxCommand(…)` in the files, e.g. `GetCommand`, `TransactWriteCommand`. */
export function commandsConstructed(files: readonly string[]): { file: string; command: string }[] {
  return files.flatMap((file) => {
    const found: { file: string; command: string }[] = [];
    visit(parse(file), (node) => {
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text.endsWith('Command')) {
        found.push({ file, command: node.expression.text });
      }
    });
    return found;
  });
}
