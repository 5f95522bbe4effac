import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** Puts `count` messages on the queue, ten to a call (SQS's batch limit), a few calls at a time. */
export async function fillQueue(sqs: SQSClient, queueUrl: string, count: number, body: (index: number) => string): Promise<void> {
  const batches = Array.from({ length: Math.ceil(count / 10) }, (_, batch) =>
    Array.from({ length: Math.min(10, count - batch * 10) }, (_, offset) => batch * 10 + offset),
  );
  for (let start = 0; start < batches.length; start += 8) {
    await Promise.all(
      batches.slice(start, start + 8).map(async (indexes) => {
        const sent = await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: indexes.map((index) => ({ Id: String(index), MessageBody: body(index) })),
          }),
        );
        if ((sent.Failed ?? []).length > 0) throw new Error(`could not fill the queue: ${JSON.stringify(sent.Failed)}`);
      }),
    );
  }
}
