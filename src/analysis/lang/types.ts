// The language table of the generic taint walker (generic-walker.ts): each language maps its
// tree-sitter node kinds onto a handful of statement and expression shapes, so one walker serves
// PHP, Python, Java and Go. A view only names child nodes; the walker does the taint logic.
import type { SgNode } from '@ast-grep/napi';

/** Statement shapes. Bodies are statement lists. */
export type StmtView =
  | { t: 'block'; stmts: SgNode[] }
  /** Expressions evaluated in order (an expression statement, `echo a, b;`). */
  | { t: 'expr'; exprs: SgNode[] }
  /** `targets = values` (pairwise when the counts agree, else every target gets the union). `op` for `+=`-like forms. */
  | { t: 'assign'; targets: SgNode[]; values: SgNode[]; op?: string; node: SgNode }
  | { t: 'return'; values: SgNode[] }
  /** Leaves the function for good: throw/raise/die/exit/panic (with the expressions it evaluates). */
  | { t: 'exit'; exprs: SgNode[] }
  /** break/continue: leaves the enclosing block. */
  | { t: 'jump' }
  /** `if` with its `elif`/`else if` arms; an arm with cond null is the `else`. */
  | { t: 'if'; init: SgNode[]; arms: Array<{ cond: SgNode | null; body: SgNode[] }> }
  | { t: 'loop'; init: SgNode[]; cond: SgNode | null; body: SgNode[]; update: SgNode[] }
  | { t: 'foreach'; iter: SgNode | null; targets: SgNode[]; body: SgNode[] }
  | { t: 'try'; body: SgNode[]; handlers: Array<{ param: SgNode | null; body: SgNode[] }>; orelse: SgNode[]; fin: SgNode[] }
  | { t: 'switch'; subject: SgNode | null; cases: Array<{ values: SgNode[]; body: SgNode[]; isDefault: boolean }> }
  /** `with open(p) as f:` — each item's value is bound to its target, then the body runs. */
  | { t: 'with'; items: Array<{ value: SgNode; target: SgNode | null }>; body: SgNode[] }
  /** Definitions and declarations with no data flow at this point (functions are walked on their own). */
  | { t: 'skip' }
  /** Anything else: its parts are walked in order (statements as statements, the rest as expressions). */
  | { t: 'other'; parts: SgNode[] };

/** Expression shapes. */
export type ExprView =
  /** Constant or a value that carries no attacker text (comparison, arithmetic, cast to a number). */
  | { t: 'clean'; parts: SgNode[] }
  /** Variable, field or element access; the walker reads the environment by access path. */
  | { t: 'access'; obj: SgNode | null; index: SgNode | null }
  /**
   * A call. `recv` is the receiver of a method call, `method` its name, `name` the name a plain
   * call uses (`f(x)`); `args` are positional, `kwargs` named (Python, PHP 8).
   */
  | { t: 'call'; callee: SgNode | null; recv: SgNode | null; method: string | null; name: string | null; args: SgNode[]; kwargs: Array<{ name: string; value: SgNode }>; isStatic: boolean }
  | { t: 'assign'; targets: SgNode[]; values: SgNode[]; op?: string; node: SgNode }
  /** Concatenation, interpolation, containers, format operators: the union of the parts. */
  | { t: 'union'; parts: SgNode[] }
  | { t: 'cond'; cond: SgNode; a: SgNode | null; b: SgNode }
  /** Comprehension: each clause binds its targets to the iterable's taint, then the parts are evaluated. */
  | { t: 'comp'; clauses: Array<{ targets: SgNode[]; iter: SgNode }>; parts: SgNode[] }
  /** A closure / lambda: walked in place (it sees the enclosing variables). */
  | { t: 'fn' };

