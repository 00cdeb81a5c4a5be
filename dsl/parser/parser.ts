// The expression grammar of SPEC section 3 as a chevrotain CST parser, lowest precedence first.
// Rules are class fields so a misspelt rule name fails to compile. The CST is turned into the
// AST by to-ast.ts; errors are collected (never thrown) and reported by parser/index.ts.
import type { CstNode, IRecognitionException, TokenType, IToken } from 'chevrotain';
import { CstParser } from '../lexer/chevrotain.ts';
import * as t from '../lexer/tokens.ts';

const LABELS = new Map<TokenType, string>([
  [t.And, '`and`'], [t.Or, '`or`'], [t.Not, '`not`'], [t.In, '`in`'], [t.If, '`if`'], [t.Then, '`then`'],
  [t.Else, '`else`'], [t.True, '`true`'], [t.False, '`false`'], [t.Null, '`null`'], [t.Mod, '`mod`'],
  [t.Identifier, 'a name'], [t.NumberLit, 'a number'], [t.Percent, 'a percentage'], [t.Duration, 'a duration'],
  [t.StringLit, 'a string'], [t.QuestionQuestion, '`??`'], [t.Question, '`?`'], [t.Colon, '`:`'],
  [t.AmpAmp, '`&&`'], [t.PipePipe, '`||`'], [t.EqEq, '`==`'], [t.NotEq, '`!=`'], [t.LtEq, '`<=`'],
  [t.GtEq, '`>=`'], [t.Lt, '`<`'], [t.Gt, '`>`'], [t.Bang, '`!`'], [t.Plus, '`+`'], [t.Minus, '`-`'],
  [t.Star, '`*`'], [t.Slash, '`/`'], [t.Dot, '`.`'], [t.Comma, '`,`'], [t.LParen, '`(`'], [t.RParen, '`)`'],
  [t.LBracket, '`[`'], [t.RBracket, '`]`'],
]);

function describe(token: IToken | undefined): string {
  if (!token || token.tokenType.name === 'EOF') return 'the end of the expression';
  return `\`${token.image}\``;
}

function unexpected(token: IToken | undefined): string {
  return !token || token.tokenType.name === 'EOF' ? 'unexpected end of the expression' : `unexpected \`${token.image}\``;
}

/** Short, merchant-readable messages instead of chevrotain's long path listings. */
const errorMessageProvider = {
  buildMismatchTokenMessage: (o: { expected: TokenType; actual: IToken }) =>
    `expected ${LABELS.get(o.expected) ?? o.expected.name}, found ${describe(o.actual)}`,
  buildNotAllInputParsedMessage: (o: { firstRedundant: IToken }) => `${unexpected(o.firstRedundant)}; expected an operator or the end`,
  buildNoViableAltMessage: (o: { actual: IToken[]; ruleName: string }) => `${unexpected(o.actual[0])}; expected an expression`,
  buildEarlyExitMessage: (o: { actual: IToken[]; ruleName: string }) => unexpected(o.actual[0]),
};

/** The expression parser. One instance is reused: set `input`, call `expression()`, read `errors`. */
export class ExpressionParser extends CstParser {
  constructor() {
    super(t.allTokens, { recoveryEnabled: false, maxLookahead: 3, errorMessageProvider });
    this.performSelfAnalysis();
  }

