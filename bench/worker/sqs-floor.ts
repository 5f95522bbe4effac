import { DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';

/**
 * A floor of the worker benchmark, for information: the SQS work the worker's job needs through the
 * dispatch queue and nothing else (no ledger, no outbox, no validation). One loop receives ten alerts,
 * forwards them to the dispatch queue in one SendMessageBatch (a `{"deliveryId"}` body each, as the worker
 * publishes) and deletes them in one DeleteMessageBatch; a second loop, at the same time, receives the
 * dispatch queue ten at a time and deletes each receive in one batch. The SQS client is configured as the
 * worker's (`md5: false`, no logging middleware). Its rate against the bare receive-and-delete loop is the
 * ceiling of the worker's ratio on this machine.
 *
 * `node bench/worker/sqs-floor.ts <endpoint> <inbound queue url> <dispatch queue url> <messages>`; prints
 * `drained N` as soon as the dispatch queue gave back all the messages (the clock stops there, as the
 * worker's stops when the outbox holds them all), then `forwarded N` once a receive of the inbound queue
 * came back empty.
 */
const [endpoint, inboundUrl, dispatchUrl, total] = process.argv.slice(2);
const messagesExpected = Number(total);
const sqs = new SQSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, md5: false });
sqs.middlewareStack.remove('loggerMiddleware');

const receive = async (queueUrl: string): Promise<Message[]> =>
  (await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }))).Messages ?? [];

const deleteAll = (queueUrl: string, messages: readonly Message[]) =>
  sqs.send(
    new DeleteMessageBatchCommand({
      QueueUrl: queueUrl,
      Entries: messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })),
    }),
  );

async function forward(): Promise<number> {
  let forwarded = 0;
  for (;;) {
    const messages = await receive(inboundUrl!);
    if (messages.length === 0) return forwarded;
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: dispatchUrl,
        Entries: messages.map((message, index) => ({ Id: `m${index}`, MessageBody: JSON.stringify({ deliveryId: message.MessageId }) })),
      }),
    );
    if ((sent.Failed ?? []).length > 0) throw new Error(`SendMessageBatch failed: ${JSON.stringify(sent.Failed)}`);
    await deleteAll(inboundUrl!, messages);
    forwarded += messages.length;
  }
}

async function drainDispatch(): Promise<number> {
  let drained = 0;
  while (drained < messagesExpected) {
    const messages = await receive(dispatchUrl!);
    if (messages.length === 0) continue;
    await deleteAll(dispatchUrl!, messages);
    drained += messages.length;
  }
  return drained;
}

const [drained, forwarded] = await Promise.all([
  drainDispatch().then((count) => (process.stdout.write(`drained ${count}\n`), count)),
  forward(),
]);
process.stdout.write(`forwarded ${forwarded}\n`);
if (drained !== forwarded) process.exitCode = 1;
sqs.destroy();
