/**
 * A local HTTP server that speaks Resend's API as DESIGN.md describes it, for tests and benches
 * that exercise the real Resend transport (point RESEND_BASE_URL at `url`, RESEND_API_KEY at
 * `apiKey`). It is deliberately strict so that what passes here passes against Resend:
 *
 * - `POST /emails` answers `{ id }`; `POST /emails/batch` takes a JSON array of 1-100 emails (no
 *   attachments) and answers `{ data: [{ id }] }`.
 * - `Authorization: Bearer re_…`: 401 `missing_api_key` without it, 403 `invalid_api_key` otherwise.
 * - `Idempotency-Key` (1-256 characters, else 400 `invalid_idempotency_key`) is remembered: the
 *   same key and payload get the original response without sending again; another payload gets
 *   409 `invalid_idempotent_request`; while the first is in progress, 409
 *   `concurrent_idempotent_requests`.
 * - Error bodies are `{ statusCode, name, message }`.
 *
 * Programmable trouble: a rate limit (N requests per second, 429 `rate_limit_exceeded` with the
 * `ratelimit-*` and `retry-after` headers), the next K requests failing (500 by default), the next
 * K requests hanging (by default *after* the email was accepted, the case idempotency exists for).
 * `accepted` lists every email actually "sent", with the idempotency key it came with.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface AcceptedEmail {
  id: string;
  /** The request's Idempotency-Key (a batch's key is shared by its emails), or null. */
  idempotencyKey: string | null;
  endpoint: 'emails' | 'batch';
  /** Position in its batch (0 for single sends). */
  batchIndex: number;
  from: string;
  to: string[];
  subject: string;
  html: string | null;
  text: string | null;
  headers: Record<string, string>;
  acceptedAt: number;
}

export interface RequestRecord {
  method: string;
  path: string;
  status: number | 'hung';
  idempotencyKey: string | null;
  at: number;
}

export interface Failure {
  status: number;
  name: string;
  message: string;
}

export interface FakeResendOptions {
  /** The key clients must send; any other `re_…` key is refused with 403. */
  apiKey?: string;
  /** Simulated processing time per request, in ms (keeps keys "in progress" for a while). */
  latencyMs?: number;
  /** How long a hung request is held before its socket is destroyed. */
  hangMs?: number;
}

export interface FakeResend {
  url: string;
  apiKey: string;
  accepted: AcceptedEmail[];
  requests: RequestRecord[];
  /** At most `perSecond` requests in any one-second window; null lifts the limit. */
  setRateLimit(perSecond: number | null): void;
  /** The next `count` requests fail with `failure` (500 `internal_server_error` by default). */
  failNext(count: number, failure?: Partial<Failure>): void;
  /** The next `count` requests never get an answer; `after` (default) accepts the email first. */
  hangNext(count: number, when?: 'before' | 'after'): void;
  setLatency(ms: number): void;
  /** Accepted emails per idempotency key (a batch's emails are counted per recipient key). */
  countByKey(): Map<string, number>;
  /** Forgets accepted emails, remembered keys, failures and limits. */
  reset(): void;
  close(): Promise<void>;
}

interface Remembered {
  fingerprint: string;
  state: 'in-progress' | 'done';
  status: number;
  body: unknown;
}

const MAX_BODY_BYTES = 40 * 1024 * 1024;
const MAX_BATCH = 100;
const MAX_RECIPIENTS = 50;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorName: string,
    message: string,
    readonly headers: Record<string, string> = {}
  ) {
    super(message);
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, 'validation_error', 'The request body is too large.'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function recipients(value: unknown, field: string): string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((v) => typeof v === 'string')) {
    throw new HttpError(422, 'validation_error', `Invalid \`${field}\` field.`);
  }
  if (list.length > MAX_RECIPIENTS) {
    throw new HttpError(422, 'validation_error', `Too many recipients in \`${field}\` (max 50).`);
  }
  for (const address of list as string[]) {
    if (!/^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$/.test(address.replace(/^.*<(.+)>$/, '$1'))) {
      throw new HttpError(422, 'validation_error', `Invalid \`${field}\` field: ${address}`);
    }
  }
  return list as string[];
}

