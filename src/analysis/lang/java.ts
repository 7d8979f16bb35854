// Java for the generic taint walker (tree-sitter-java node kinds). Paths: `x`, `this.db`, `a.b`.
import type { SgNode } from '@ast-grep/napi';
import path from 'node:path';
import { cLikeLogic, field, fieldAll, kids, kindOf, unparenthesize, type ExprView, type FnDef, type LangAdapter, type StmtView } from './types.js';

const FUNCTION_KINDS = ['method_declaration', 'constructor_declaration', 'lambda_expression'];
const CLEAN_BINARY = new Set(['-', '*', '/', '%', '<<', '>>', '>>>', '&', '|', '^', '==', '!=', '<', '>', '<=', '>=', '&&', '||']);
const NUMERIC_TYPES = /^(int|long|short|byte|double|float|boolean|char|Integer|Long|Double|Float|Boolean)$/;
/** Spring MVC / JAX-RS annotations whose parameter is filled from the request. */
const REQUEST_ANNOTATIONS = /^@(RequestParam|PathVariable|RequestBody|RequestHeader|CookieValue|MatrixVariable|ModelAttribute|RequestPart|QueryParam|PathParam|FormParam|HeaderParam|CookieParam)\b/;

function block(n: SgNode | null): SgNode[] {
  if (n === null) return [];
  return kindOf(n) === 'block' ? kids(n) : [n];
}

function argsOf(n: SgNode): SgNode[] {
  return kids(field(n, 'arguments'));
}

