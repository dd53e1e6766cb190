/**
 * Starts the webhook server on the reference policy.
 *
 * Run: `npx tsx examples/webhook-server/main.ts` (PORT, default 8080; POLICY, a policy file,
 * default the reference policy), then
 * `curl -H 'content-type: application/json' --data @examples/tickets/sev1-outage.json localhost:8080/evaluate`.
 */
import { readFileSync } from 'node:fs';
import { compilePolicy } from 'escalation-engine';
import { createWebhookServer } from './server.js';

const policyFile = process.env.POLICY ?? new URL('../policies/acme-saas.json', import.meta.url);
// Compile once at start-up: a broken policy stops the process here, with every issue listed.
const policy = compilePolicy(JSON.parse(readFileSync(policyFile, 'utf8')) as unknown);
const port = Number(process.env.PORT ?? 8080);

const server = createWebhookServer({ policy });
server.listen(port, () => {
  console.log(`escalation webhook: policy ${policy.id} ${policy.version}, listening on :${port}`);
});
// Let requests in flight finish on shutdown.
process.once('SIGTERM', () => server.close());