/** Checks one email as Resend does and returns what it would send. */
function parseEmail(
  value: unknown,
  inBatch: boolean
): Omit<AcceptedEmail, 'id' | 'idempotencyKey' | 'endpoint' | 'batchIndex' | 'acceptedAt'> {
  if (!isRecord(value)) throw new HttpError(422, 'validation_error', 'Invalid email object.');
  for (const field of ['from', 'to', 'subject']) {
    if (value[field] === undefined || value[field] === null || value[field] === '') {
      throw new HttpError(422, 'missing_required_field', `Missing \`${field}\` field.`);
    }
  }
  if (typeof value.from !== 'string')
    throw new HttpError(422, 'validation_error', 'Invalid `from` field.');
  if (typeof value.subject !== 'string') {
    throw new HttpError(422, 'validation_error', 'Invalid `subject` field.');
  }
  const html = typeof value.html === 'string' ? value.html : null;
  const text = typeof value.text === 'string' ? value.text : null;
  if (html === null && text === null && value.react === undefined) {
    throw new HttpError(422, 'missing_required_field', 'Missing `html` or `text` field.');
  }
  if (inBatch && value.attachments !== undefined) {
    throw new HttpError(422, 'validation_error', 'Attachments are not supported in batch emails.');
  }
  const headers: Record<string, string> = {};
  if (value.headers !== undefined) {
    if (!isRecord(value.headers))
      throw new HttpError(422, 'validation_error', 'Invalid `headers` field.');
    for (const [name, header] of Object.entries(value.headers)) {
      if (typeof header !== 'string') {
        throw new HttpError(422, 'validation_error', `Invalid header \`${name}\`.`);
      }
      headers[name] = header;
    }
  }
  return {
    from: value.from,
    to: recipients(value.to, 'to'),
    subject: value.subject,
    html,
    text,
    headers
  };
}

function fingerprint(method: string, path: string, body: string): string {
  return createHash('sha256').update(`${method} ${path}\n${body}`).digest('hex');
}

