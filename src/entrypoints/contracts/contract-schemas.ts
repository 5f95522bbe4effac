/**
 * The queues' and the newsletter run's zod schemas, for the plain readers (`*.plain.ts`) to load when a
 * message is one they leave undecided: one module, so that a Lambda's bundle has one chunk of schemas
 * (and the modules it shares with the start in one more), not one per contract.
 */
export { newsletterRunSchema } from './admin.schema.ts';
export { parseDispatchMessage } from './dispatch-message.schema.ts';
export { parseOfflineAlertsBody } from './offline-alerts.schema.ts';
export { parseOfflineReportBody } from './offline-report.schema.ts';
