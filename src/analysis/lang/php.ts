// PHP for the generic taint walker (tree-sitter-php node kinds). Paths: `$x`, `$this.db` for
// `$this->db`, `$a.k` for `$a['k']`.
import type { SgNode } from '@ast-grep/napi';
import path from 'node:path';
import { field, fieldAll, kids, kindOf, unparenthesize, type ExprView, type FnDef, type LangAdapter, type Logic, type StmtView } from './types.js';

const FUNCTION_KINDS = ['function_definition', 'method_declaration', 'anonymous_function', 'arrow_function'];
const NO_RETURN = new Set(['die', 'exit']);
/** Operators whose result carries no attacker text. */
const CLEAN_BINARY = new Set(['+', '-', '*', '/', '%', '**', '<<', '>>', '&', '|', '^', '==', '===', '!=', '!==', '<>', '<', '>', '<=', '>=', '<=>', '&&', '||', 'and', 'or', 'xor', 'instanceof']);
const NUMERIC_CASTS = /^\(\s*(int|integer|float|double|bool|boolean|real)\s*\)/i;

function body(n: SgNode | null): SgNode[] {
  if (n === null) return [];
  const k = kindOf(n);
  if (k === 'compound_statement' || k === 'colon_block' || k === 'declaration_list') return kids(n);
  return [n];
}

function args(n: SgNode): { pos: SgNode[]; kw: Array<{ name: string; value: SgNode }> } {
  const pos: SgNode[] = [];
  const kw: Array<{ name: string; value: SgNode }> = [];
  for (const a of kids(field(n, 'arguments'))) {
    if (kindOf(a) !== 'argument') {
      pos.push(a);
      continue;
    }
    const name = field(a, 'name');
    const value = kids(a).filter((c) => c !== name && (name === null || c.range().start.index !== name.range().start.index)).pop();
    if (value === undefined) continue;
    if (name !== null) kw.push({ name: `$${name.text()}`, value });
    else pos.push(value);
  }
  return { pos, kw };
}

function paramName(p: SgNode): SgNode | null {
  return field(p, 'name');
}

/** The path an include expression names, when it is built from literals and `__DIR__` (null otherwise). */
function includePath(n: SgNode, dir: string): string | null {
  const k = kindOf(n);
  if (k === 'parenthesized_expression') {
    const c = kids(n);
    return c.length === 1 ? includePath(c[0]!, dir) : null;
  }
  if (k === 'string' || k === 'encapsed_string') {
    const parts = kids(n);
    return parts.every((c) => kindOf(c) === 'string_content' || kindOf(c) === 'string_value') ? parts.map((c) => c.text()).join('') : null;
  }
  if (k === 'name' && n.text() === '__DIR__') return dir;
  if (k === 'function_call_expression' && /^dirname\s*\(\s*__FILE__\s*\)$/.test(n.text())) return dir;
  if (k === 'binary_expression' && field(n, 'operator')?.text() === '.') {
    const l = field(n, 'left');
    const r = field(n, 'right');
    const a = l === null ? null : includePath(l, dir);
    const b = r === null ? null : includePath(r, dir);
    return a === null || b === null ? null : a + b;
  }
  return null;
}

const INCLUDE_KINDS = ['include_expression', 'include_once_expression', 'require_expression', 'require_once_expression'];

