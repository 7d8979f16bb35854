// A local OpenAI-compatible (and Anthropic Messages-compatible) HTTP server for tests.
// Scriptable per request (status, headers, delay, body), records and counts every request.
// No test ever calls a real API (style.md §10).
//
//   const server = await startOpenAIServer();
//   server.enqueue({ status: 429, headers: { 'retry-after': '1' } }, { content: '```js\nx\n```' });
//   createModel('openai:test-model', { baseUrl: server.url });
//   server.count; server.requests[0].body; await server.close();

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path without the query, e.g. /v1/chat/completions. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body (undefined when not JSON). */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  rawBody: string;
  /** 0-based index among all requests this server received. */
  index: number;
  /** Date.now() when the request's body had arrived. */
  at: number;
}

/** What to answer for one request. Every field is optional. */
export interface ScriptedResponse {
  /** HTTP status (default 200). */
  status?: number;
  headers?: Record<string, string>;
  /** Wait this long before answering (the client may time out meanwhile). */
  delayMs?: number;
  /** Never answer (until the client gives up or the server closes). */
  hang?: boolean;
  /** Shorthand for a 200 completion whose text is this, shaped for the endpoint (OpenAI chat or Anthropic messages). */
  content?: string;
  /** Token counts for the `content` shorthand. */
  usage?: { input_tokens?: number; output_tokens?: number };
  /** The exact body: an object is sent as JSON, a string as is. Overrides `content`. */
  body?: unknown;
  /** Destroy the socket without answering (a connection error for the client). */
  destroy?: boolean;
}

export type Responder =
  | ScriptedResponse
  | ((req: RecordedRequest) => ScriptedResponse | Promise<ScriptedResponse>);

export interface OpenAIServer {
  /** Base URL to pass as --base-url, ending in /v1 (e.g. http://127.0.0.1:43121/v1). */
  readonly url: string;
  /** Origin without /v1 (for the Anthropic SDK, which appends /v1 itself). */
  readonly origin: string;
  readonly port: number;
  /** Every request received, in order (including GET /v1/models). */
  readonly requests: RecordedRequest[];
  /** Number of generation requests (chat/completions, completions, messages). */
  readonly count: number;
  /** Queue responders; each generation request consumes the next one, then the default applies. */
  enqueue(...responders: Responder[]): void;
  /** The responder used when the queue is empty. */
  setDefault(responder: Responder): void;
  /** Clears the queue and the recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

export interface OpenAIServerOptions {
  default?: Responder;
  script?: Responder[];
}

/** The default answer: a fenced block with one line of code. */
export const DEFAULT_CONTENT = '```\nreturn null;\n```';

const GENERATION = /\/(chat\/completions|completions|messages)$/;

/** A chat.completion body (OpenAI shape). */
export function chatCompletion(content: string, model = 'test-model', usage: ScriptedResponse['usage'] = {}): object {
  const prompt_tokens = usage.input_tokens ?? 10;
  const completion_tokens = usage.output_tokens ?? 5;
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens },
  };
}

/** A Messages API body (Anthropic shape). */
export function anthropicMessage(content: string, model = 'test-model', usage: ScriptedResponse['usage'] = {}): object {
  return {
    id: 'msg_test',
    type: 'message',
    role: 'assistant',
    model,
    content: [{ type: 'text', text: content }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: usage.input_tokens ?? 10, output_tokens: usage.output_tokens ?? 5 },
  };
}

function errorBody(status: number): object {
  return { error: { message: `scripted ${status}`, type: status === 429 ? 'rate_limit_error' : 'server_error', code: null } };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startOpenAIServer(opts: OpenAIServerOptions = {}): Promise<OpenAIServer> {
  const queue: Responder[] = [...(opts.script ?? [])];
  let fallback: Responder = opts.default ?? { content: DEFAULT_CONTENT };
  const requests: RecordedRequest[] = [];
  let count = 0;
  const timers = new Set<NodeJS.Timeout>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    let body: unknown;
    try {
      body = rawBody ? JSON.parse(rawBody) : undefined;
    } catch {
      body = undefined;
    }
    const path = (req.url ?? '/').split('?')[0]!;
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path, headers: req.headers, body, rawBody, index: requests.length, at: Date.now() };
    requests.push(recorded);

    if (req.method === 'GET' && path.endsWith('/models')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'test-model', object: 'model', owned_by: 'test' }] }));
      return;
    }
    if (req.method !== 'POST' || !GENERATION.test(path)) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `no route ${req.method} ${path}` } }));
      return;
    }
    count++;
    // A client that already went away (aborted, timed out) must not consume a later test's script.
    if (req.socket.destroyed) return;
    const responder = queue.length > 0 ? queue.shift()! : fallback;
    const scripted = typeof responder === 'function' ? await responder(recorded) : responder;
    if (scripted.hang) return;
    if (scripted.delayMs) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          timers.delete(t);
          resolve();
        }, scripted.delayMs);
        timers.add(t);
      });
    }
    if (res.destroyed || res.writableEnded) return;
    if (scripted.destroy) {
      req.socket.destroy();
      return;
    }
    const status = scripted.status ?? 200;
    const model = (body as { model?: string } | undefined)?.model ?? 'test-model';
    const anthropic = path.endsWith('/messages');
    let payload: unknown = scripted.body;
    if (payload === undefined) {
      if (status >= 400) payload = errorBody(status);
      else {
        const content = scripted.content ?? DEFAULT_CONTENT;
        payload = anthropic ? anthropicMessage(content, model, scripted.usage) : chatCompletion(content, model, scripted.usage);
      }
    }
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
    res.writeHead(status, { 'content-type': 'application/json', ...scripted.headers });
    res.end(text);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: String(err) } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/v1`,
    origin,
    port,
    requests,
    get count() {
      return count;
    },
    enqueue: (...r) => void queue.push(...r),
    setDefault: (r) => {
      fallback = r;
    },
    reset: () => {
      queue.length = 0;
      requests.length = 0;
      count = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