export async function startFakeResend(options: FakeResendOptions = {}): Promise<FakeResend> {
  const apiKey = options.apiKey ?? `re_test_${randomUUID().replaceAll('-', '')}`;
  const hangMs = options.hangMs ?? 60_000;
  let latencyMs = options.latencyMs ?? 0;
  let perSecond: number | null = null;
  let window: number[] = [];
  let failures: Failure[] = [];
  let hangs: ('before' | 'after')[] = [];
  const accepted: AcceptedEmail[] = [];
  const requests: RequestRecord[] = [];
  const remembered = new Map<string, Remembered>();
  const sockets = new Set<Socket>();
  const hungTimers = new Set<NodeJS.Timeout>();

  function send(
    response: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {}
  ) {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  }

  function hang(response: ServerResponse) {
    // Never answer; the socket is dropped later so a client without a timeout is not stuck forever.
    const timer = setTimeout(() => {
      hungTimers.delete(timer);
      response.socket?.destroy();
    }, hangMs);
    hungTimers.add(timer);
  }

  /** The rate limit counts every request that gets past authentication, as Resend's does. */
  function rateLimited(now: number): HttpError | undefined {
    if (perSecond === null) return undefined;
    window = window.filter((t) => now - t < 1000);
    if (window.length >= perSecond) {
      const oldest = window[0] ?? now;
      const resetSeconds = Math.max(1, Math.ceil((oldest + 1000 - now) / 1000));
      return new HttpError(
        429,
        'rate_limit_exceeded',
        `Too many requests. You can only make ${perSecond} requests per second.`,
        {
          'ratelimit-limit': String(perSecond),
          'ratelimit-remaining': '0',
          'ratelimit-reset': String(resetSeconds),
          'retry-after': String(resetSeconds)
        }
      );
    }
    window.push(now);
    return undefined;
  }

  function authorize(request: IncomingMessage) {
    const header = request.headers.authorization;
    if (!header)
      throw new HttpError(401, 'missing_api_key', 'Missing API key in the authorization header.');
    const match = /^Bearer (re_\S+)$/.exec(header);
    if (!match || match[1] !== apiKey)
      throw new HttpError(403, 'invalid_api_key', 'API key is invalid.');
  }

  function accept(
    path: string,
    parsed: unknown,
    key: string | null
  ): { status: number; body: unknown } {
    const now = Date.now();
    if (path === '/emails') {
      const email = parseEmail(parsed, false);
      const id = randomUUID();
      accepted.push({
        ...email,
        id,
        idempotencyKey: key,
        endpoint: 'emails',
        batchIndex: 0,
        acceptedAt: now
      });
      return { status: 200, body: { id } };
    }
    if (!Array.isArray(parsed))
      throw new HttpError(422, 'validation_error', 'The body must be an array of emails.');
    if (parsed.length === 0 || parsed.length > MAX_BATCH) {
      throw new HttpError(422, 'validation_error', `A batch holds 1 to ${MAX_BATCH} emails.`);
    }
    // Strict batch validation: one bad email refuses the whole batch, nothing is sent.
    const emails = parsed.map((item) => parseEmail(item, true));
    const data = emails.map((email, batchIndex) => {
      const id = randomUUID();
      accepted.push({
        ...email,
        id,
        idempotencyKey: key,
        endpoint: 'batch',
        batchIndex,
        acceptedAt: now
      });
      return { id };
    });
    return { status: 200, body: { data } };
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const method = request.method ?? 'GET';
    const rawKey = request.headers['idempotency-key'];
    const key = typeof rawKey === 'string' ? rawKey : null;
    const record: RequestRecord = { method, path, status: 0, idempotencyKey: key, at: Date.now() };
    requests.push(record);
    let memoryKey: string | undefined;
    try {
      const body = await readBody(request);
      if (path !== '/emails' && path !== '/emails/batch') {
        throw new HttpError(404, 'not_found', 'The requested endpoint does not exist.');
      }
      if (method !== 'POST')
        throw new HttpError(
          405,
          'method_not_allowed',
          'Method is not allowed for the requested path.'
        );
      authorize(request);
      const limited = rateLimited(Date.now());
      if (limited) throw limited;
      const failure = failures.shift();
      if (failure) throw new HttpError(failure.status, failure.name, failure.message);
      const hangWhen = hangs.shift();
      if (hangWhen === 'before') {
        record.status = 'hung';
        hang(response);
        return;
      }
      if (key !== null && (key.length < 1 || key.length > 256)) {
        throw new HttpError(400, 'invalid_idempotency_key', 'The key must be between 1-256 chars.');
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        throw new HttpError(422, 'validation_error', 'The body is not valid JSON.');
      }
      const print = fingerprint(method, path, JSON.stringify(parsed));
      if (key !== null) {
        memoryKey = `${path} ${key}`;
        const known = remembered.get(memoryKey);
        if (known && known.fingerprint !== print) {
          memoryKey = undefined;
          throw new HttpError(
            409,
            'invalid_idempotent_request',
            'Same idempotency key used with a different request payload. Change your idempotency key or payload.'
          );
        }
        if (known?.state === 'in-progress') {
          memoryKey = undefined;
          throw new HttpError(
            409,
            'concurrent_idempotent_requests',
            'Same idempotency key used while original request is still in progress. Try the request again later.'
          );
        }
        if (known) {
          record.status = known.status;
          send(response, known.status, known.body);
          return;
        }
        remembered.set(memoryKey, {
          fingerprint: print,
          state: 'in-progress',
          status: 0,
          body: null
        });
      }
      if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
      const result = accept(path, parsed, key);
      if (memoryKey) remembered.set(memoryKey, { fingerprint: print, state: 'done', ...result });
      if (hangWhen === 'after') {
        record.status = 'hung';
        hang(response);
        return;
      }
      record.status = result.status;
      send(response, result.status, result.body);
    } catch (error) {
      // A refused request is not remembered: the client may fix it and retry with the same key.
      if (memoryKey && remembered.get(memoryKey)?.state === 'in-progress')
        remembered.delete(memoryKey);
      if (error instanceof HttpError) {
        record.status = error.status;
        send(
          response,
          error.status,
          { statusCode: error.status, name: error.errorName, message: error.message },
          error.headers
        );
        return;
      }
      record.status = 500;
      send(response, 500, {
        statusCode: 500,
        name: 'internal_server_error',
        message: String(error)
      });
    }
  }

  const server: Server = createServer((request, response) => {
    void handle(request, response);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    accepted,
    requests,
    setRateLimit(limit) {
      perSecond = limit;
      window = [];
    },
    failNext(count, failure = {}) {
      const status = failure.status ?? 500;
      for (let i = 0; i < count; i++) {
        failures.push({
          status,
          name: failure.name ?? (status >= 500 ? 'internal_server_error' : 'validation_error'),
          message: failure.message ?? 'An unexpected error occurred.'
        });
      }
    },
    hangNext(count, when = 'after') {
      for (let i = 0; i < count; i++) hangs.push(when);
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    countByKey() {
      const counts = new Map<string, number>();
      for (const email of accepted) {
        const key = `${email.idempotencyKey ?? 'none'}#${email.batchIndex}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return counts;
    },
    reset() {
      accepted.length = 0;
      requests.length = 0;
      remembered.clear();
      failures = [];
      hangs = [];
      perSecond = null;
      window = [];
    },
    async close() {
      for (const timer of hungTimers) clearTimeout(timer);
      hungTimers.clear();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  };
}
