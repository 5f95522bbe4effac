import * as z from 'zod';

const queueUrl = z.url({ protocol: /^https?$/u });

/**
 * Read when QUEUE=sqs. Credentials come from the AWS default provider chain, never from here. Each
 * queue's dead-letter queue is found from its RedrivePolicy unless given here.
 */
export const sqsConfigSchema = z.object({
  SQS_OFFLINE_REPORTS_URL: queueUrl.describe('URL of CVT\u2019s offline-report queue (whatsapp-informes).'),
  SQS_OFFLINE_ALERTS_URL: queueUrl.describe('URL of CVT\u2019s offline-alert queue (notificaciones-controles).'),
  SQS_DISPATCH_URL: queueUrl
    .optional()
    .describe('URL of the dispatch queue (cvt-whatsapp-dispatch) of Lambda deployments; unset, the server dispatches from its ledger.'),
  SQS_OFFLINE_REPORTS_DLQ_URL: queueUrl
    .optional()
    .describe('Dead-letter queue of the offline-report queue; unset, it is found from the queue\u2019s RedrivePolicy.'),
  SQS_OFFLINE_ALERTS_DLQ_URL: queueUrl
    .optional()
    .describe('Dead-letter queue of the offline-alert queue; unset, it is found from the queue\u2019s RedrivePolicy.'),
  SQS_DISPATCH_DLQ_URL: queueUrl
    .optional()
    .describe('Dead-letter queue of the dispatch queue; unset, it is found from the queue\u2019s RedrivePolicy.'),
  SQS_ENDPOINT: z
    .url({ protocol: /^https?$/u })
    .optional()
    .describe('Endpoint of an SQS-compatible server; unset for AWS SQS.'),
  AWS_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/u, 'must be an AWS region such as us-east-1')
    .default('us-east-1')
    .describe('AWS region of the bucket and queues.'),
});
export type SqsConfig = z.infer<typeof sqsConfigSchema>;
