/**
 * Syntax tree of HCL2 native syntax, as produced by our error-tolerant parser. Every node has an
 * exact range. Nodes that could not be parsed are `ErrorExpr` (expressions) or are dropped with a
 * diagnostic (body items); the rest of the file is still represented.
 */
import type { Range } from '../../model/types';

export interface Comment {
  /** `#`, `//` or `/*` */
  style: 'hash' | 'slash' | 'block';
  /** Full comment text including the markers. */
  text: string;
  range: Range;
}

export interface HclFile {
  body: HclBody;
  comments: Comment[];
  /** Syntax errors, in source order. */
  errors: SyntaxError[];
}

export interface SyntaxError {
  message: string;
  range: Range;
}

export interface HclBody {
  items: BodyItem[];
  range: Range;
}

export type BodyItem = HclAttribute | HclBlock;

export interface HclAttribute {
  type: 'Attribute';
  name: string;
  nameRange: Range;
  expr: Expr;
  range: Range;
}

export interface BlockLabel {
  /** Label text without quotes. */
  value: string;
  /** Whether it was written as a quoted string or a bare identifier. */
  quoted: boolean;
  range: Range;
}

export interface HclBlock {
  type: 'Block';
  blockType: string;
  typeRange: Range;
  labels: BlockLabel[];
  body: HclBody;
  /** Range of the `{` token, and of the `}` token when present (absent in a half-typed file). */
  openBraceRange: Range;
  closeBraceRange?: Range;
  range: Range;
}

export type Expr =
  | LiteralExpr
  | TemplateExpr
  | HeredocExpr
  | TupleExpr
  | ObjectExpr
  | VariableExpr
  | GetAttrExpr
  | IndexExpr
  | SplatExpr
  | FunctionCallExpr
  | ForExpr
  | ConditionalExpr
  | BinaryExpr
  | UnaryExpr
  | ParenExpr
  | ErrorExpr;

export interface ExprBase {
  range: Range;
}

/** Number, bool or null literal. Quoted strings without interpolation are `TemplateExpr`. */
export interface LiteralExpr extends ExprBase {
  type: 'Literal';
  value: number | boolean | null;
  /** Source text of the literal, e.g. `1e3` (hcl2json keeps number formatting in some cases). */
  raw: string;
}

/** A quoted template: `"abc ${x} %{ if y }z%{ endif }"`. */
export interface TemplateExpr extends ExprBase {
  type: 'Template';
  parts: TemplatePart[];
  /** The raw source between the quotes (escapes not processed). */
  raw: string;
}

/** `<<EOT` / `<<-EOT` heredoc template. */
export interface HeredocExpr extends ExprBase {
  type: 'Heredoc';
  marker: string;
  /** `<<-` strips the common leading whitespace. */
  indented: boolean;
  parts: TemplatePart[];
  /** The raw body text between the opening line and the closing marker line. */
  raw: string;
}

export type TemplatePart = TemplateLiteral | TemplateInterpolation | TemplateDirective;

export interface TemplateLiteral {
  type: 'TemplateLiteral';
  /** Text with escapes (`\n`, `$${`, `%%{`) processed. */
  value: string;
  range: Range;
}

export interface TemplateInterpolation {
  type: 'TemplateInterpolation';
  expr: Expr;
  stripLeft: boolean;
  stripRight: boolean;
  range: Range;
}

/** `%{ if }`/`%{ else }`/`%{ endif }`/`%{ for }`/`%{ endfor }`, kept as a flat list of markers. */
export interface TemplateDirective {
  type: 'TemplateDirective';
  keyword: 'if' | 'else' | 'endif' | 'for' | 'endfor';
  /** Condition of `if`, collection of `for`. */
  expr?: Expr;
  /** `for k, v in coll`: the names. */
  keyVar?: string;
  valueVar?: string;
  range: Range;
}

export interface TupleExpr extends ExprBase {
  type: 'Tuple';
  items: Expr[];
}

export interface ObjectItem {
  /** Key: an identifier is `VariableExpr`, a string `TemplateExpr`, `(expr)` a `ParenExpr`. */
  key: Expr;
  value: Expr;
  /** `=` or `:` */
  separator: '=' | ':';
  range: Range;
}

export interface ObjectExpr extends ExprBase {
  type: 'Object';
  items: ObjectItem[];
}

/** A bare name: `var`, `local`, `aws_s3_bucket`, `each`, `count`, ... */
export interface VariableExpr extends ExprBase {
  type: 'Variable';
  name: string;
}

/** `expr.name` (also legacy `expr.0`, where `name` is the digits). */
export interface GetAttrExpr extends ExprBase {
  type: 'GetAttr';
  object: Expr;
  name: string;
  nameRange: Range;
}

/** `expr[key]` */
export interface IndexExpr extends ExprBase {
  type: 'Index';
  collection: Expr;
  key: Expr;
}

/** `expr[*].a.b` (full splat) or `expr.*.a` (attribute-only splat). */
export interface SplatExpr extends ExprBase {
  type: 'Splat';
  source: Expr;
  full: boolean;
  /** Traversal applied to each element, in order: attribute names or index expressions. */
  each: Array<{ kind: 'attr'; name: string; range: Range } | { kind: 'index'; key: Expr; range: Range }>;
}

export interface FunctionCallExpr extends ExprBase {
  type: 'FunctionCall';
  /** Includes a provider namespace if present: `provider::aws::arn_parse`. */
  name: string;
  nameRange: Range;
  args: Expr[];
  /** `f(list...)` */
  expandFinal: boolean;
}

export interface ForExpr extends ExprBase {
  type: 'For';
  /** `[for ...]` or `{for ...}` */
  kind: 'tuple' | 'object';
  keyVar?: string;
  valueVar: string;
  collection: Expr;
  /** Tuple: the value expression. Object: `keyExpr => valueExpr`. */
  keyExpr?: Expr;
  valueExpr: Expr;
  /** `...` grouping in object for. */
  grouping: boolean;
  condition?: Expr;
}

export interface ConditionalExpr extends ExprBase {
  type: 'Conditional';
  condition: Expr;
  trueExpr: Expr;
  falseExpr: Expr;
}

export type BinaryOperator = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%';

export interface BinaryExpr extends ExprBase {
  type: 'Binary';
  operator: BinaryOperator;
  left: Expr;
  right: Expr;
}

export interface UnaryExpr extends ExprBase {
  type: 'Unary';
  operator: '!' | '-';
  operand: Expr;
}

export interface ParenExpr extends ExprBase {
  type: 'Paren';
  expr: Expr;
}

/** Placeholder for an expression that could not be parsed; evaluates to unknown. */
export interface ErrorExpr extends ExprBase {
  type: 'Error';
}