export const phpAdapter: LangAdapter = {
  functionKinds: FUNCTION_KINDS,
  selfNames: new Set(['$this', 'self', 'static', 'parent']),
  anyReceiverMethods: false,

  fnDef(n: SgNode): FnDef | null {
    const k = kindOf(n);
    const ps = kids(field(n, 'parameters')).filter((p) => paramName(p) !== null);
    const params = ps.map((p) => paramName(p)!);
    const names: string[] = [];
    const own = field(n, 'name')?.text();
    let exported = false;
    if (own !== undefined) {
      names.push(own);
      if (k === 'method_declaration') {
        const cls = n.ancestors().find((a) => ['class_declaration', 'trait_declaration', 'enum_declaration'].includes(kindOf(a)));
        const cn = cls === undefined ? undefined : field(cls, 'name')?.text();
        if (cn !== undefined) names.push(`${cn}.${own}`);
        exported = !/\b(private|protected)\b/.test(kids(n).filter((c) => kindOf(c) === 'visibility_modifier').map((c) => c.text()).join(' '));
      } else exported = true;
    }
    const b = field(n, 'body');
    return {
      node: n, names, params, paramNames: params.map((p) => p.text()),
      body: k === 'arrow_function' ? (b ?? n) : body(b),
      isMethod: k === 'method_declaration', exported, anonymous: own === undefined,
    };
  },

  stmt(n: SgNode): StmtView {
    const k = kindOf(n);
    switch (k) {
      case 'program':
      case 'compound_statement':
      case 'colon_block':
        return { t: 'block', stmts: kids(n) };
      case 'expression_statement': {
        const e = kids(n)[0];
        if (e === undefined) return { t: 'skip' };
        const ek = kindOf(e);
        if (ek === 'throw_expression') return { t: 'exit', exprs: kids(e) };
        if (ek === 'name' && NO_RETURN.has(e.text().toLowerCase())) return { t: 'exit', exprs: [] };
        return { t: 'expr', exprs: [e] };
      }
      case 'echo_statement':
      case 'unset_statement':
        return { t: 'expr', exprs: kids(n) };
      case 'exit_statement':
        return { t: 'exit', exprs: kids(n) };
      case 'return_statement':
        return { t: 'return', values: kids(n) };
      case 'break_statement':
      case 'continue_statement':
        return { t: 'jump' };
      case 'if_statement': {
        const arms: Array<{ cond: SgNode | null; body: SgNode[] }> = [{ cond: field(n, 'condition'), body: body(field(n, 'body')) }];
        for (const alt of fieldAll(n, 'alternative')) {
          if (kindOf(alt) === 'else_if_clause') arms.push({ cond: field(alt, 'condition'), body: body(field(alt, 'body')) });
          else arms.push({ cond: null, body: body(field(alt, 'body')) });
        }
        return { t: 'if', init: [], arms };
      }
      case 'while_statement':
      case 'do_statement':
        return { t: 'loop', init: [], cond: field(n, 'condition'), body: body(field(n, 'body')), update: [] };
      case 'for_statement':
        return { t: 'loop', init: fieldAll(n, 'initialize'), cond: field(n, 'condition'), body: fieldAll(n, 'body').flatMap((b) => body(b)), update: fieldAll(n, 'update') };
      case 'foreach_statement': {
        const b = field(n, 'body');
        const parts = kids(n).filter((c) => b === null || c.range().start.index !== b.range().start.index);
        const iter = parts[0] ?? null;
        const binding = parts[1];
        let targets: SgNode[] = [];
        if (binding !== undefined) targets = kindOf(binding) === 'pair' ? kids(binding) : [binding];
        return { t: 'foreach', iter, targets: targets.map((t) => (kindOf(t) === 'by_ref' ? kids(t)[0] ?? t : t)), body: body(b) };
      }
      case 'try_statement': {
        const handlers: Array<{ param: SgNode | null; body: SgNode[] }> = [];
        let fin: SgNode[] = [];
        for (const c of kids(n)) {
          if (kindOf(c) === 'catch_clause') handlers.push({ param: field(c, 'name'), body: body(field(c, 'body')) });
          else if (kindOf(c) === 'finally_clause') fin = body(field(c, 'body'));
        }
        return { t: 'try', body: body(field(n, 'body')), handlers, orelse: [], fin };
      }
      case 'switch_statement': {
        const cases = kids(field(n, 'body')).filter((c) => ['case_statement', 'default_statement'].includes(kindOf(c))).map((c) => {
          const value = field(c, 'value');
          return {
            values: value === null ? [] : [value],
            body: kids(c).filter((x) => value === null || x.range().start.index !== value.range().start.index),
            isDefault: kindOf(c) === 'default_statement',
          };
        });
        return { t: 'switch', subject: field(n, 'condition'), cases };
      }
      case 'function_definition':
      case 'class_declaration':
      case 'interface_declaration':
      case 'trait_declaration':
      case 'enum_declaration':
      case 'namespace_definition':
      case 'namespace_use_declaration':
      case 'const_declaration':
      case 'global_declaration':
      case 'static_variable_declaration':
      case 'php_tag':
      case 'text_interpolation':
      case 'comment':
      case 'empty_statement':
      case 'declare_statement':
        return { t: 'skip' };
      default:
        return { t: 'other', parts: kids(n) };
    }
  },

  expr(n: SgNode): ExprView {
    const k = kindOf(n);
    switch (k) {
      case 'variable_name':
        return { t: 'access', obj: null, index: null };
      case 'member_access_expression':
      case 'nullsafe_member_access_expression':
        return { t: 'access', obj: field(n, 'object'), index: null };
      case 'scoped_property_access_expression':
        return { t: 'access', obj: field(n, 'scope'), index: null };
      case 'subscript_expression': {
        const [obj, index] = kids(n);
        return { t: 'access', obj: obj ?? null, index: index ?? null };
      }
      case 'function_call_expression': {
        const fn = field(n, 'function');
        const { pos, kw } = args(n);
        const name = fn !== null && ['name', 'qualified_name'].includes(kindOf(fn)) ? fn.text().replace(/^\\/, '') : null;
        return { t: 'call', callee: fn, recv: null, method: null, name, args: pos, kwargs: kw, isStatic: false };
      }
      case 'member_call_expression':
      case 'nullsafe_member_call_expression': {
        const { pos, kw } = args(n);
        return { t: 'call', callee: null, recv: field(n, 'object'), method: field(n, 'name')?.text() ?? null, name: null, args: pos, kwargs: kw, isStatic: false };
      }
      case 'scoped_call_expression': {
        const { pos, kw } = args(n);
        const scope = field(n, 'scope');
        return { t: 'call', callee: null, recv: scope, method: field(n, 'name')?.text() ?? null, name: null, args: pos, kwargs: kw, isStatic: scope !== null && kindOf(scope) !== 'variable_name' };
      }
      case 'object_creation_expression': {
        const a = kids(n).find((c) => kindOf(c) === 'arguments');
        const pos = kids(a ?? null).map((x) => (kindOf(x) === 'argument' ? kids(x).pop() ?? x : x));
        return { t: 'call', callee: null, recv: null, method: null, name: null, args: pos, kwargs: [], isStatic: false };
      }
      case 'assignment_expression':
      case 'reference_assignment_expression': {
        const l = field(n, 'left');
        const r = field(n, 'right');
        return { t: 'assign', targets: l === null ? [] : [l], values: r === null ? [] : [r], node: n };
      }
      case 'augmented_assignment_expression': {
        const l = field(n, 'left');
        const r = field(n, 'right');
        return { t: 'assign', targets: l === null ? [] : [l], values: r === null ? [] : [r], op: field(n, 'operator')?.text() ?? '', node: n };
      }
      case 'binary_expression': {
        const op = field(n, 'operator')?.text() ?? '';
        const parts = [field(n, 'left'), field(n, 'right')].filter((x): x is SgNode => x !== null);
        return CLEAN_BINARY.has(op.toLowerCase()) ? { t: 'clean', parts } : { t: 'union', parts };
      }
      case 'unary_op_expression': {
        const op = field(n, 'operator')?.text() ?? n.text().trim().charAt(0);
        return ['!', '-', '+', '~'].includes(op) ? { t: 'clean', parts: kids(n) } : { t: 'union', parts: kids(n) };
      }
      case 'cast_expression': {
        const v = field(n, 'value');
        return NUMERIC_CASTS.test(n.text()) ? { t: 'clean', parts: v === null ? [] : [v] } : { t: 'union', parts: v === null ? [] : [v] };
      }
      case 'conditional_expression': {
        const cond = field(n, 'condition');
        const alt = field(n, 'alternative');
        if (cond === null || alt === null) return { t: 'union', parts: kids(n) };
        return { t: 'cond', cond, a: field(n, 'body'), b: alt };
      }
      case 'integer':
      case 'float':
      case 'boolean':
      case 'null':
      case 'string':
      case 'nowdoc':
      case 'name':
      case 'class_constant_access_expression':
      case 'update_expression':
      case 'comment':
        return { t: 'clean', parts: [] };
      case 'anonymous_function':
      case 'arrow_function':
        return { t: 'fn' };
      default:
        // encapsed_string, heredoc, array_creation_expression, parenthesized_expression, argument …
        return { t: 'union', parts: kids(n).filter((c) => !['string_content', 'escape_sequence', 'string_value', 'heredoc_start', 'heredoc_end'].includes(kindOf(c))) };
    }
  },

  path(n: SgNode): string | null {
    const k = kindOf(n);
    if (k === 'variable_name') return n.text();
    if (k === 'parenthesized_expression' || k === 'argument') {
      const c = kids(n);
      return c.length === 1 ? this.path(c[0]!) : null;
    }
    if (k === 'member_access_expression' || k === 'nullsafe_member_access_expression') {
      const o = field(n, 'object');
      const name = field(n, 'name');
      const base = o === null ? null : this.path(o);
      return base === null || name === null || kindOf(name) !== 'name' ? null : `${base}.${name.text()}`;
    }
    if (k === 'subscript_expression') {
      const [o, i] = kids(n);
      if (o === undefined || i === undefined) return null;
      const base = this.path(o);
      if (base === null) return null;
      const ik = kindOf(i);
      if (ik === 'string' || ik === 'encapsed_string') {
        const inner = kids(i);
        if (inner.every((c) => kindOf(c) === 'string_content')) return `${base}.${inner.map((c) => c.text()).join('')}`;
        return null;
      }
      if (ik === 'integer') return `${base}.${i.text()}`;
    }
    return null;
  },

  destructure(n: SgNode): SgNode[] | null {
    const k = kindOf(n);
    if (k !== 'list_literal' && k !== 'array_creation_expression') return null;
    return kids(n).flatMap((c) => (kindOf(c) === 'array_element_initializer' ? [kids(c).pop() ?? c] : [c]));
  },

  logic(n: SgNode): Logic {
    const k = kindOf(n);
    if (k === 'unary_op_expression' && (field(n, 'operator')?.text() ?? n.text().trim().charAt(0)) === '!') {
      const a = field(n, 'argument') ?? kids(n)[0];
      return a === undefined || a === null ? null : { op: 'not', arg: a };
    }
    if (k === 'binary_expression') {
      const op = field(n, 'operator')?.text().toLowerCase();
      const l = field(n, 'left');
      const r = field(n, 'right');
      if (l === null || r === null) return null;
      if (op === '&&' || op === 'and') return { op: 'and', left: l, right: r };
      if (op === '||' || op === 'or') return { op: 'or', left: l, right: r };
    }
    return null;
  },

  unparen: unparenthesize,

  imports(root: SgNode, rel: string) {
    const dir = path.posix.dirname(rel);
    const out: Array<{ local: string | null; member: string | null; candidates: string[] }> = [];
    for (const n of root.findAll({ rule: { any: INCLUDE_KINDS.map((kind) => ({ kind })) } })) {
      const arg = kids(n)[0];
      // `__DIR__` stands for the folder; a plain relative name is tried beside the file, then at the root.
      const marker = '\u0000DIR\u0000';
      const p = arg === undefined ? null : includePath(arg, marker);
      if (p === null) continue;
      const candidates = p.startsWith(marker)
        ? [path.posix.normalize(path.posix.join(dir, p.slice(marker.length)))]
        : [path.posix.normalize(path.posix.join(dir, p)), path.posix.normalize(p)];
      out.push({ local: null, member: null, candidates: candidates.filter((c) => !c.startsWith('..') && !c.startsWith('/')) });
    }
    return out;
  },

  noReturn(call): boolean {
    return call.name !== null && NO_RETURN.has(call.name.toLowerCase());
  },

  frameworkParam(): boolean {
    return false;
  },
};