  expression = this.RULE('expression', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.ifExpr) },
      { ALT: () => this.SUBRULE(this.ternary) },
    ]);
  });

  ifExpr = this.RULE('ifExpr', () => {
    this.CONSUME(t.If);
    this.SUBRULE1(this.expression, { LABEL: 'test' });
    this.CONSUME(t.Then);
    this.SUBRULE2(this.expression, { LABEL: 'then' });
    this.CONSUME(t.Else);
    this.SUBRULE3(this.expression, { LABEL: 'else' });
  });

  /** `c ? a : b`: the branches are full expressions, so `?:` nests to the right. */
  ternary = this.RULE('ternary', () => {
    this.SUBRULE(this.coalesce, { LABEL: 'test' });
    this.OPTION(() => {
      this.CONSUME(t.Question);
      this.SUBRULE1(this.expression, { LABEL: 'then' });
      this.CONSUME(t.Colon);
      this.SUBRULE2(this.expression, { LABEL: 'else' });
    });
  });

  coalesce = this.RULE('coalesce', () => {
    this.SUBRULE1(this.orExpr, { LABEL: 'operand' });
    this.MANY(() => {
      this.CONSUME(t.QuestionQuestion, { LABEL: 'op' });
      this.SUBRULE2(this.orExpr, { LABEL: 'operand' });
    });
  });

  orExpr = this.RULE('orExpr', () => {
    this.SUBRULE1(this.andExpr, { LABEL: 'operand' });
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(t.Or, { LABEL: 'op' }) }, { ALT: () => this.CONSUME(t.PipePipe, { LABEL: 'op' }) }]);
      this.SUBRULE2(this.andExpr, { LABEL: 'operand' });
    });
  });

  andExpr = this.RULE('andExpr', () => {
    this.SUBRULE1(this.notExpr, { LABEL: 'operand' });
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(t.And, { LABEL: 'op' }) }, { ALT: () => this.CONSUME(t.AmpAmp, { LABEL: 'op' }) }]);
      this.SUBRULE2(this.notExpr, { LABEL: 'operand' });
    });
  });

  notExpr = this.RULE('notExpr', () => {
    this.OR([
      {
        ALT: () => {
          this.OR1([{ ALT: () => this.CONSUME(t.Not, { LABEL: 'op' }) }, { ALT: () => this.CONSUME(t.Bang, { LABEL: 'op' }) }]);
          this.SUBRULE(this.notExpr, { LABEL: 'operand' });
        },
      },
      { ALT: () => this.SUBRULE(this.comparison, { LABEL: 'operand' }) },
    ]);
  });

  /** Parsed as a chain so that `a < b < c` gets a clear message from to-ast.ts. */
  comparison = this.RULE('comparison', () => {
    this.SUBRULE1(this.additive, { LABEL: 'operand' });
    this.MANY(() => {
      this.SUBRULE(this.compareOp, { LABEL: 'op' });
      this.SUBRULE2(this.additive, { LABEL: 'operand' });
    });
  });

  compareOp = this.RULE('compareOp', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.EqEq) },
      { ALT: () => this.CONSUME(t.NotEq) },
      { ALT: () => this.CONSUME(t.LtEq) },
      { ALT: () => this.CONSUME(t.GtEq) },
      { ALT: () => this.CONSUME(t.Lt) },
      { ALT: () => this.CONSUME(t.Gt) },
      { ALT: () => this.CONSUME1(t.In) },
      { ALT: () => { this.CONSUME(t.Not); this.CONSUME2(t.In); } },
    ]);
  });

  additive = this.RULE('additive', () => {
    this.SUBRULE1(this.multiplicative, { LABEL: 'operand' });
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(t.Plus, { LABEL: 'op' }) }, { ALT: () => this.CONSUME(t.Minus, { LABEL: 'op' }) }]);
      this.SUBRULE2(this.multiplicative, { LABEL: 'operand' });
    });
  });

  multiplicative = this.RULE('multiplicative', () => {
    this.SUBRULE1(this.unary, { LABEL: 'operand' });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(t.Star, { LABEL: 'op' }) },
        { ALT: () => this.CONSUME(t.Slash, { LABEL: 'op' }) },
        { ALT: () => this.CONSUME(t.Mod, { LABEL: 'op' }) },
      ]);
      this.SUBRULE2(this.unary, { LABEL: 'operand' });
    });
  });

  unary = this.RULE('unary', () => {
    this.OR([
      { ALT: () => { this.CONSUME(t.Minus, { LABEL: 'op' }); this.SUBRULE(this.unary, { LABEL: 'operand' }); } },
      { ALT: () => this.SUBRULE(this.postfix, { LABEL: 'operand' }) },
    ]);
  });

  postfix = this.RULE('postfix', () => {
    this.SUBRULE(this.primary);
    this.MANY(() => this.SUBRULE(this.suffix));
  });

  suffix = this.RULE('suffix', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.Dot);
          this.CONSUME(t.Identifier, { LABEL: 'name' });
          this.OPTION(() => this.SUBRULE(this.callArgs));
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.LBracket);
          this.SUBRULE(this.expression, { LABEL: 'index' });
          this.CONSUME(t.RBracket);
        },
      },
    ]);
  });

  callArgs = this.RULE('callArgs', () => {
    this.CONSUME(t.LParen);
    this.MANY_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.expression, { LABEL: 'arg' }) });
    this.CONSUME(t.RParen);
  });

  primary = this.RULE('primary', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.NumberLit, { LABEL: 'literal' }) },
      { ALT: () => this.CONSUME(t.Percent, { LABEL: 'literal' }) },
      { ALT: () => this.CONSUME(t.Duration, { LABEL: 'literal' }) },
      { ALT: () => this.CONSUME(t.StringLit, { LABEL: 'literal' }) },
      { ALT: () => this.CONSUME(t.True, { LABEL: 'literal' }) },
      { ALT: () => this.CONSUME(t.False, { LABEL: 'literal' }) },
      { ALT: () => this.CONSUME(t.Null, { LABEL: 'literal' }) },
      { ALT: () => this.SUBRULE(this.listLit) },
      { ALT: () => this.SUBRULE(this.paren) },
      {
        ALT: () => {
          this.CONSUME(t.Identifier, { LABEL: 'name' });
          this.OPTION(() => this.SUBRULE(this.callArgs));
        },
      },
    ]);
  });

  listLit = this.RULE('listLit', () => {
    this.CONSUME(t.LBracket);
    this.MANY_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.expression, { LABEL: 'item' }) });
    this.CONSUME(t.RBracket);
  });

  paren = this.RULE('paren', () => {
    this.CONSUME(t.LParen);
    this.SUBRULE(this.expression, { LABEL: 'inner' });
    this.CONSUME(t.RParen);
  });
}

let parser: ExpressionParser | undefined;

/** The parser, built once per process on first use (grammar analysis takes tens of milliseconds). */
export function getParser(): ExpressionParser {
  parser ??= new ExpressionParser();
  return parser;
}

/** Run the parser on tokens; returns the CST (possibly partial) and the recognition errors. */
export function parseTokens(tokens: IToken[]): { cst: CstNode | undefined; errors: IRecognitionException[] } {
  const p = getParser();
  p.input = tokens;
  const cst = p.expression();
  return { cst, errors: [...p.errors] };
}
