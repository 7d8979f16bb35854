// Built-in clause sets that rules name with `preset:` instead of copying long lists (style.md §6:
// shared sources live in one place). `exported-params` is not a pattern: the engine taints the
// parameters of every function a module exports (a library's public API).
import type { PatternClause } from './rules.js';

const REQ = { metavariable: '$REQ', regex: '^(req|request|_req|httpReq|incomingMessage)$' };
const CTX = { metavariable: '$CTX', regex: '^(ctx|context)$' };

const JS_HTTP_REQUEST: PatternClause[] = [
  ...['query', 'params', 'body', 'cookies', 'signedCookies', 'headers', 'url', 'originalUrl', 'path', 'files', 'file', 'hostname', 'baseUrl']
    .map((f) => ({ pattern: `$REQ.${f}`, 'metavariable-regex': REQ })),
  ...['get', 'header', 'param'].map((m) => ({ pattern: `$REQ.${m}($$$)`, 'metavariable-regex': REQ })),
  ...['request.body', 'request.query', 'request.url', 'request.path', 'request.href', 'request.files', 'query', 'params', 'path', 'url', 'querystring', 'href', 'originalUrl', 'headers']
    .map((f) => ({ pattern: `$CTX.${f}`, 'metavariable-regex': CTX })),
  // Koa 1 generator middleware: `this` is the context.
  ...['this.path', 'this.url', 'this.query', 'this.request.body', 'this.params', 'this.originalUrl']
    .map((f) => ({ pattern: f, 'pattern-inside': 'function* ($$$) { $$$ }' })),
];

const JS_PROCESS_INPUT: PatternClause[] = [
  { pattern: 'process.argv' },
  { pattern: 'process.env' },
  { pattern: 'process.stdin' },
];

const JS_NUMERIC_SANITIZERS: PatternClause[] = [
  { pattern: 'parseInt($$$)' },
  { pattern: 'parseFloat($$$)' },
  { pattern: 'Number($X)' },
  { pattern: 'Number.parseInt($$$)' },
  { pattern: 'Math.$F($$$)' },
  { pattern: 'Boolean($X)' },
  { pattern: '$X.length' },
];

// `$_GET` written as a pattern is a metavariable (`$` + capitals) that matches any node, so the
// superglobals are matched by name.
const PHP_SUPERGLOBALS: PatternClause[] = [
  { pattern: '$V', 'metavariable-regex': { metavariable: '$V', regex: '^\\$_(GET|POST|REQUEST|COOKIE|FILES|SERVER)$' } },
];

const PY_WEB_REQUEST: PatternClause[] = [
  ...['args', 'form', 'values', 'json', 'data', 'cookies', 'headers', 'files', 'path', 'full_path', 'url', 'GET', 'POST', 'COOKIES', 'META', 'body', 'query_params', 'path_params']
    .map((f) => ({ pattern: `request.${f}` })),
  { pattern: 'request.get_json($$$)' },
  { pattern: 'input($$$)' },
  { pattern: 'sys.argv' },
];

const GO_HTTP_REQUEST: PatternClause[] = [
  ...['URL', 'Body', 'Form', 'PostForm', 'Header', 'RequestURI', 'Host', 'MultipartForm']
    .map((f) => ({ pattern: `$R.${f}`, 'metavariable-regex': { metavariable: '$R', regex: '^(r|req|request)$' } })),
  { pattern: '$R.FormValue($$$)', 'metavariable-regex': { metavariable: '$R', regex: '^(r|req|request)$' } },
  { pattern: '$R.PostFormValue($$$)', 'metavariable-regex': { metavariable: '$R', regex: '^(r|req|request)$' } },
  { pattern: '$C.Query($$$)', 'metavariable-regex': { metavariable: '$C', regex: '^(c|ctx)$' } },
  { pattern: '$C.Param($$$)', 'metavariable-regex': { metavariable: '$C', regex: '^(c|ctx)$' } },
  { pattern: '$C.PostForm($$$)', 'metavariable-regex': { metavariable: '$C', regex: '^(c|ctx)$' } },
  { pattern: '$R.Cookie($$$)', 'metavariable-regex': { metavariable: '$R', regex: '^(r|req|request)$' } },
  { pattern: 'mux.Vars($$$)' },
  { pattern: 'os.Args' },
];

const JAVA_SERVLET_REQUEST: PatternClause[] = [
  ...['getParameter', 'getParameterValues', 'getParameterMap', 'getHeader', 'getHeaders', 'getQueryString', 'getRequestURI', 'getPathInfo', 'getCookies', 'getInputStream', 'getReader']
    .map((m) => ({ pattern: `$R.${m}($$$)`, 'metavariable-regex': { metavariable: '$R', regex: '^(req|request|httpRequest|servletRequest)$' } })),
];

/** Pattern presets by name. */
export const PRESETS: Record<string, PatternClause[]> = {
  'js-http-request': JS_HTTP_REQUEST,
  'js-process-input': JS_PROCESS_INPUT,
  'js-numeric-sanitizers': JS_NUMERIC_SANITIZERS,
  'php-superglobals': PHP_SUPERGLOBALS,
  'python-web-request': PY_WEB_REQUEST,
  'go-http-request': GO_HTTP_REQUEST,
  'java-servlet-request': JAVA_SERVLET_REQUEST,
};

/** Engine presets that are not pattern lists. */
export const ENGINE_PRESETS = new Set(['exported-params', 'web-route-params']);

export const EXPORTED_PARAMS = 'exported-params';
/**
 * The taint label of `exported-params` (docs/rules.md, taint labels): data the library's caller
 * passes, which a rule may treat differently from a request's (the folder a caller tells an
 * extractor to write to is the caller's choice, a request value used as that folder is not).
 */
export const EXPORTED_PARAMS_LABEL = 'caller';

export function isKnownPreset(name: string): boolean {
  return name in PRESETS || ENGINE_PRESETS.has(name);
}
