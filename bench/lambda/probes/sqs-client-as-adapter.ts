import {
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';

/** Probe: the SQS client as src/adapters/sqs/sqs.queues.adapter.ts builds it (its options, its commands imported), nothing of ours. */
export async function handler(): Promise<unknown> {
  const client = new SQSClient({
    region: process.env['AWS_REGION'],
    ...(process.env['SQS_ENDPOINT'] === undefined ? {} : { endpoint: process.env['SQS_ENDPOINT'] }),
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000, throwOnRequestTimeout: true },
    md5: false,
  });
  client.middlewareStack.remove('loggerMiddleware');
  return [
    client,
    ChangeMessageVisibilityCommand,
    DeleteMessageBatchCommand,
    DeleteMessageCommand,
    GetQueueAttributesCommand,
    GetQueueUrlCommand,
    ReceiveMessageCommand,
    SendMessageBatchCommand,
    SendMessageCommand,
  ].length;
}
