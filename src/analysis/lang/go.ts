// Go for the generic taint walker (tree-sitter-go node kinds). Paths: `x`, `s.db`, `m.k` for
// `m["k"]`. Method calls resolve to local methods of that name whatever the receiver variable.
import type { SgNode } from '@ast-grep/napi';
import { cLikeLogic, field, fieldAll, kids, kindOf, unparenthesize, type ExprView, type FnDef, type LangAdapter, type StmtView } from './types.js';

const FUNCTION_KINDS = ['function_declaration', 'method_declaration', 'func_literal'];
const NO_RETURN = new Set(['panic', 'os.Exit', 'log.Fatal', 'log.Fatalf', 'log.Fatalln', 'log.Panic', 'log.Panicf', 'log.Panicln']);
const CLEAN_BINARY = new Set(['-', '*', '/', '%', '<<', '>>', '&', '|', '^', '&^', '==', '!=', '<', '>', '<=', '>=', '&&', '||']);
const NUMERIC_CONVERSIONS = /^(int|int8|int16|int32|int64|uint|uint8|uint16|uint32|uint64|float32|float64|bool|byte|rune)$/;

function block(n: SgNode | null): SgNode[] {
  if (n === null) return [];
  if (kindOf(n) === 'block') return kids(n).flatMap((c) => (kindOf(c) === 'statement_list' ? kids(c) : [c]));
  if (kindOf(n) === 'statement_list') return kids(n);
  return [n];
}

function list(n: SgNode | null): SgNode[] {
  if (n === null) return [];
  return kindOf(n) === 'expression_list' ? kids(n) : [n];
}

