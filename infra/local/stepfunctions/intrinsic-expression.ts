/**
 * A small reader for JSONPath-mode intrinsic function invocations (`States.Format('x {}', $.a)`), so
 * the definition loader can see which functions an ASL calls and with which kinds of argument. It
 * does not evaluate anything; the engine does that at run time.
 */
export type IntrinsicArgument =
  /** `escapes`: the escape sequences the literal uses, as written (a backslash and the character after it). */
  | { kind: 'literal'; value: string; escapes: string[] }
  | { kind: 'path'; path: string }
  | { kind: 'call'; call: IntrinsicCall }
  | { kind: 'json'; text: string };

export interface IntrinsicCall {
  name: string;
  args: IntrinsicArgument[];
}

/** True for a payload-template value that is an intrinsic invocation rather than a path. */
export function isIntrinsicInvocation(value: string): boolean {
  return /^States\.[A-Za-z0-9]+\s*\(/.test(value.trimStart());
}

/** Parses one invocation; undefined when it is not one (the engine's validator reports those). */
export function parseIntrinsic(expression: string): IntrinsicCall | undefined {
  const reader = new Reader(expression.trim());
  try {
    const call = reader.call();
    reader.skipSpace();
    return reader.atEnd() ? call : undefined;
  } catch {
    return undefined;
  }
}

/** Every call in the invocation, nested calls included, outermost first. */
export function* callsIn(call: IntrinsicCall): Generator<IntrinsicCall> {
  yield call;
  for (const arg of call.args) if (arg.kind === 'call') yield* callsIn(arg.call);
}

class Reader {
  private at = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.at >= this.text.length;
  }

  skipSpace(): void {
    while (!this.atEnd() && /\s/.test(this.text[this.at]!)) this.at += 1;
  }

  call(): IntrinsicCall {
    this.skipSpace();
    const name = /^States\.[A-Za-z0-9]+/.exec(this.text.slice(this.at))?.[0];
    if (!name) throw new Error('expected a States.* function name');
    this.at += name.length;
    this.skipSpace();
    this.expect('(');
    const args: IntrinsicArgument[] = [];
    this.skipSpace();
    if (this.peek() === ')') {
      this.at += 1;
      return { name, args };
    }
    for (;;) {
      args.push(this.argument());
      this.skipSpace();
      const next = this.text[this.at++];
      if (next === ')') return { name, args };
      if (next !== ',') throw new Error('expected , or )');
    }
  }

  private argument(): IntrinsicArgument {
    this.skipSpace();
    const first = this.peek();
    if (first === "'") return this.literal();
    if (first === '$') return { kind: 'path', path: this.until() };
    if (this.text.startsWith('States.', this.at)) return { kind: 'call', call: this.call() };
    return { kind: 'json', text: this.until() };
  }

  private literal(): IntrinsicArgument {
    this.expect("'");
    let value = '';
    const escapes: string[] = [];
    for (;;) {
      if (this.atEnd()) throw new Error('unterminated literal');
      const char = this.text[this.at++]!;
      if (char === "'") return { kind: 'literal', value, escapes };
      if (char === '\\') {
        const escaped = this.text[this.at++];
        if (escaped === undefined) throw new Error('open escape');
        escapes.push(`\\${escaped}`);
        value += escaped;
      } else {
        value += char;
      }
    }
  }

  /** A path or JSON scalar: up to the next , or ) outside brackets and quotes. */
  private until(): string {
    const start = this.at;
    let depth = 0;
    let quote: string | undefined;
    while (!this.atEnd()) {
      const char = this.text[this.at]!;
      if (quote) {
        if (char === quote) quote = undefined;
      } else if (char === "'" || char === '"') {
        quote = char;
      } else if (char === '[' || char === '(') {
        depth += 1;
      } else if (char === ']' || (char === ')' && depth > 0)) {
        depth -= 1;
      } else if (depth === 0 && (char === ',' || char === ')')) {
        break;
      }
      this.at += 1;
    }
    return this.text.slice(start, this.at).trim();
  }

  private peek(): string | undefined {
    return this.text[this.at];
  }

  private expect(char: string): void {
    if (this.text[this.at] !== char) throw new Error(`expected ${char}`);
    this.at += 1;
  }
}