/** A function of a file, as the walker sees it. */
export interface FnDef {
  node: SgNode;
  /** Names a call can use (`f`, `m`, `Class.m`). */
  names: string[];
  /** The parameter nodes the caller's arguments bind to, in order (receiver/self excluded). */
  params: SgNode[];
  /** Parameter names (for keyword arguments). */
  paramNames: string[];
  /** Statement list of the body, or one expression for an expression-bodied lambda. */
  body: SgNode[] | SgNode;
  /** A method of a class/receiver type (called as `x.m()`). */
  isMethod: boolean;
  /** Part of the module's public API (public method, non-underscore function, capitalised Go name). */
  exported: boolean;
  /** A closure/lambda (walked in place where it appears, not as a named entry point). */
  anonymous: boolean;
}

/** `!x`, `x && y`, `x || y` in a condition, for guards. */
export type Logic = { op: 'not'; arg: SgNode } | { op: 'and' | 'or'; left: SgNode; right: SgNode } | null;

/** What one language tells the generic walker. */
export interface LangAdapter {
  /** Node kinds that define a function, method, closure or lambda. */
  functionKinds: readonly string[];
  fnDef(node: SgNode): FnDef | null;
  stmt(node: SgNode): StmtView;
  expr(node: SgNode): ExprView;
  /** Access path of an expression (`$x`, `$this.db`, `a.b`, `a.k` for `a['k']`), or null. */
  path(node: SgNode): string | null;
  /** Sub-targets of a destructuring target (`a, b = …`, `list($a, $b) = …`), or null. */
  destructure(node: SgNode): SgNode[] | null;
  logic(node: SgNode): Logic;
  unparen(node: SgNode): SgNode;
  /** Receivers that mean "this object" (`$this`, `self`, `this`). */
  selfNames: ReadonlySet<string>;
  /** True when a call never returns (die, exit, sys.exit, abort, panic, os.Exit, System.exit). */
  noReturn(call: Extract<ExprView, { t: 'call' }>): boolean;
  /** Parameters the web framework fills from the request (Spring @RequestParam, FastAPI/Flask route functions). */
  frameworkParam(fn: FnDef, index: number): boolean;
  /** Method calls that resolve to local methods whatever the receiver (Go: `s.handle(x)`), except on these imported package names. */
  anyReceiverMethods: boolean;
  /**
   * Other files of the repository this file takes names from, with candidate paths relative to
   * the scanned root (the scan keeps the first that exists): see FileBinding in generic-walker.ts.
   */
  imports?(root: SgNode, rel: string): Array<{ local: string | null; member: string | null; candidates: string[] }>;
  /** Sibling files in the same folder are part of this file's scope: Go (one package), Java (classes by file name). */
  siblings?: 'package' | 'classes';
  /** Names the file imports as packages (Go `fmt`, `exec`): a call on them is never a local method. */
  importedNames?(root: SgNode): Set<string>;
}

export function field(n: SgNode, name: string): SgNode | null {
  return n.field(name as never) as SgNode | null;
}

export function fieldAll(n: SgNode, name: string): SgNode[] {
  return (n.fieldChildren(name as never) as SgNode[]).filter((c) => c.isNamed());
}

export function kindOf(n: SgNode): string {
  return n.kind() as string;
}

/** Named children without comments. */
export function kids(n: SgNode | null): SgNode[] {
  return n === null ? [] : n.namedChildren().filter((c) => !kindOf(c).includes('comment'));
}

/** The node inside any number of parentheses (every grammar here calls them `parenthesized_expression`). */
export function unparenthesize(n: SgNode): SgNode {
  let cur = n;
  while (kindOf(cur) === 'parenthesized_expression') {
    const inner = kids(cur)[0];
    if (inner === undefined) break;
    cur = inner;
  }
  return cur;
}

/** `!x`, `a && b`, `a || b` in the C-like grammars (Go, Java). */
export function cLikeLogic(n: SgNode): Logic {
  const k = kindOf(n);
  if (k === 'unary_expression' && field(n, 'operator')?.text() === '!') {
    const a = field(n, 'operand');
    return a === null ? null : { op: 'not', arg: a };
  }
  if (k === 'binary_expression') {
    const op = field(n, 'operator')?.text();
    const l = field(n, 'left');
    const r = field(n, 'right');
    if (l === null || r === null) return null;
    if (op === '&&') return { op: 'and', left: l, right: r };
    if (op === '||') return { op: 'or', left: l, right: r };
  }
  return null;
}
