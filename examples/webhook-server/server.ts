/**
 * A small HTTP service on `node:http` that a helpdesk calls on every ticket change. It
 * reads a ticket snapshot (DESIGN §4) from the request body, evaluates it against the
 * policy at the server's clock, and answers with the decision.
 *
 * The request is checked at the boundary, before the engine sees it:
 *
 * | answer | when |
 * | --- | --- |
 * | `200` | the decision (also for bad ticket data: `status: "degraded"`, never an error) |
 * | `400 malformed_json` | the body is not valid UTF-8 JSON |
 * | `404 not_found` | any path but {@link EVALUATE_PATH} and {@link HEALTH_PATH} |
 * | `405 method_not_allowed` | anything but `POST` (with an `Allow` header) |
 * | `413 payload_too_large` | the body is larger than the limit (checked while it streams in) |
 * | `415 unsupported_media_type` | the content type is not `application/json` (UTF-8) |
 * | `422 invalid_payload` | valid JSON that is not a ticket: not an object, or no string `id` |
 *
 * Every error answer is JSON: `{ "error": { "code": "...", "message": "..." } }`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { evaluate, type Policy } from 'escalation-engine';

/** The path the helpdesk posts ticket snapshots to. */
export const EVALUATE_PATH = '/evaluate';

/** A liveness probe for the load balancer: `GET` answers `{ "ok": true }`. */
export const HEALTH_PATH = '/healthz';

/** The default body limit: 1 MiB, far above a ticket snapshot with a long history. */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576;

/** Options of {@link createWebhookServer}. */
export interface WebhookServerOptions {
  /** The compiled policy (`compilePolicy`), compiled once at start-up. */
  readonly policy: Policy;
  /** The largest body accepted, in bytes. @defaultValue {@link DEFAULT_MAX_BODY_BYTES} */
  readonly maxBodyBytes?: number | undefined;
  /** Where `now` comes from. @defaultValue `() => new Date()` (the server clock) */
  readonly clock?: (() => Date) | undefined;
  /** Called with anything unexpected (a 500 answer). @defaultValue `console.error` */
  readonly onError?: ((error: unknown) => void) | undefined;
}

/** The JSON body of every error answer. */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string };
}

/**
 * Creates the webhook server. It does not listen yet: call `listen(port)` on it.
 *
 * @param options - The policy, the body limit and the clock.
 * @returns A `node:http` server.
 * @example
 * const server = createWebhookServer({ policy: compilePolicy(policyJson) });
 * server.listen(8080);
 * // POST /evaluate with a ticket snapshot → 200 and the decision
 */
export function createWebhookServer(options: WebhookServerOptions): Server {
  const onError =
    options.onError ??
    ((error: unknown) => {
      console.error(error);
    });
  return createServer((request, response) => {
    handleRequest(request, response, options).catch((error: unknown) => {
      onError(error);
      if (!response.headersSent) {
        refuse(request, response, 500, 'internal_error', 'the request could not be evaluated');
      } else {
        response.destroy();
      }
    });
  });
}

async function handleRequest(
  request: IncomingMessage,
  response: ServerResponse,
  options: WebhookServerOptions,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');

  if (url.pathname === HEALTH_PATH) {
    if (request.method === 'GET') sendJson(response, 200, { ok: true });
    else refuse(request, response, 405, 'method_not_allowed', `\`${HEALTH_PATH}\` accepts GET only`, 'GET');
    return;
  }
  if (url.pathname !== EVALUATE_PATH) {
    refuse(
      request,
      response,
      404,
      'not_found',
      `no route for \`${url.pathname}\`: post tickets to \`${EVALUATE_PATH}\``,
    );
    return;
  }
  if (request.method !== 'POST') {
    refuse(request, response, 405, 'method_not_allowed', `\`${EVALUATE_PATH}\` accepts POST only`, 'POST');
    return;
  }
  if (!isJsonContentType(request.headers['content-type'])) {
    refuse(request, response, 415, 'unsupported_media_type', 'send the ticket as `application/json` (UTF-8)');
    return;
  }

  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const body = await readBody(request, maxBodyBytes);
  if (body === 'aborted') {
    // The client went away mid-body: there is nobody to answer.
    response.destroy();
    return;
  }
  if (body === 'too_large') {
    refuse(
      request,
      response,
      413,
      'payload_too_large',
      `the body exceeds the limit of ${maxBodyBytes} bytes`,
    );
    return;
  }

  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    refuse(request, response, 400, 'malformed_json', 'the body is not valid JSON');
    return;
  }
  const problem = payloadProblem(payload);
  if (problem !== null) {
    refuse(request, response, 422, 'invalid_payload', problem);
    return;
  }

  // `now` is read here, at the boundary: the engine itself never reads the clock.
  const now = options.clock?.() ?? new Date();
  const decision = evaluate(options.policy, payload, {
    now,
    explain: url.searchParams.get('explain') === 'true',
  });
  // A degraded decision is still a decision (with the policy's fallback owner): answer 200.
  sendJson(response, 200, decision);
}

/**
 * Reads the request body, counting bytes as they arrive: once the count passes the limit it
 * stops listening and answers `'too_large'`, without waiting for (or buffering) the rest.
 * A `Content-Length` above the limit is refused before anything is read. `'aborted'` when
 * the client closes the connection before the end of the body.
 */
function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer | 'too_large' | 'aborted'> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve('too_large');

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > maxBytes) {
        cleanUp();
        request.pause();
        resolve('too_large');
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanUp();
      resolve(Buffer.concat(chunks));
    };
    const onFailure = (): void => {
      cleanUp();
      resolve('aborted');
    };
    const cleanUp = (): void => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onFailure);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onFailure);
  });
}

/** `application/json`, with no charset or `charset=utf-8`. */
function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const [mediaType = '', ...parameters] = header.split(';').map((part) => part.trim().toLowerCase());
  if (mediaType !== 'application/json') return false;
  return parameters.every((parameter) => !parameter.startsWith('charset=') || parameter === 'charset=utf-8');
}

/**
 * What makes a payload unusable as a ticket, or `null`. Only what the engine cannot work
 * around is refused here: everything else (a missing `createdAt`, a bad event) gives a
 * degraded decision with issues, which is more useful to the helpdesk than a 4xx.
 */
function payloadProblem(payload: unknown): string | null {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return 'the body must be a ticket snapshot: a JSON object';
  }
  const id: unknown = (payload as { id?: unknown }).id;
  if (typeof id !== 'string' || id === '') {
    return '`id` must be a non-empty string: it names the ticket and keys its actions';
  }
  return null;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  response.end(text);
}

/**
 * Answers with an error. When the body was not read to its end (refused before reading, or
 * too large), the connection is closed after the answer instead of reading the rest.
 */
function refuse(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
  allow?: string,
): void {
  if (allow !== undefined) response.setHeader('Allow', allow);
  if (hasUnreadBody(request)) response.setHeader('Connection', 'close');
  const body: ErrorBody = { error: { code, message } };
  sendJson(response, status, body);
}

/** Whether the request has a body that was not read to its end. */
function hasUnreadBody(request: IncomingMessage): boolean {
  const hasBody =
    request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
  return hasBody && !request.complete;
}
