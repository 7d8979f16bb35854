// JavaScript/TypeScript function inventory of one file: every function node with the names a
// call can reach it by, whether the module exports it, and the local modules it imports.
import type { SgNode } from '@ast-grep/napi';

export const JS_FUNCTION_KINDS = new Set([
  'function_declaration', 'generator_function_declaration', 'function_expression',
  'generator_function', 'arrow_function', 'method_definition',
]);

/** One function of a file. */
export interface FnInfo {
  node: SgNode;
  /** Names a call can use: `f`, `getPath`, `Mount.prototype.getPath`, `module.exports` … */
  names: string[];
  exported: boolean;
  params: SgNode[];
  body: SgNode | null;
}

/** A local binding that refers to another module of the repository. */
export interface ImportBinding {
  /** The specifier as written (`./lib/util`). */
  spec: string;
  /** Named member (`{ f }` or `import { f }`), or undefined for the module object / default. */
  member?: string;
  /** True for `import x from` and `const x = require()` (module.exports / export default). */
  whole: boolean;
}

export interface JsInventory {
  functions: FnInfo[];
  byName: Map<string, FnInfo[]>;
  imports: Map<string, ImportBinding>;
  /** Class or constructor names defined in the file (for `Name.method()` calls). */
  localTypes: Set<string>;
  /** Names that a whole-module import calls (`module.exports = name`, `export default name`). */
  defaultNames: Set<string>;
}

const FN_RULE = { rule: { any: [...JS_FUNCTION_KINDS].map((kind) => ({ kind })) } };
const REQUIRE_RULE = { rule: { pattern: 'require($S)' } };
const IMPORT_RULE = { rule: { kind: 'import_statement' } };

function paramsOf(fn: SgNode): SgNode[] {
  const single = fn.field('parameter' as never) as SgNode | null;
  if (single !== null) return [single];
  const ps = fn.field('parameters' as never) as SgNode | null;
  if (ps === null) return [];
  return ps.namedChildren().filter((c) => !['comment', 'this'].includes(c.kind() as string))
    .map((c) => (['required_parameter', 'optional_parameter'].includes(c.kind() as string) ? ((c.field('pattern' as never) as SgNode | null) ?? c) : c));
}

