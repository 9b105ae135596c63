// Where and why a config file's JSON is wrong, for a message with a line and a column.

/** 1-based line and column (UTF-16 code units) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Where and why JSON.parse failed (V8's messages do not always give a position): a small
 * recursive-descent JSON reader that stops at the first error.
 */
export function locateJsonError(text: string): { offset: number; message: string } {
  try {
    new JsonChecker(text).document();
  } catch (e) {
    if (e instanceof Stop) return { offset: e.offset, message: e.message };
    throw e;
  }
  return { offset: 0, message: 'invalid JSON' };
}

/** How deep the error locator follows brackets; no parity-check config comes near it. */
export const MAX_JSON_DEPTH = 1000;

/** The first error: thrown from any depth of the reader, caught by locateJsonError. */
class Stop {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

/** Reads JSON text without building a value: each method consumes one construct at `i` or throws a Stop. */
class JsonChecker {
  private i: number;
  /** Open brackets around `i`: the reader recurses per level, so depth is bounded (MAX_JSON_DEPTH). */
  private depth = 0;
  private readonly n: number;

  constructor(private readonly text: string) {
    this.i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.n = text.length;
  }

  /** One value and nothing after it but whitespace. */
  document(): void {
    this.value();
    this.ws();
    if (this.i < this.n) this.fail(`unexpected ${this.describe(this.i)} after the end of the JSON value`);
  }

  private describe(at: number): string {
    if (at >= this.n) return 'the end of the file';
    const c = this.text[at];
    if (c === '\n' || c === '\r') return 'the end of the line';
    return `'${c}'`;
  }

  private fail(message: string): never {
    throw new Stop(this.i, message);
  }

  private ws(): void {
    const text = this.text;
    while (this.i < this.n && (text[this.i] === ' ' || text[this.i] === '\t' || text[this.i] === '\n' || text[this.i] === '\r')) this.i++;
  }

  private literal(word: string): void {
    for (let k = 0; k < word.length; k++) {
      if (this.text[this.i] !== word[k]) this.fail(`expected a value, found ${this.describe(this.i)}`);
      this.i++;
    }
  }

  private string(): void {
    const text = this.text;
    this.i++; // opening quote
    for (;;) {
      if (this.i >= this.n) this.fail('unterminated string: the closing \'"\' is missing');
      const c = text.charCodeAt(this.i);
      if (c === 0x22) {
        this.i++;
        return;
      }
      if (c < 0x20) this.fail(c === 10 ? 'unterminated string: the closing \'"\' is missing' : 'control character in a string: write it as an escape');
      if (c === 0x5c) {
        this.i++;
        const e = text[this.i];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(this.i + 1, this.i + 5))) this.fail('invalid \\u escape: expected 4 hexadecimal digits');
          this.i += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) this.i++;
        else this.fail(`invalid escape ${this.describe(this.i)} in a string`);
        continue;
      }
      this.i++;
    }
  }

  private number(): void {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.i, this.i + 400));
    if (!m || m[0] === '-' || m[0] === '') this.fail(`expected a value, found ${this.describe(this.i)}`);
    this.i += m![0].length;
  }

  private value(): void {
    this.ws();
    if (this.i >= this.n) this.fail('unexpected end of the file: a value is missing');
    const c = this.text[this.i];
    if (c === '{' || c === '[') {
      if (++this.depth > MAX_JSON_DEPTH) this.fail(`nested deeper than ${MAX_JSON_DEPTH} levels: parity-check reads no deeper (a config never needs this)`);
      if (c === '{') this.object();
      else this.array();
      this.depth--;
      return;
    }
    if (c === '"') return this.string();
    if (c === 't') return this.literal('true');
    if (c === 'f') return this.literal('false');
    if (c === 'n') return this.literal('null');
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    if (c === "'") this.fail("strings need double quotes, found '''");
    this.fail(`expected a value, found ${this.describe(this.i)}`);
  }

  private object(): void {
    const text = this.text;
    this.i++;
    this.ws();
    if (text[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      if (text[this.i] !== '"') {
        if (text[this.i] === '}') this.fail("trailing comma: remove the ',' before '}'");
        this.fail(`expected a double-quoted property name, found ${this.describe(this.i)}`);
      }
      this.string();
      this.ws();
      if (text[this.i] !== ':') this.fail(`expected ':' after the property name, found ${this.describe(this.i)}`);
      this.i++;
      this.value();
      this.ws();
      if (text[this.i] === ',') {
        this.i++;
        continue;
      }
      if (text[this.i] === '}') {
        this.i++;
        return;
      }
      this.fail(`expected ',' or '}' after a property value, found ${this.describe(this.i)}`);
    }
  }

  private array(): void {
    const text = this.text;
    this.i++;
    this.ws();
    if (text[this.i] === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      if (text[this.i] === ']') this.fail("trailing comma: remove the ',' before ']'");
      this.value();
      this.ws();
      if (text[this.i] === ',') {
        this.i++;
        continue;
      }
      if (text[this.i] === ']') {
        this.i++;
        return;
      }
      this.fail(`expected ',' or ']' after an array element, found ${this.describe(this.i)}`);
    }
  }
}