export const goAdapter: LangAdapter = {
  functionKinds: FUNCTION_KINDS,
  selfNames: new Set<string>(),
  anyReceiverMethods: true,
  siblings: 'package',

  fnDef(n: SgNode): FnDef | null {
    const k = kindOf(n);
    const params: SgNode[] = [];
    for (const d of kids(field(n, 'parameters'))) {
      if (!['parameter_declaration', 'variadic_parameter_declaration'].includes(kindOf(d))) continue;
      params.push(...fieldAll(d, 'name'));
    }
    const own = k === 'func_literal' ? undefined : field(n, 'name')?.text();
    const names: string[] = [];
    if (own !== undefined) {
      names.push(own);
      if (k === 'method_declaration') {
        const recvType = field(n, 'receiver')?.text().match(/([A-Za-z_]\w*)\s*(\[[^\]]*\])?\s*\)$/)?.[1];
        if (recvType !== undefined) names.push(`${recvType}.${own}`);
      }
    }
    return {
      node: n, names, params, paramNames: params.map((p) => p.text()),
      body: block(field(n, 'body')),
      isMethod: k === 'method_declaration', exported: own !== undefined && /^[A-Z]/.test(own), anonymous: own === undefined,
    };
  },

  stmt(n: SgNode): StmtView {
    const k = kindOf(n);
    switch (k) {
      case 'source_file':
        // Top level holds declarations only: functions are walked on their own.
        return { t: 'block', stmts: kids(n).filter((c) => ['var_declaration', 'const_declaration'].includes(kindOf(c))) };
      case 'block':
      case 'statement_list':
        return { t: 'block', stmts: block(n) };
      case 'expression_statement':
      case 'go_statement':
      case 'defer_statement':
        return { t: 'expr', exprs: kids(n) };
      case 'short_var_declaration':
      case 'assignment_statement': {
        const op = field(n, 'operator')?.text();
        const compound = op !== undefined && op !== '=' && op !== ':=';
        return { t: 'assign', targets: list(field(n, 'left')), values: list(field(n, 'right')), ...(compound ? { op } : {}), node: n };
      }
      case 'var_declaration':
      case 'const_declaration':
        return { t: 'block', stmts: kids(n).flatMap((c) => (kindOf(c) === 'var_spec_list' ? kids(c) : [c])) };
      case 'var_spec':
      case 'const_spec': {
        const names = fieldAll(n, 'name');
        const values = list(field(n, 'value'));
        return { t: 'assign', targets: names, values: values.length > 0 ? values : names.map(() => n), node: n };
      }
      case 'return_statement':
        return { t: 'return', values: kids(n).flatMap((c) => list(c)) };
      case 'break_statement':
      case 'continue_statement':
      case 'goto_statement':
      case 'fallthrough_statement':
        return { t: 'jump' };
      case 'if_statement': {
        const arms: Array<{ cond: SgNode | null; body: SgNode[] }> = [];
        const init: SgNode[] = [];
        let cur: SgNode | null = n;
        while (cur !== null && kindOf(cur) === 'if_statement') {
          const i = field(cur, 'initializer');
          if (i !== null) init.push(i);
          arms.push({ cond: field(cur, 'condition'), body: block(field(cur, 'consequence')) });
          const alt: SgNode | null = field(cur, 'alternative');
          if (alt !== null && kindOf(alt) !== 'if_statement') arms.push({ cond: null, body: block(alt) });
          cur = alt;
        }
        return { t: 'if', init, arms };
      }
      case 'for_statement': {
        const b = block(field(n, 'body'));
        const clause = kids(n).find((c) => ['for_clause', 'range_clause'].includes(kindOf(c)));
        if (clause !== undefined && kindOf(clause) === 'range_clause') {
          return { t: 'foreach', iter: field(clause, 'right'), targets: list(field(clause, 'left')), body: b };
        }
        if (clause !== undefined) {
          const i = field(clause, 'initializer');
          const u = field(clause, 'update');
          return { t: 'loop', init: i === null ? [] : [i], cond: field(clause, 'condition'), body: b, update: u === null ? [] : [u] };
        }
        const cond = kids(n).find((c) => kindOf(c) !== 'block') ?? null;
        return { t: 'loop', init: [], cond, body: b, update: [] };
      }
      case 'expression_switch_statement':
      case 'type_switch_statement':
      case 'select_statement': {
        const cases = kids(n).filter((c) => ['expression_case', 'default_case', 'type_case', 'communication_case'].includes(kindOf(c))).map((c) => {
          const v = field(c, 'value') ?? field(c, 'communication');
          return {
            values: v === null || kindOf(c) === 'type_case' ? [] : [v],
            body: kids(c).flatMap((x) => (kindOf(x) === 'statement_list' ? kids(x) : [])),
            isDefault: kindOf(c) === 'default_case',
          };
        });
        const init = field(n, 'initializer');
        return { t: 'switch', subject: kindOf(n) === 'expression_switch_statement' ? (field(n, 'value') ?? init) : init, cases };
      }
      case 'labeled_statement':
        return { t: 'block', stmts: kids(n).filter((c) => kindOf(c) !== 'label_name') };
      case 'inc_statement':
      case 'dec_statement':
      case 'empty_statement':
      case 'function_declaration':
      case 'method_declaration':
      case 'type_declaration':
      case 'import_declaration':
      case 'package_clause':
      case 'comment':
        return { t: 'skip' };
      default:
        return { t: 'other', parts: kids(n) };
    }
  },

  expr(n: SgNode): ExprView {
    const k = kindOf(n);
    switch (k) {
      case 'identifier':
        return ['nil', 'true', 'false', 'iota'].includes(n.text()) ? { t: 'clean', parts: [] } : { t: 'access', obj: null, index: null };
      case 'selector_expression':
        return { t: 'access', obj: field(n, 'operand'), index: null };
      case 'index_expression':
        return { t: 'access', obj: field(n, 'operand'), index: field(n, 'index') };
      case 'call_expression': {
        const fn = field(n, 'function');
        const args = kids(field(n, 'arguments')).filter((a) => !kindOf(a).endsWith('_type') && kindOf(a) !== 'type_identifier');
        if (fn !== null && kindOf(fn) === 'selector_expression') {
          const recv = field(fn, 'operand');
          const method = field(fn, 'field')?.text() ?? null;
          return { t: 'call', callee: fn, recv, method, name: null, args, kwargs: [], isStatic: false };
        }
        const name = fn !== null && kindOf(fn) === 'identifier' ? fn.text() : null;
        if (name !== null && NUMERIC_CONVERSIONS.test(name)) return { t: 'clean', parts: args };
        return { t: 'call', callee: fn, recv: null, method: null, name, args, kwargs: [], isStatic: false };
      }
      case 'type_conversion_expression': {
        const o = field(n, 'operand');
        const ty = field(n, 'type')?.text() ?? '';
        return NUMERIC_CONVERSIONS.test(ty) ? { t: 'clean', parts: o === null ? [] : [o] } : { t: 'union', parts: o === null ? [] : [o] };
      }
      case 'binary_expression': {
        const op = field(n, 'operator')?.text() ?? '';
        const parts = [field(n, 'left'), field(n, 'right')].filter((x): x is SgNode => x !== null);
        return CLEAN_BINARY.has(op) ? { t: 'clean', parts } : { t: 'union', parts };
      }
      case 'unary_expression': {
        const op = field(n, 'operator')?.text() ?? '';
        const o = field(n, 'operand');
        // `&x`, `*p`, `<-ch` keep the value; `!x`, `-x` do not.
        return ['&', '*', '<-'].includes(op) ? { t: 'union', parts: o === null ? [] : [o] } : { t: 'clean', parts: o === null ? [] : [o] };
      }
      case 'interpreted_string_literal':
      case 'raw_string_literal':
      case 'rune_literal':
      case 'int_literal':
      case 'float_literal':
      case 'imaginary_literal':
      case 'true':
      case 'false':
      case 'nil':
      case 'iota':
      case 'comment':
      case 'type_identifier':
        return { t: 'clean', parts: [] };
      case 'func_literal':
        return { t: 'fn' };
      case 'composite_literal': {
        const b = field(n, 'body');
        return { t: 'union', parts: b === null ? [] : [b] };
      }
      case 'keyed_element': {
        const v = field(n, 'value');
        return { t: 'union', parts: v === null ? [] : [v] };
      }
      case 'type_assertion_expression':
      case 'slice_expression': {
        const o = field(n, 'operand');
        return { t: 'union', parts: o === null ? [] : [o] };
      }
      default:
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
    if (k === 'selector_expression') {
      const o = field(n, 'operand');
      const f = field(n, 'field');
      const base = o === null ? null : this.path(o);
      return base === null || f === null ? null : `${base}.${f.text()}`;
    }
    if (k === 'index_expression') {
      const o = field(n, 'operand');
      const i = field(n, 'index');
      const base = o === null ? null : this.path(o);
      if (base === null || i === null) return null;
      if (kindOf(i) === 'int_literal') return `${base}.${i.text()}`;
      if (kindOf(i) === 'interpreted_string_literal' && kids(i).every((c) => kindOf(c) === 'interpreted_string_literal_content')) return `${base}.${i.text().slice(1, -1)}`;
    }
    return null;
  },

  destructure(n: SgNode): SgNode[] | null {
    return kindOf(n) === 'expression_list' ? kids(n) : null;
  },

  logic: cLikeLogic,

  unparen: unparenthesize,

  importedNames(root: SgNode): Set<string> {
    const out = new Set<string>();
    for (const spec of root.findAll({ rule: { kind: 'import_spec' } })) {
      const alias = field(spec, 'name')?.text();
      const p = field(spec, 'path')?.text().replace(/^["`]|["`]$/g, '') ?? '';
      out.add(alias ?? p.split('/').filter((x) => !/^v\d+$/.test(x)).pop() ?? p);
    }
    return out;
  },

  noReturn(call): boolean {
    return call.callee !== null && NO_RETURN.has(call.callee.text());
  },

  frameworkParam(): boolean {
    return false;
  },
};
