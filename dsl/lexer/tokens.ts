// The tokens of the expression language (SPEC section 3), as chevrotain token types.
// Order matters: chevrotain tries patterns in array order, so longer/more specific first.
import type { TokenType } from 'chevrotain';
import { createToken, Lexer } from './chevrotain.ts';

/** Matches a whole word at `offset` (Unicode letters, digits, `_`, not starting with a digit). */
const IDENT_RE = /[\p{L}_][\p{L}\p{N}_]*/uy;
const DURATION_RE = /[0-9]+(?:s|m|h|d)(?![\p{L}\p{N}_])/uy;
const PERCENT_RE = /[0-9]+(?:\.[0-9]+)?%/y;
const NUMBER_RE = /[0-9]+(?:\.[0-9]+)?(?![\p{L}_])/uy;

function sticky(re: RegExp) {
  return (text: string, offset: number): RegExpExecArray | null => {
    re.lastIndex = offset;
    return re.exec(text);
  };
}

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\u00a0\u3000]+/, group: Lexer.SKIPPED, line_breaks: true });

export const Identifier = createToken({
  name: 'Identifier',
  pattern: { exec: sticky(IDENT_RE) },
  line_breaks: false,
});

function keyword(name: string, word: string): TokenType {
  return createToken({ name, pattern: new RegExp(word), longer_alt: Identifier });
}

export const And = keyword('And', 'and');
export const Or = keyword('Or', 'or');
export const Not = keyword('Not', 'not');
export const In = keyword('In', 'in');
export const If = keyword('If', 'if');
export const Then = keyword('Then', 'then');
export const Else = keyword('Else', 'else');
export const True = keyword('True', 'true');
export const False = keyword('False', 'false');
export const Null = keyword('Null', 'null');
export const Mod = keyword('Mod', 'mod');

export const Duration = createToken({
  name: 'Duration',
  pattern: { exec: sticky(DURATION_RE) },
  line_breaks: false,
  start_chars_hint: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
});
export const Percent = createToken({
  name: 'Percent',
  pattern: { exec: sticky(PERCENT_RE) },
  line_breaks: false,
  start_chars_hint: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
});
export const NumberLit = createToken({
  name: 'NumberLit',
  pattern: { exec: sticky(NUMBER_RE) },
  line_breaks: false,
  start_chars_hint: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
});
/** Strings may not span lines; escapes are decoded (and checked) in to-ast.ts. */
export const StringLit = createToken({ name: 'StringLit', pattern: /"(?:[^"\\\n]|\\[^\n])*"|'(?:[^'\\\n]|\\[^\n])*'/ });

export const QuestionQuestion = createToken({ name: 'QuestionQuestion', pattern: /\?\?/ });
export const Question = createToken({ name: 'Question', pattern: /\?/ });
export const Colon = createToken({ name: 'Colon', pattern: /:/ });
export const AmpAmp = createToken({ name: 'AmpAmp', pattern: /&&/ });
export const PipePipe = createToken({ name: 'PipePipe', pattern: /\|\|/ });
export const EqEq = createToken({ name: 'EqEq', pattern: /==/ });
export const NotEq = createToken({ name: 'NotEq', pattern: /!=/ });
export const LtEq = createToken({ name: 'LtEq', pattern: /<=/ });
export const GtEq = createToken({ name: 'GtEq', pattern: />=/ });
export const Lt = createToken({ name: 'Lt', pattern: /</ });
export const Gt = createToken({ name: 'Gt', pattern: />/ });
export const Bang = createToken({ name: 'Bang', pattern: /!/ });
export const Plus = createToken({ name: 'Plus', pattern: /\+/ });
export const Minus = createToken({ name: 'Minus', pattern: /-/ });
export const Star = createToken({ name: 'Star', pattern: /\*/ });
export const Slash = createToken({ name: 'Slash', pattern: /\// });
export const Dot = createToken({ name: 'Dot', pattern: /\./ });
export const Comma = createToken({ name: 'Comma', pattern: /,/ });
export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/ });
export const RBracket = createToken({ name: 'RBracket', pattern: /\]/ });

/** Every token, in the order the lexer tries them. */
export const allTokens: TokenType[] = [
  WhiteSpace,
  StringLit,
  Duration, Percent, NumberLit,
  And, Or, Not, In, If, Then, Else, True, False, Null, Mod,
  Identifier,
  QuestionQuestion, Question, Colon, AmpAmp, PipePipe,
  EqEq, NotEq, LtEq, GtEq, Lt, Gt, Bang,
  Plus, Minus, Star, Slash, Dot, Comma, LParen, RParen, LBracket, RBracket,
];

let lexer: InstanceType<typeof Lexer> | undefined;

/** The lexer, built once per process on first use (building it costs a few milliseconds). */
export function getLexer(): InstanceType<typeof Lexer> {
  lexer ??= new Lexer(allTokens, { positionTracking: 'onlyOffset', ensureOptimizations: false });
  return lexer;
}
