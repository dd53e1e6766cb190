/**
 * Checks the webhook server for real: starts it on a free loopback port, sends the requests
 * a helpdesk (or a broken client) would send, and checks each answer. Exits non-zero on the
 * first failure. Run: `npx tsx examples/webhook-server/check.ts`
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { compilePolicy, type Decision } from 'escalation-engine';
import { createWebhookServer, EVALUATE_PATH, type ErrorBody } from './server.js';

const read = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8');
const policy = compilePolicy(JSON.parse(read('../policies/acme-saas.json')) as unknown);
const goodTicket = read('../tickets/sev1-outage.json');
const degradedTicket = read('../tickets/malformed.json');

async function main(): Promise<void> {
  const server = createWebhookServer({
    policy,
    maxBodyBytes: 64 * 1024,
    clock: () => new Date('2026-03-09T14:20:00Z'),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = (body: string, contentType = 'application/json'): Promise<Response> =>
    fetch(`${base}${EVALUATE_PATH}`, { method: 'POST', headers: { 'content-type': contentType }, body });
  const errorCode = async (response: Response): Promise<string> =>
    ((await response.json()) as ErrorBody).error.code;

  try {
    // A good ticket: the decision, with the instant to call again.
    const good = await post(goodTicket);
    assert.equal(good.status, 200);
    const decision = (await good.json()) as Decision;
    assert.equal(decision.status, 'ok');
    assert.equal(decision.severity.id, 'sev1');
    assert.equal(decision.routing.queue, 'payments');
    assert.equal(decision.evaluatedAt, '2026-03-09T14:20:00.000Z');
    assert.equal(decision.nextEvaluationAt, '2026-03-09T14:24:00.000Z');

    // Bad ticket data is not a client error: a degraded decision with the fallback owner.
    const degraded = await post(degradedTicket);
    assert.equal(degraded.status, 200);
    const fallback = (await degraded.json()) as Decision;
    assert.equal(fallback.status, 'degraded');
    assert.deepEqual(fallback.issues[0]?.path, ['createdAt']);

    // Malformed JSON, JSON that is not a ticket, the wrong content type, method and path.
    const malformed = await post('{"id": "ACME-1", ');
    assert.equal(malformed.status, 400);
    assert.equal(await errorCode(malformed), 'malformed_json');
    const notATicket = await post('[1, 2, 3]');
    assert.equal(notATicket.status, 422);
    assert.equal(await errorCode(notATicket), 'invalid_payload');
    const form = await post('id=ACME-1', 'application/x-www-form-urlencoded');
    assert.equal(form.status, 415);
    assert.equal(await errorCode(form), 'unsupported_media_type');
    const get = await fetch(`${base}${EVALUATE_PATH}`);
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'POST');
    const elsewhere = await fetch(`${base}/tickets`, { method: 'POST', body: goodTicket });
    assert.equal(elsewhere.status, 404);
    assert.equal(await errorCode(elsewhere), 'not_found');

    // An oversized body, declared by Content-Length: refused before it is read.
    const oversized = await post(JSON.stringify({ id: 'ACME-1', description: 'x'.repeat(100_000) }));
    assert.equal(oversized.status, 413);
    assert.equal(await errorCode(oversized), 'payload_too_large');

    // An oversized body streamed in chunks that never ends: refused while it streams in.
    const streamed = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(`${base}${EVALUATE_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      });
      req.on('response', (response) => {
        response.resume();
        req.destroy();
        resolve(response.statusCode);
      });
      req.on('error', reject);
      req.write(`{"id":"ACME-1","description":"${'x'.repeat(70 * 1024)}`); // and never end()
    });
    assert.equal(streamed, 413);
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

main().then(
  () => {
    console.log('webhook server checks: ok');
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