export const javaAdapter: LangAdapter = {
  functionKinds: FUNCTION_KINDS,
  selfNames: new Set(['this', 'super']),
  anyReceiverMethods: false,

  fnDef(n: SgNode): FnDef | null {
    const k = kindOf(n);
    const ps = field(n, 'parameters');
    let params: SgNode[];
    if (ps === null) params = [];
    else if (kindOf(ps) === 'identifier') params = [ps];
    else params = kids(ps).map((p) => (['formal_parameter', 'spread_parameter'].includes(kindOf(p)) ? field(p, 'name') ?? kids(p).filter((c) => kindOf(c) === 'variable_declarator').map((d) => field(d, 'name')).find((x) => x !== null) ?? null : kindOf(p) === 'identifier' ? p : null))
      .filter((x): x is SgNode => x !== null);
    const names: string[] = [];
    const own = k === 'lambda_expression' ? undefined : field(n, 'name')?.text();
    let exported = false;
    if (own !== undefined) {
      names.push(own);
      const cls = n.ancestors().find((a) => ['class_declaration', 'enum_declaration', 'record_declaration', 'interface_declaration'].includes(kindOf(a)));
      const cn = cls === undefined ? undefined : field(cls, 'name')?.text();
      if (cn !== undefined) names.push(`${cn}.${own}`);
      const mods = kids(n).find((c) => kindOf(c) === 'modifiers')?.text() ?? '';
      exported = /\b(public|protected)\b/.test(mods);
    }
    const b = field(n, 'body');
    return {
      node: n, names, params, paramNames: params.map((p) => p.text()),
      body: b === null ? [] : kindOf(b) === 'block' || kindOf(b) === 'constructor_body' ? kids(b) : b,
      isMethod: own !== undefined, exported, anonymous: own === undefined,
    };
  },

  stmt(n: SgNode): StmtView {
    const k = kindOf(n);
    switch (k) {
      case 'block':
      case 'constructor_body':
        return { t: 'block', stmts: kids(n) };
      case 'program':
        return { t: 'block', stmts: [] };
      case 'expression_statement':
        return { t: 'expr', exprs: kids(n) };
      case 'local_variable_declaration': {
        const decls = fieldAll(n, 'declarator');
        const targets: SgNode[] = [];
        const values: SgNode[] = [];
        for (const d of decls) {
          const name = field(d, 'name');
          const value = field(d, 'value');
          if (name === null) continue;
          targets.push(name);
          // No initial value: the declaration node itself evaluates as clean.
          values.push(value ?? n);
        }
        return { t: 'assign', targets, values, node: n };
      }
      case 'return_statement':
        return { t: 'return', values: kids(n) };
      case 'throw_statement':
        return { t: 'exit', exprs: kids(n) };
      case 'break_statement':
      case 'continue_statement':
      case 'yield_statement':
        return { t: 'jump' };
      case 'if_statement': {
        const arms: Array<{ cond: SgNode | null; body: SgNode[] }> = [];
        let cur: SgNode | null = n;
        while (cur !== null && kindOf(cur) === 'if_statement') {
          arms.push({ cond: field(cur, 'condition'), body: block(field(cur, 'consequence')) });
          const alt: SgNode | null = field(cur, 'alternative');
          if (alt !== null && kindOf(alt) !== 'if_statement') arms.push({ cond: null, body: block(alt) });
          cur = alt;
        }
        return { t: 'if', init: [], arms };
      }
      case 'while_statement':
      case 'do_statement':
        return { t: 'loop', init: [], cond: field(n, 'condition'), body: block(field(n, 'body')), update: [] };
      case 'for_statement':
        return { t: 'loop', init: fieldAll(n, 'init'), cond: field(n, 'condition'), body: block(field(n, 'body')), update: fieldAll(n, 'update') };
      case 'enhanced_for_statement': {
        const name = field(n, 'name');
        return { t: 'foreach', iter: field(n, 'value'), targets: name === null ? [] : [name], body: block(field(n, 'body')) };
      }
      case 'try_statement':
      case 'try_with_resources_statement': {
        const handlers: Array<{ param: SgNode | null; body: SgNode[] }> = [];
        let fin: SgNode[] = [];
        const pre: SgNode[] = kids(field(n, 'resources'));
        for (const c of kids(n)) {
          if (kindOf(c) === 'catch_clause') {
            const p = kids(c).find((x) => kindOf(x) === 'catch_formal_parameter');
            handlers.push({ param: p === undefined ? null : field(p, 'name'), body: block(field(c, 'body')) });
          } else if (kindOf(c) === 'finally_clause') fin = block(kids(c).find((x) => kindOf(x) === 'block') ?? null);
        }
        return { t: 'try', body: [...pre, ...block(field(n, 'body'))], handlers, orelse: [], fin };
      }
      case 'resource': {
        const name = field(n, 'name');
        const value = field(n, 'value');
        if (name === null || value === null) return { t: 'other', parts: kids(n) };
        return { t: 'assign', targets: [name], values: [value], node: n };
      }
      case 'switch_expression':
      case 'switch_statement': {
        const cases = kids(field(n, 'body')).filter((c) => ['switch_block_statement_group', 'switch_rule'].includes(kindOf(c))).map((c) => {
          const labels = kids(c).filter((x) => kindOf(x) === 'switch_label');
          return {
            values: labels.flatMap((l) => kids(l)),
            body: kids(c).filter((x) => kindOf(x) !== 'switch_label'),
            isDefault: labels.some((l) => /^default\b/.test(l.text())),
          };
        });
        return { t: 'switch', subject: field(n, 'condition'), cases };
      }
      case 'labeled_statement':
        return { t: 'block', stmts: kids(n).filter((c) => kindOf(c) !== 'identifier') };
      case 'method_declaration':
      case 'constructor_declaration':
      case 'class_declaration':
      case 'interface_declaration':
      case 'enum_declaration':
      case 'record_declaration':
      case 'import_declaration':
      case 'package_declaration':
      case 'local_class_declaration':
      case 'line_comment':
      case 'block_comment':
      case ';':
        return { t: 'skip' };
      default:
        return { t: 'other', parts: kids(n) };
    }
  },

  expr(n: SgNode): ExprView {
    const k = kindOf(n);
    switch (k) {
      case 'identifier':
      case 'this':
        return { t: 'access', obj: null, index: null };
      case 'field_access':
        return { t: 'access', obj: field(n, 'object'), index: null };
      case 'array_access':
        return { t: 'access', obj: field(n, 'array'), index: field(n, 'index') };
      case 'method_invocation': {
        const obj = field(n, 'object');
        const name = field(n, 'name')?.text() ?? null;
        if (obj === null) return { t: 'call', callee: null, recv: null, method: null, name, args: argsOf(n), kwargs: [], isStatic: false };
        const isStatic = kindOf(obj) === 'identifier' && /^[A-Z]/.test(obj.text());
        return { t: 'call', callee: null, recv: obj, method: name, name: null, args: argsOf(n), kwargs: [], isStatic };
      }
      case 'object_creation_expression':
        return { t: 'call', callee: null, recv: null, method: null, name: null, args: argsOf(n), kwargs: [], isStatic: false };
      case 'assignment_expression': {
        const l = field(n, 'left');
        const r = field(n, 'right');
        const op = field(n, 'operator')?.text() ?? '=';
        return { t: 'assign', targets: l === null ? [] : [l], values: r === null ? [] : [r], ...(op === '=' ? {} : { op }), node: n };
      }
      case 'binary_expression': {
        const op = field(n, 'operator')?.text() ?? '';
        const parts = [field(n, 'left'), field(n, 'right')].filter((x): x is SgNode => x !== null);
        return CLEAN_BINARY.has(op) ? { t: 'clean', parts } : { t: 'union', parts };
      }
      case 'unary_expression':
      case 'update_expression':
      case 'instanceof_expression':
        return { t: 'clean', parts: kids(n) };
      case 'cast_expression': {
        const v = field(n, 'value');
        const ty = fieldAll(n, 'type').map((x) => x.text()).join('');
        return NUMERIC_TYPES.test(ty) ? { t: 'clean', parts: v === null ? [] : [v] } : { t: 'union', parts: v === null ? [] : [v] };
      }
      case 'ternary_expression': {
        const cond = field(n, 'condition');
        const a = field(n, 'consequence');
        const b = field(n, 'alternative');
        if (cond === null || b === null) return { t: 'union', parts: kids(n) };
        return { t: 'cond', cond, a, b };
      }
      case 'string_literal':
      case 'character_literal':
      case 'decimal_integer_literal':
      case 'hex_integer_literal':
      case 'octal_integer_literal':
      case 'binary_integer_literal':
      case 'decimal_floating_point_literal':
      case 'hex_floating_point_literal':
      case 'true':
      case 'false':
      case 'null_literal':
      case 'class_literal':
      case 'type_identifier':
      case 'line_comment':
      case 'block_comment':
        return { t: 'clean', parts: [] };
      case 'lambda_expression':
        return { t: 'fn' };
      case 'local_variable_declaration':
        return { t: 'clean', parts: [] };
      default:
        // parenthesized_expression, array_initializer, array_creation_expression, method_reference …
        return { t: 'union', parts: kids(n).filter((c) => !['type_identifier', 'generic_type', 'dimensions'].includes(kindOf(c))) };
    }
  },

  path(n: SgNode): string | null {
    const k = kindOf(n);
    if (k === 'identifier' || k === 'this') return n.text();
    if (k === 'parenthesized_expression') {
      const c = kids(n);
      return c.length === 1 ? this.path(c[0]!) : null;
    }
    if (k === 'field_access') {
      const o = field(n, 'object');
      const f = field(n, 'field');
      const base = o === null ? null : this.path(o);
      return base === null || f === null ? null : `${base}.${f.text()}`;
    }
    if (k === 'array_access') {
      const o = field(n, 'array');
      const i = field(n, 'index');
      const base = o === null ? null : this.path(o);
      return base !== null && i !== null && kindOf(i) === 'decimal_integer_literal' ? `${base}.${i.text()}` : null;
    }
    return null;
  },

  destructure(): SgNode[] | null {
    return null;
  },

  logic: cLikeLogic,

  unparen: unparenthesize,

  siblings: 'classes',

  imports(root: SgNode, rel: string) {
    // `package a.b;` in src/main/java/a/b/X.java: the source root is src/main/java.
    const pkg = root.findAll({ rule: { kind: 'package_declaration' } })[0]?.text().replace(/^package\s+|;\s*$/g, '').trim() ?? '';
    let srcRoot = path.posix.dirname(rel);
    const segs = pkg === '' ? [] : pkg.split('.');
    if (segs.length > 0 && srcRoot.split('/').slice(-segs.length).join('.') === pkg) srcRoot = srcRoot.split('/').slice(0, -segs.length).join('/') || '.';
    const out: Array<{ local: string | null; member: string | null; candidates: string[] }> = [];
    for (const n of root.findAll({ rule: { kind: 'import_declaration' } })) {
      const name = n.text().replace(/^import\s+(static\s+)?|;\s*$/g, '').trim();
      if (name.endsWith('*')) continue;
      const isStatic = /^import\s+static\b/.test(n.text());
      const parts = name.split('.');
      // `import a.b.Util;` binds Util; `import static a.b.Util.f;` binds f to Util's f.
      const cls = isStatic ? parts.slice(0, -1) : parts;
      const file = path.posix.normalize(path.posix.join(srcRoot, ...cls)) + '.java';
      out.push(isStatic ? { local: parts.at(-1)!, member: parts.at(-1)!, candidates: [file] } : { local: parts.at(-1)!, member: null, candidates: [file] });
    }
    return out;
  },

  noReturn(call): boolean {
    return call.recv !== null && call.recv.text() === 'System' && call.method === 'exit';
  },

  frameworkParam(fn: FnDef, index: number): boolean {
    const p = fn.params[index]?.parent();
    if (p === null || p === undefined || kindOf(p) !== 'formal_parameter') return false;
    // A numeric parameter is converted by the framework: no attacker text reaches the method.
    if (NUMERIC_TYPES.test(field(p, 'type')?.text() ?? '')) return false;
    const mods = kids(p).find((c) => kindOf(c) === 'modifiers');
    return mods !== undefined && kids(mods).some((a) => REQUEST_ANNOTATIONS.test(a.text()));
  },
};
