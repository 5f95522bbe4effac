import { createSqsQueues } from '../../../src/adapters/sqs/sqs.queues.adapter.ts';

/** Probe: our SQS adapter built from the bench's settings, beside the client it wraps. */
export async function handler(): Promise<unknown> {
  return createSqsQueues(
    {
      AWS_REGION: process.env['AWS_REGION'] ?? 'us-east-1',
      SQS_ENDPOINT: process.env['SQS_ENDPOINT'],
      SQS_OFFLINE_REPORTS_URL: process.env['SQS_OFFLINE_REPORTS_URL'],
      SQS_OFFLINE_ALERTS_URL: process.env['SQS_OFFLINE_ALERTS_URL'],
      SQS_DISPATCH_URL: process.env['SQS_DISPATCH_URL'],
    } as never,
    { child: () => ({}) } as never,
  );
}
