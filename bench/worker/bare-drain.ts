import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

/**
 * The baseline of the worker benchmark: the least any consumer can do with a queue, receive ten
 * messages and delete them in one call, until a receive comes back empty. Same SDK, same emulator, a
 * process of its own like the worker.
 */
const [endpoint, queueUrl] = process.argv.slice(2);
const sqs = new SQSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
let drained = 0;
for (;;) {
  const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
  if (Messages.length === 0) break;
  await sqs.send(
    new DeleteMessageBatchCommand({
      QueueUrl: queueUrl,
      Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })),
    }),
  );
  drained += Messages.length;
}
process.stdout.write(`drained ${drained}\n`);
sqs.destroy();