function namesOf(fn: SgNode): string[] {
  const names: string[] = [];
  const own = fn.field('name' as never) as SgNode | null;
  if (own !== null) names.push(own.text());
  const parent = fn.parent();
  if (parent !== null && (parent.kind() as string) === 'export_statement' && /^export\s+default\b/.test(parent.text())) names.push('default');
  if (parent !== null) {
    const pk = parent.kind() as string;
    if (pk === 'variable_declarator') {
      const n = parent.field('name' as never) as SgNode | null;
      if (n !== null) names.push(n.text());
    } else if (pk === 'assignment_expression') {
      const left = (parent.field('left' as never) as SgNode | null)?.text();
      if (left !== undefined) {
        names.push(left);
        const last = left.split('.').pop();
        if (last !== undefined && last !== left) names.push(last);
      }
    } else if (pk === 'pair') {
      const k = (parent.field('key' as never) as SgNode | null)?.text();
      if (k !== undefined) names.push(k.replace(/^['"]|['"]$/g, ''));
      // `X.prototype = { m: function () {…} }`: the method is also `X.prototype.m`.
      const holder = parent.parent()?.parent();
      const left = holder !== null && holder !== undefined && (holder.kind() as string) === 'assignment_expression'
        ? (holder.field('left' as never) as SgNode | null)?.text() : undefined;
      if (k !== undefined && left !== undefined && /^[A-Za-z_$][\w$]*\.prototype$/.test(left)) names.push(`${left}.${k.replace(/^['"]|['"]$/g, '')}`);
      // `var Api = { m: function () {…} }`: the method is also `Api.m` (public when Api is exported).
      const decl = parent.parent()?.parent();
      const declName = decl !== null && decl !== undefined && (decl.kind() as string) === 'variable_declarator'
        ? (decl.field('name' as never) as SgNode | null)?.text() : undefined;
      if (k !== undefined && declName !== undefined && /^[A-Za-z_$][\w$]*$/.test(declName)) names.push(`${declName}.${k.replace(/^['"]|['"]$/g, '')}`);
    }
  }
  if ((fn.kind() as string) === 'method_definition') {
    const cls = fn.ancestors().find((a) => ['class_declaration', 'class', 'abstract_class_declaration'].includes(a.kind() as string));
    const cn = (cls?.field('name' as never) as SgNode | null | undefined)?.text();
    if (cn !== undefined && own !== null) names.push(`${cn}.prototype.${own.text()}`);
  }
  return [...new Set(names)];
}

/** Names the module exports: `module.exports = X`, `{ a, b: c }`, `exports.x = y`, `export …`. */
function exportedNames(root: SgNode): Set<string> {
  const out = new Set<string>();
  for (const m of root.findAll({ rule: { pattern: 'module.exports = $V' } })) {
    const v = m.getMatch('V');
    if (v === null) continue;
    // `module.exports = Api`: Api's own methods (`Api.m`) are public too.
    if ((v.kind() as string) === 'identifier') out.add(v.text()).add(`${v.text()}.*`);
    if ((v.kind() as string) === 'object') {
      for (const c of v.namedChildren()) {
        if ((c.kind() as string) === 'shorthand_property_identifier') out.add(c.text());
        if ((c.kind() as string) === 'pair') {
          const val = c.field('value' as never) as SgNode | null;
          if (val !== null && (val.kind() as string) === 'identifier') out.add(val.text());
        }
      }
    }
  }
  for (const m of root.findAll({ rule: { any: [{ pattern: 'exports.$N = $V' }, { pattern: 'module.exports.$N = $V' }] } })) {
    const v = m.getMatch('V');
    if (v !== null && (v.kind() as string) === 'identifier') out.add(v.text());
  }
  // `var file = module.exports = {}` / `var self = exports`: `file.read = function …` is exported.
  for (const d of root.findAll({ rule: { kind: 'variable_declarator' } })) {
    const n = d.field('name' as never) as SgNode | null;
    const v = (d.field('value' as never) as SgNode | null)?.text() ?? '';
    if (n !== null && (n.kind() as string) === 'identifier' && /^(module\.exports|exports)(\s*=|$)/.test(v)) out.add(`${n.text()}.*`);
  }
  for (const m of root.findAll({ rule: { kind: 'export_statement' } })) {
    for (const s of m.findAll({ rule: { kind: 'export_specifier' } })) {
      const n = (s.field('name' as never) as SgNode | null)?.text();
      if (n !== undefined) out.add(n);
    }
    const v = m.field('value' as never) as SgNode | null;
    if (v !== null && (v.kind() as string) === 'identifier') out.add(v.text());
  }
  return out;
}

function isExported(fn: FnInfo, exported: Set<string>): boolean {
  // Symbol-keyed (`[CHECKFS]()`), `_underscored` and `#private` methods are internal API.
  if (fn.names.some((n) => /(^|\.)(\[|_|#)/.test(n))) return false;
  if (fn.names.some((n) => n === 'module.exports' || n.startsWith('module.exports.') || n.startsWith('exports.') || n.includes('.prototype.') || exported.has(n))) return true;
  if (fn.names.some((n) => /^[A-Za-z_$][\w$]*\.[A-Za-z$][\w$]*$/.test(n) && exported.has(`${n.slice(0, n.indexOf('.'))}.*`))) return true;
  const k = fn.node.kind() as string;
  if (k === 'method_definition') return true;
  const p = fn.node.parent();
  if (p !== null && ((p.kind() as string) === 'export_statement')) return true;
  // Methods in an object literal assigned to module.exports / exports.x.
  if (p !== null && (p.kind() as string) === 'pair') {
    const obj = p.parent();
    const holder = obj?.parent();
    if (holder !== null && holder !== undefined && (holder.kind() as string) === 'assignment_expression') {
      const left = (holder.field('left' as never) as SgNode | null)?.text() ?? '';
      if (left.startsWith('module.exports') || left.startsWith('exports.') || left.endsWith('.prototype')) return true;
    }
  }
  return false;
}

/** The local-module imports of a file (also part of jsInventory; alone for a cheap reachability check). */
export function collectImports(root: SgNode): Map<string, ImportBinding> {
  const imports = new Map<string, ImportBinding>();
  for (const m of root.findAll(REQUIRE_RULE)) {
    const s = m.getMatch('S');
    if (s === null || !['string'].includes(s.kind() as string)) continue;
    const spec = s.text().slice(1, -1);
    if (!spec.startsWith('.')) continue;
    const decl = m.parent();
    if (decl === null) continue;
    if ((decl.kind() as string) === 'variable_declarator') {
      const name = decl.field('name' as never) as SgNode | null;
      if (name === null) continue;
      if ((name.kind() as string) === 'identifier') imports.set(name.text(), { spec, whole: true });
      if ((name.kind() as string) === 'object_pattern') {
        for (const c of name.namedChildren()) {
          if ((c.kind() as string) === 'shorthand_property_identifier_pattern') imports.set(c.text(), { spec, member: c.text(), whole: false });
          if ((c.kind() as string) === 'pair_pattern') {
            const k = (c.field('key' as never) as SgNode | null)?.text();
            const v = (c.field('value' as never) as SgNode | null)?.text();
            if (k !== undefined && v !== undefined) imports.set(v, { spec, member: k, whole: false });
          }
        }
      }
    } else if ((decl.kind() as string) === 'member_expression') {
      const holder = decl.parent();
      const prop = (decl.field('property' as never) as SgNode | null)?.text();
      if (holder !== null && (holder.kind() as string) === 'variable_declarator' && prop !== undefined) {
        const name = (holder.field('name' as never) as SgNode | null)?.text();
        if (name !== undefined) imports.set(name, { spec, member: prop, whole: false });
      }
    }
  }
  for (const m of root.findAll(IMPORT_RULE)) {
    const src = m.field('source' as never) as SgNode | null;
    if (src === null) continue;
    const spec = src.text().slice(1, -1);
    if (!spec.startsWith('.')) continue;
    for (const c of m.findAll({ rule: { any: [{ kind: 'import_specifier' }, { kind: 'namespace_import' }, { kind: 'import_clause' }] } })) {
      const k = c.kind() as string;
      if (k === 'import_specifier') {
        const name = (c.field('name' as never) as SgNode | null)?.text();
        const alias = (c.field('alias' as never) as SgNode | null)?.text();
        if (name !== undefined) imports.set(alias ?? name, { spec, member: name, whole: false });
      } else if (k === 'namespace_import') {
        const id = c.namedChildren().find((x) => (x.kind() as string) === 'identifier');
        if (id !== undefined) imports.set(id.text(), { spec, whole: true });
      } else {
        const id = c.namedChildren().find((x) => (x.kind() as string) === 'identifier');
        if (id !== undefined) imports.set(id.text(), { spec, whole: true });
      }
    }
  }
  return imports;
}

/** Builds the inventory of one parsed file. */
export function jsInventory(root: SgNode): JsInventory {
  const exported = exportedNames(root);
  const functions: FnInfo[] = root.findAll(FN_RULE).map((node) => ({
    node, names: namesOf(node), exported: false, params: paramsOf(node), body: node.field('body' as never) as SgNode | null,
  }));
  const byName = new Map<string, FnInfo[]>();
  for (const f of functions) {
    f.exported = isExported(f, exported);
    for (const n of f.names) {
      const list = byName.get(n);
      if (list === undefined) byName.set(n, [f]);
      else list.push(f);
    }
  }
  // `this.send = function (data) {…}` inside an exported constructor is a public method.
  const byNode = new Map(functions.map((f) => [f.node.id(), f]));
  for (const f of functions) {
    if (f.exported || !f.names.some((n) => /^this\.[A-Za-z$][\w$]*$/.test(n))) continue;
    const outer = f.node.ancestors().find((a) => JS_FUNCTION_KINDS.has(a.kind() as string));
    const of = outer === undefined ? undefined : byNode.get(outer.id());
    if (of !== undefined && of.exported) f.exported = true;
  }
  const localTypes = new Set<string>();
  for (const c of root.findAll({ rule: { any: [{ kind: 'class_declaration' }, { kind: 'function_declaration' }] } })) {
    const n = (c.field('name' as never) as SgNode | null)?.text();
    if (n !== undefined && /^[A-Z]/.test(n)) localTypes.add(n);
  }
  const defaultNames = new Set(['module.exports', 'default']);
  for (const m of root.findAll({ rule: { any: [{ pattern: 'module.exports = $V' }, { pattern: 'export default $V' }] } })) {
    const v = m.getMatch('V');
    if (v !== null && (v.kind() as string) === 'identifier') defaultNames.add(v.text());
  }
  return { functions, byName, imports: collectImports(root), localTypes, defaultNames };
}
