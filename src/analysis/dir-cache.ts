// `stale-directory-cache` (metavariable-check): a path is removed from the file system while the
// code keeps a cache of directories it has already created or checked (a field of the same class,
// or a module-level Map/Set/object) and the removing method never evicts anything from it. The
// next write below that path trusts the cache and skips the check, so a symlink that replaced the
// removed directory (an archive entry `a` as a folder, then `a` as a link, then `a/x`) sends the
// write outside the target. Ideas from CodeQL's zip-slip and TOCTOU queries; the code is ours.
import type { SgNode } from '@ast-grep/napi';
import { JS_FUNCTION_KINDS } from './js-functions.js';
import { kindOf } from './value-checks.js';

const MKDIR_CALLEE = /mkdir|ensuredir|makedir/i;
const CACHE_INIT = /^(new\s+(Map|Set|WeakMap)\b|\{\s*\}$|Object\.create\(null\))/;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The method holding `n` (and its class body), else the outermost function holding it and the program. */
function scopesOf(n: SgNode): { evict: SgNode; cache: SgNode; inClass: boolean } | null {
  let outerFn: SgNode | null = null;
  for (let p = n.parent(); p !== null; p = p.parent()) {
    const k = kindOf(p);
    if (k === 'method_definition') {
      const body = p.parent();
      if (body !== null && kindOf(body) === 'class_body') return { evict: p, cache: body, inClass: true };
    }
    if (JS_FUNCTION_KINDS.has(k)) outerFn = p;
    if (k === 'program') return { evict: outerFn ?? p, cache: p, inClass: false };
  }
  return null;
}

/** Candidate caches: `this.x` fields in a class, module-level variables initialised to a Map/Set/{}. */
function candidates(scope: SgNode, inClass: boolean): string[] {
  if (inClass) {
    const names = new Set<string>();
    for (const m of scope.findAll({ rule: { kind: 'member_expression', has: { field: 'object', kind: 'this' } } })) names.add(m.text());
    return [...names];
  }
  const out: string[] = [];
  for (const decl of scope.children()) {
    if (!['lexical_declaration', 'variable_declaration'].includes(kindOf(decl))) continue;
    for (const d of decl.children()) {
      if (kindOf(d) !== 'variable_declarator') continue;
      const name = d.field('name' as never) as SgNode | null;
      const value = d.field('value' as never) as SgNode | null;
      if (name !== null && kindOf(name) === 'identifier' && value !== null && CACHE_INIT.test(value.text())) out.push(name.text());
    }
  }
  return out;
}

/** `x` holds a collection: set to a Map/Set/{} (possibly as a default, `opt.c || new Map()`), or filled with set/add. */
function isCollection(scope: SgNode, x: string): boolean {
  const e = escapeRe(x);
  return new RegExp(`(^|[^\\w$.])${e}\\s*=\\s*([^;\\n]*(\\|\\||\\?\\?)\\s*)?(new\\s+(Map|Set|WeakMap)\\b|\\{\\s*\\}|Object\\.create\\(null\\))`).test(scope.text()) ||
    new RegExp(`(^|[^\\w$.])${e}\\.(set|add)\\(`).test(scope.text());
}

/** `x` is a directory cache: a collection handed to a mkdir call, or looked up in a function that makes directories. */
function isDirectoryCache(scope: SgNode, x: string): boolean {
  if (!isCollection(scope, x)) return false;
  const ref = new RegExp(`(^|[^\\w$.])${escapeRe(x)}(?![\\w$])`);
  const lookup = new RegExp(`(^|[^\\w$.])${escapeRe(x)}(\\.(get|has)\\(|\\[)`);
  for (const call of scope.findAll({ rule: { kind: 'call_expression' } })) {
    const callee = (call.field('function' as never) as SgNode | null)?.text() ?? '';
    if (!MKDIR_CALLEE.test(callee)) continue;
    const args = (call.field('arguments' as never) as SgNode | null)?.text() ?? '';
    if (ref.test(args)) return true;
    // Looked up in the function that makes the directory.
    let fn: SgNode | null = call.parent();
    while (fn !== null && !JS_FUNCTION_KINDS.has(kindOf(fn))) fn = fn.parent();
    if (fn !== null && lookup.test(fn.text())) return true;
  }
  return false;
}

/** The removing function evicts from (or resets) the cache. */
function evicts(fn: SgNode, x: string): boolean {
  const e = escapeRe(x);
  return new RegExp(`(^|[^\\w$.])${e}\\.(delete|clear)\\(|\\bdelete\\s+${e}\\[|(^|[^\\w$.])${e}\\s*=[^=]`).test(fn.text());
}

/** Bodies of the classes `body`'s class extends, when they are declared in the same file. */
function baseBodies(body: SgNode): SgNode[] {
  const out: SgNode[] = [];
  let cls = body.parent();
  for (let i = 0; i < 4 && cls !== null; i++) {
    const heritage = cls.children().find((c) => kindOf(c) === 'class_heritage');
    const base = heritage?.children().find((c) => kindOf(c) === 'identifier')?.text();
    if (base === undefined) break;
    const decl = cls.getRoot().root().findAll({ rule: { kind: 'class_declaration', has: { field: 'name', regex: `^${escapeRe(base)}$` } } })[0];
    const b = decl?.field('body' as never) as SgNode | null | undefined;
    if (b === undefined || b === null) break;
    out.push(b);
    cls = decl ?? null;
  }
  return out;
}

/** Whether removing the path bound to `node` leaves a directory cache stale (see the file comment). */
export function staleDirectoryCache(node: SgNode): boolean {
  const s = scopesOf(node);
  if (s === null) return false;
  // A subclass keeps the fields its base class (in the same file) set up.
  const scopes = s.inClass ? [s.cache, ...baseBodies(s.cache)] : [s.cache];
  return scopes.flatMap((c) => candidates(c, s.inClass)).some((x) => scopes.some((c) => isDirectoryCache(c, x)) && !evicts(s.evict, x));
}
