import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { compilePolicy, evaluate, type Decision } from '../../src/index.js';
import { createWebhookServer, EVALUATE_PATH, type ErrorBody } from '../../examples/webhook-server/server.js';

// The examples import the package by name; here it is the sources (CI runs the same example
// against the packed build in `npm run examples`).
vi.mock('escalation-engine', () => import('../../src/index.js'));

const read = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8');
const policy = compilePolicy(JSON.parse(read('../../examples/policies/acme-saas.json')));
const goodTicket = read('../../examples/tickets/sev1-outage.json');
const degradedTicket = read('../../examples/tickets/malformed.json');
const NOW = '2026-03-09T14:20:00.000Z';
const LIMIT = 16 * 1024;

type Started = { base: string; close: () => Promise<void> };
async function start(options: Partial<Parameters<typeof createWebhookServer>[0]> = {}): Promise<Started> {
  const server = createWebhookServer({ policy, maxBodyBytes: LIMIT, clock: () => new Date(NOW), ...options });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

let server: Started;
beforeAll(async () => {
  server = await start();
});
afterAll(async () => {
  await server.close();
});

const post = (body: string, contentType: string | null = 'application/json', path = EVALUATE_PATH) =>
  fetch(`${server.base}${path}`, {
    method: 'POST',
    headers: contentType === null ? {} : { 'content-type': contentType },
    body,
  });
const errorOf = async (response: Response): Promise<ErrorBody['error']> =>
  ((await response.json()) as ErrorBody).error;

/** Streams `chunks` without ending the request: `answered` settles with the status once the server answers. */
function streamWithoutEnd(base: string, chunks: readonly string[]) {
  const req = request(`${base}${EVALUATE_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
  });
  const answered = new Promise<number | undefined>((resolve, reject) => {
    req.on('response', (response) => {
      response.resume();
      req.destroy();
      resolve(response.statusCode);
    });
    req.on('error', reject);
  });
  for (const chunk of chunks) req.write(chunk);
  return { answered, abort: () => req.destroy() };
}

describe('createWebhookServer: evaluating tickets', () => {
  it('answers a ticket with the decision evaluate gives at the server clock', async () => {
    const response = await post(goodTicket);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const decision = (await response.json()) as Decision;
    expect(decision).toEqual(
      JSON.parse(JSON.stringify(evaluate(policy, JSON.parse(goodTicket), { now: NOW }))),
    );
    expect(decision.status).toBe('ok');
    expect(decision.nextEvaluationAt).toBe('2026-03-09T14:24:00.000Z');
  });

  it('reads now from the real clock at the boundary by default', async () => {
    const live = await start({ clock: undefined });
    try {
      const before = Date.now();
      const response = await fetch(`${live.base}${EVALUATE_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: goodTicket,
      });
      const after = Date.now();
      const evaluatedAt = Date.parse(((await response.json()) as Decision).evaluatedAt);
      expect(evaluatedAt).toBeGreaterThanOrEqual(before);
      expect(evaluatedAt).toBeLessThanOrEqual(after);
    } finally {
      await live.close();
    }
  });

  it('adds the trace with ?explain=true', async () => {
    const plain = (await (await post(goodTicket)).json()) as Decision;
    const explained = (await (
      await post(goodTicket, 'application/json', `${EVALUATE_PATH}?explain=true`)
    ).json()) as Decision;
    expect(plain.trace).toBeUndefined();
    expect(explained.trace?.length).toBeGreaterThan(0);
  });

  it('answers bad ticket data with a degraded decision (200), not an error', async () => {
    const response = await post(degradedTicket);
    expect(response.status).toBe(200);
    const decision = (await response.json()) as Decision;
    expect(decision.status).toBe('degraded');
    expect(decision.issues[0]?.path).toEqual(['createdAt']);
    expect(decision.routing.owner.members.length).toBeGreaterThan(0); // the fallback owner
  });

  it('accepts application/json with a UTF-8 charset, in any case', async () => {
    expect((await post(goodTicket, 'Application/JSON; charset=UTF-8')).status).toBe(200);
  });
});

