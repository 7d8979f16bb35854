// Python for the generic taint walker (tree-sitter-python node kinds). Paths: `x`, `self.db`,
// `d.k` for `d['k']`.
import type { SgNode } from '@ast-grep/napi';
import path from 'node:path';
import { field, fieldAll, kids, kindOf, unparenthesize, type ExprView, type FnDef, type LangAdapter, type Logic, type StmtView } from './types.js';

const FUNCTION_KINDS = ['function_definition', 'lambda'];
const NO_RETURN = new Set(['abort', 'sys.exit', 'exit', 'quit', 'os._exit', 'os.abort', 'flask.abort']);
const CLEAN_BINARY = new Set(['-', '*', '/', '//', '**', '<<', '>>', '&', '|', '^', '@']);
/** Decorators that make a function a web route whose parameters come from the request. */
const ROUTE_DECORATOR = /\.(route|get|post|put|patch|delete|api_route|websocket|head|options)\s*\(/;

function block(n: SgNode | null): SgNode[] {
  if (n === null) return [];
  return kindOf(n) === 'block' ? kids(n) : [n];
}

function paramNode(p: SgNode): SgNode | null {
  const k = kindOf(p);
  if (k === 'identifier') return p;
  if (k === 'default_parameter' || k === 'typed_default_parameter') return field(p, 'name');
  if (k === 'typed_parameter' || k === 'list_splat_pattern' || k === 'dictionary_splat_pattern') return kids(p).find((c) => kindOf(c) === 'identifier') ?? null;
  return null;
}

function isMethod(fn: SgNode): boolean {
  let p = fn.parent();
  if (p !== null && kindOf(p) === 'decorated_definition') p = p.parent();
  return p !== null && kindOf(p) === 'block' && p.parent() !== null && kindOf(p.parent()!) === 'class_definition';
}

function decorators(fn: SgNode): string[] {
  const p = fn.parent();
  return p !== null && kindOf(p) === 'decorated_definition' ? kids(p).filter((c) => kindOf(c) === 'decorator').map((c) => c.text()) : [];
}

/** Candidate files of a module name (`helpers`, `app.db`, `.helpers`, `..util`) imported from `rel`. */
function moduleFiles(mod: string, rel: string): string[] {
  const m = /^(\.*)(.*)$/.exec(mod)!;
  const dots = m[1]!.length;
  const parts = m[2] === '' ? [] : m[2]!.split('.');
  let bases: string[];
  if (dots > 0) {
    let d = path.posix.dirname(rel);
    for (let i = 1; i < dots; i++) d = path.posix.dirname(d);
    bases = [d];
  } else bases = [path.posix.dirname(rel), '.'];
  return bases.flatMap((b) => {
    const p = path.posix.normalize(path.posix.join(b, ...parts));
    return p === '.' ? ['__init__.py'] : [`${p}.py`, `${p}/__init__.py`];
  }).filter((p) => !p.startsWith('..'));
}

export const pythonAdapter: LangAdapter = {
  functionKinds: FUNCTION_KINDS,
  selfNames: new Set(['self', 'cls']),
  anyReceiverMethods: false,

  fnDef(n: SgNode): FnDef | null {
    const k = kindOf(n);
    const method = k === 'function_definition' && isMethod(n);
    let ps = kids(field(n, 'parameters')).map((p) => ({ p, name: paramNode(p) }));
    const staticMethod = decorators(n).some((d) => /staticmethod/.test(d));
    if (method && !staticMethod && ps.length > 0 && ['self', 'cls'].includes(ps[0]!.name?.text() ?? '')) ps = ps.slice(1);
    const params = ps.map((x) => x.name).filter((x): x is SgNode => x !== null);
    const own = k === 'function_definition' ? field(n, 'name')?.text() : undefined;
    const names: string[] = [];
    if (own !== undefined) {
      names.push(own);
      if (method) {
        let cls = n.parent();
        while (cls !== null && kindOf(cls) !== 'class_definition') cls = cls.parent();
        const cn = cls === null ? undefined : field(cls, 'name')?.text();
        if (cn !== undefined) names.push(`${cn}.${own}`);
      }
    }
    const b = field(n, 'body');
    return {
      node: n, names, params, paramNames: params.map((p) => p.text()),
      body: k === 'lambda' ? (b ?? n) : block(b),
      isMethod: method, exported: own !== undefined && !own.startsWith('_'), anonymous: own === undefined,
    };
  },

  stmt(n: SgNode): StmtView {
    const k = kindOf(n);
    switch (k) {
      case 'module':
      case 'block':
        return { t: 'block', stmts: kids(n) };
      case 'expression_statement': {
        const es = kids(n);
        const one = es[0];
        if (es.length === 1 && one !== undefined && ['assignment', 'augmented_assignment'].includes(kindOf(one))) return this.stmt(one);
        return { t: 'expr', exprs: es };
      }
      case 'assignment': {
        const l = field(n, 'left');
        const r = field(n, 'right');
        if (l === null || r === null) return { t: 'skip' };
        // `a = b = x`: the right side is itself an assignment, evaluated as an expression.
        return { t: 'assign', targets: [l], values: [r], node: n };
      }
      case 'augmented_assignment': {
        const l = field(n, 'left');
        const r = field(n, 'right');
        return { t: 'assign', targets: l === null ? [] : [l], values: r === null ? [] : [r], op: field(n, 'operator')?.text() ?? '', node: n };
      }
      case 'return_statement':
        return { t: 'return', values: kids(n) };
      case 'raise_statement':
        return { t: 'exit', exprs: kids(n) };
      case 'break_statement':
      case 'continue_statement':
        return { t: 'jump' };
      case 'if_statement': {
        const arms: Array<{ cond: SgNode | null; body: SgNode[] }> = [{ cond: field(n, 'condition'), body: block(field(n, 'consequence')) }];
        for (const alt of fieldAll(n, 'alternative')) {
          if (kindOf(alt) === 'elif_clause') arms.push({ cond: field(alt, 'condition'), body: block(field(alt, 'consequence')) });
          else arms.push({ cond: null, body: block(field(alt, 'body')) });
        }
        return { t: 'if', init: [], arms };
      }
      case 'while_statement':
        return { t: 'loop', init: [], cond: field(n, 'condition'), body: block(field(n, 'body')), update: [] };
      case 'for_statement': {
        const left = field(n, 'left');
        return { t: 'foreach', iter: field(n, 'right'), targets: left === null ? [] : [left], body: block(field(n, 'body')) };
      }
      case 'try_statement': {
        const handlers: Array<{ param: SgNode | null; body: SgNode[] }> = [];
        let orelse: SgNode[] = [];
        let fin: SgNode[] = [];
        for (const c of kids(n)) {
          const ck = kindOf(c);
          if (ck === 'except_clause' || ck === 'except_group_clause') handlers.push({ param: field(c, 'alias'), body: block(kids(c).find((x) => kindOf(x) === 'block') ?? null) });
          else if (ck === 'else_clause') orelse = block(field(c, 'body'));
          else if (ck === 'finally_clause') fin = block(kids(c).find((x) => kindOf(x) === 'block') ?? null);
        }
        return { t: 'try', body: block(field(n, 'body')), handlers, orelse, fin };
      }
      case 'with_statement': {
        const items: Array<{ value: SgNode; target: SgNode | null }> = [];
        for (const clause of kids(n).filter((c) => kindOf(c) === 'with_clause')) {
          for (const it of kids(clause)) {
            const v = field(it, 'value') ?? kids(it)[0];
            if (v === undefined || v === null) continue;
            if (kindOf(v) === 'as_pattern') {
              const [value, target] = kids(v);
              if (value !== undefined) items.push({ value, target: target === undefined ? null : kids(target)[0] ?? target });
            } else items.push({ value: v, target: null });
          }
        }
        return { t: 'with', items, body: block(field(n, 'body')) };
      }
      case 'match_statement': {
        const subject = field(n, 'subject');
        const cases = kids(field(n, 'body')).filter((c) => kindOf(c) === 'case_clause').map((c) => ({
          values: [], body: block(field(c, 'consequence')), isDefault: /^case\s+_\s*:/.test(c.text()),
        }));
        return { t: 'switch', subject, cases };
      }
      case 'function_definition':
      case 'class_definition':
      case 'decorated_definition':
      case 'import_statement':
      case 'import_from_statement':
      case 'future_import_statement':
      case 'global_statement':
      case 'nonlocal_statement':
      case 'pass_statement':
      case 'comment':
        return { t: 'skip' };
      case 'assert_statement':
        return { t: 'expr', exprs: kids(n) };
      default:
        return { t: 'other', parts: kids(n) };
    }
  },

  expr(n: SgNode): ExprView {
    const k = kindOf(n);
    switch (k) {
      case 'identifier':
        return ['None', 'True', 'False'].includes(n.text()) ? { t: 'clean', parts: [] } : { t: 'access', obj: null, index: null };
      case 'attribute':
        return { t: 'access', obj: field(n, 'object'), index: null };
      case 'subscript': {
        const subs = fieldAll(n, 'subscript');
        return { t: 'access', obj: field(n, 'value'), index: subs.length === 1 ? subs[0]! : null };
      }
      case 'call': {
        const fn = field(n, 'function');
        const pos: SgNode[] = [];
        const kw: Array<{ name: string; value: SgNode }> = [];
        const argList = field(n, 'arguments');
        for (const a of kids(argList)) {
          if (kindOf(a) === 'keyword_argument') {
            const name = field(a, 'name')?.text();
            const value = field(a, 'value');
            if (name !== undefined && value !== null) kw.push({ name, value });
          } else pos.push(a);
        }
        if (argList !== null && kindOf(argList) === 'generator_expression') pos.push(argList);
        if (fn !== null && kindOf(fn) === 'attribute') {
          const recv = field(fn, 'object');
          const isStatic = recv !== null && kindOf(recv) === 'identifier' && /^[A-Z]/.test(recv.text());
          return { t: 'call', callee: fn, recv, method: field(fn, 'attribute')?.text() ?? null, name: null, args: pos, kwargs: kw, isStatic };
        }
        const name = fn !== null && kindOf(fn) === 'identifier' ? fn.text() : null;
        return { t: 'call', callee: fn, recv: null, method: null, name, args: pos, kwargs: kw, isStatic: false };
      }
      case 'assignment':
      case 'named_expression': {
        const l = field(n, 'left') ?? field(n, 'name');
        const r = field(n, 'right') ?? field(n, 'value');
        return { t: 'assign', targets: l === null ? [] : [l], values: r === null ? [] : [r], node: n };
      }
      case 'augmented_assignment': {
        const l = field(n, 'left');
        const r = field(n, 'right');
        return { t: 'assign', targets: l === null ? [] : [l], values: r === null ? [] : [r], op: field(n, 'operator')?.text() ?? '', node: n };
      }
      case 'binary_operator': {
        const op = field(n, 'operator')?.text() ?? '';
        const parts = [field(n, 'left'), field(n, 'right')].filter((x): x is SgNode => x !== null);
        return CLEAN_BINARY.has(op) ? { t: 'clean', parts } : { t: 'union', parts };
      }
      case 'comparison_operator':
      case 'not_operator':
      case 'boolean_operator':
      case 'unary_operator':
        // `a or b` yields a or b: keep their taint; `not`, comparisons and `-x` carry none.
        return k === 'boolean_operator' ? { t: 'union', parts: kids(n) } : { t: 'clean', parts: kids(n) };
      case 'conditional_expression': {
        const [a, cond, b] = kids(n);
        if (a === undefined || cond === undefined || b === undefined) return { t: 'union', parts: kids(n) };
        return { t: 'cond', cond, a, b };
      }
      case 'string': {
        // f-strings: the interpolations' expressions; plain strings are constants.
        const parts = kids(n).filter((c) => kindOf(c) === 'interpolation').map((c) => field(c, 'expression')).filter((x): x is SgNode => x !== null);
        return parts.length === 0 ? { t: 'clean', parts: [] } : { t: 'union', parts };
      }
      case 'integer':
      case 'float':
      case 'true':
      case 'false':
      case 'none':
      case 'ellipsis':
      case 'comment':
        return { t: 'clean', parts: [] };
      case 'list_comprehension':
      case 'set_comprehension':
      case 'generator_expression':
      case 'dictionary_comprehension': {
        const clauses = kids(n).filter((c) => kindOf(c) === 'for_in_clause').map((c) => ({
          targets: fieldAll(c, 'left'), iter: fieldAll(c, 'right')[0] ?? c,
        }));
        const b = field(n, 'body');
        return { t: 'comp', clauses, parts: b === null ? [] : [b] };
      }
      case 'lambda':
        return { t: 'fn' };
      case 'keyword_argument': {
        const v = field(n, 'value');
        return { t: 'union', parts: v === null ? [] : [v] };
      }
      default:
        // concatenated_string, list, tuple, dictionary, pair, parenthesized_expression, await, …
        return { t: 'union', parts: kids(n) };
    }
  },

  path(n: SgNode): string | null {
    const k = kindOf(n);
    if (k === 'identifier') return n.text();
    if (k === 'parenthesized_expression') {
      const c = kids(n);
      return c.length === 1 ? this.path(c[0]!) : null;
    }
    if (k === 'attribute') {
      const o = field(n, 'object');
      const a = field(n, 'attribute');
      const base = o === null ? null : this.path(o);
      return base === null || a === null ? null : `${base}.${a.text()}`;
    }
    if (k === 'subscript') {
      const o = field(n, 'value');
      const subs = fieldAll(n, 'subscript');
      const base = o === null ? null : this.path(o);
      if (base === null || subs.length !== 1) return null;
      const i = subs[0]!;
      if (kindOf(i) === 'integer') return `${base}.${i.text()}`;
      if (kindOf(i) === 'string' && kids(i).every((c) => kindOf(c) !== 'interpolation')) {
        return `${base}.${kids(i).filter((c) => kindOf(c) === 'string_content').map((c) => c.text()).join('')}`;
      }
    }
    return null;
  },

  destructure(n: SgNode): SgNode[] | null {
    const k = kindOf(n);
    if (['pattern_list', 'tuple_pattern', 'list_pattern', 'expression_list', 'tuple', 'list'].includes(k)) return kids(n);
    if (k === 'list_splat_pattern') return kids(n);
    return null;
  },

  logic(n: SgNode): Logic {
    const k = kindOf(n);
    if (k === 'not_operator') {
      const a = field(n, 'argument');
      return a === null ? null : { op: 'not', arg: a };
    }
    if (k === 'boolean_operator') {
      const op = field(n, 'operator')?.text();
      const l = field(n, 'left');
      const r = field(n, 'right');
      if (l === null || r === null) return null;
      return op === 'and' ? { op: 'and', left: l, right: r } : op === 'or' ? { op: 'or', left: l, right: r } : null;
    }
    return null;
  },

  unparen: unparenthesize,

  imports(root: SgNode, rel: string) {
    const out: Array<{ local: string | null; member: string | null; candidates: string[] }> = [];
    for (const n of root.findAll({ rule: { kind: 'import_from_statement' } })) {
      const mod = field(n, 'module_name')?.text() ?? '';
      for (const name of fieldAll(n, 'name')) {
        const aliased = kindOf(name) === 'aliased_import';
        const member = (aliased ? field(name, 'name') : name)?.text() ?? '';
        const local = aliased ? field(name, 'alias')?.text() ?? member : member;
        // `from pkg import name`: a function of pkg, or the submodule pkg/name.py.
        out.push({ local, member, candidates: moduleFiles(mod, rel) });
        out.push({ local, member: null, candidates: moduleFiles(mod.endsWith('.') ? `${mod}${member}` : `${mod}.${member}`, rel) });
      }
    }
    for (const n of root.findAll({ rule: { kind: 'import_statement' } })) {
      for (const name of fieldAll(n, 'name')) {
        const aliased = kindOf(name) === 'aliased_import';
        const mod = (aliased ? field(name, 'name') : name)?.text() ?? '';
        out.push({ local: aliased ? field(name, 'alias')?.text() ?? mod : mod, member: null, candidates: moduleFiles(mod, rel) });
      }
    }
    return out;
  },

  noReturn(call): boolean {
    const text = call.name ?? (call.callee === null ? '' : call.callee.text());
    return NO_RETURN.has(text);
  },

  frameworkParam(fn: FnDef, index: number): boolean {
    if (fn.anonymous || !decorators(fn.node).some((d) => ROUTE_DECORATOR.test(d))) return false;
    const name = fn.paramNames[index];
    if (name === undefined || ['request', 'req', 'db', 'session', 'background_tasks', 'response'].includes(name)) return false;
    // FastAPI dependencies (`db: Session = Depends(get_db)`) are not request data.
    const p = fn.params[index]?.parent();
    if (p === null || p === undefined || kindOf(p) === 'parameters') return true;
    // A parameter typed as a number is converted by the framework (FastAPI); a dependency is not request data.
    const ty = field(p, 'type')?.text() ?? '';
    return !/^(int|float|bool)$/.test(ty) && !/Depends\s*\(/.test(p.text());
  },
};
