import { Worker } from 'node:worker_threads';
import { SQSClient } from '@aws-sdk/client-sqs';

/** Probe: the reference's SQS client and Node's worker threads, which the report functions' render pool needs. */
export async function handler(): Promise<unknown> {
  return [new SQSClient({}), Worker];
}