describe('createWebhookServer: refusing bad requests', () => {
  it('answers malformed JSON with 400 malformed_json', async () => {
    const response = await post('{"id": "ACME-1", ');
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toEqual({
      code: 'malformed_json',
      message: 'the body is not valid JSON',
    });
  });

  it('answers a body that is not UTF-8 with 400', async () => {
    const response = await fetch(`${server.base}${EVALUATE_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    });
    expect(response.status).toBe(400);
  });

  it.each([['[1, 2]'], ['null'], ['"ACME-1"'], ['{"subject": "no id"}'], ['{"id": ""}'], ['{"id": 42}']])(
    'answers %s with 422 invalid_payload',
    async (body) => {
      const response = await post(body);
      expect(response.status).toBe(422);
      expect((await errorOf(response)).code).toBe('invalid_payload');
    },
  );

  it.each([
    ['text/plain'],
    ['application/x-www-form-urlencoded'],
    ['application/json; charset=latin1'],
    [null],
  ])('answers content type %s with 415', async (contentType) => {
    const response = await post(goodTicket, contentType);
    expect(response.status).toBe(415);
    expect((await errorOf(response)).code).toBe('unsupported_media_type');
  });

  it.each([['GET'], ['PUT'], ['DELETE']])(
    'answers %s on the evaluate path with 405 and Allow: POST',
    async (method) => {
      const response = await fetch(`${server.base}${EVALUATE_PATH}`, { method });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
      expect((await errorOf(response)).code).toBe('method_not_allowed');
    },
  );

  it('answers an unknown path with 404', async () => {
    const response = await post(goodTicket, 'application/json', '/tickets');
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('not_found');
  });

  it('answers the health probe on GET only', async () => {
    expect(await (await fetch(`${server.base}/healthz`)).json()).toEqual({ ok: true });
    const posted = await post('{}', 'application/json', '/healthz');
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET');
  });

  it('answers 500 internal_error and reports it when evaluation itself fails', async () => {
    const onError = vi.fn();
    const broken = await start({ clock: () => new Date(Number.NaN), onError });
    try {
      const response = await fetch(`${broken.base}${EVALUATE_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: goodTicket,
      });
      expect(response.status).toBe(500);
      expect((await errorOf(response)).code).toBe('internal_error');
      expect(onError).toHaveBeenCalledWith(expect.any(RangeError));
    } finally {
      await broken.close();
    }
  });
});

describe('createWebhookServer: the body limit', () => {
  /** A ticket padded so that its JSON is exactly `bytes` long. */
  const ticketOfSize = (bytes: number): string => {
    const base = JSON.stringify({ id: 'ACME-1', createdAt: NOW, description: '' });
    return JSON.stringify({ id: 'ACME-1', createdAt: NOW, description: 'x'.repeat(bytes - base.length) });
  };

  it('accepts a body of exactly the limit and refuses one byte more with 413', async () => {
    expect((await post(ticketOfSize(LIMIT))).status).toBe(200);
    const response = await post(ticketOfSize(LIMIT + 1));
    expect(response.status).toBe(413);
    expect(await errorOf(response)).toEqual({
      code: 'payload_too_large',
      message: `the body exceeds the limit of ${LIMIT} bytes`,
    });
  });

  it('refuses a chunked body while it streams in, without waiting for its end', async () => {
    // The request never ends: only a limit enforced while streaming can answer it.
    const { answered } = streamWithoutEnd(server.base, ['{"id":"ACME-1","description":"', 'x'.repeat(LIMIT)]);
    expect(await answered).toBe(413);
  });

  it('waits for a chunked body under the limit, and lets a client that goes away go quietly', async () => {
    const onError = vi.fn();
    const quiet = await start({ onError });
    try {
      const { answered, abort } = streamWithoutEnd(quiet.base, ['{"id":"ACME-1",']);
      const settled = vi.fn();
      answered.then(settled, settled);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(settled).not.toHaveBeenCalled();
      abort();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(onError).not.toHaveBeenCalled();
    } finally {
      await quiet.close();
    }
  });

  it('keeps serving after refusing a request', async () => {
    expect(await streamWithoutEnd(server.base, ['x'.repeat(LIMIT + 1)]).answered).toBe(413);
    expect((await post(goodTicket)).status).toBe(200);
  });
});
