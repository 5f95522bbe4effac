import { Worker } from 'node:worker_threads';
import { SQSClient } from '@aws-sdk/client-sqs';
import { GetObjectCommand, HeadBucketCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

/**
 * A second reference, for information: what the two report functions need that no other function does, and
 * nothing of ours. Besides the SQS client of bench/lambda/sqs-reference.handler.ts it constructs the S3 client
 * with the four commands the report storage sends (src/adapters/s3/s3.report-storage.adapter.ts) and imports the
 * worker threads the render pool starts its page parses in (src/adapters/worker-threads/worker-pool.ts). A report
 * function's start over this one is what our own code adds on top of its needs, as the other functions' over the
 * SQS reference.
 */
export async function handler(): Promise<unknown> {
  return [new SQSClient({}), new S3Client({}), GetObjectCommand, HeadBucketCommand, HeadObjectCommand, PutObjectCommand, Worker];
}
