import type { AddressInfo } from 'node:net';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';

export interface FauxqsQueue {
  /** The queue URL on the loopback endpoint (fauxqs answers with a host that does not resolve here). */
  readonly url: string;
  readonly arn: string;
  readonly deadLetter?: { readonly url: string; readonly arn: string };
}

export interface Fauxqs {
  readonly endpoint: string;
  /** The settings that point the service's AWS clients at this emulator. */
  readonly env: Readonly<Record<string, string>>;
  readonly sqs: SQSClient;
  readonly s3: S3Client;
  createQueue(name: string, options?: { maxReceiveCount?: number; visibilityTimeoutSeconds?: number }): Promise<FauxqsQueue>;
  createBucket(name: string): Promise<void>;
  close(): Promise<void>;
}

const REGION = 'us-east-1';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** fauxqs, the S3 and SQS emulator, on 127.0.0.1 only (its own start helper listens on every interface). */
export async function startFauxqs(): Promise<Fauxqs> {
  const app = buildApp({ logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const sqs = new SQSClient({ endpoint, region: REGION, credentials });
  const s3 = new S3Client({ endpoint, region: REGION, credentials, forcePathStyle: true });
  const loopback = (url: string) => `${endpoint}${new URL(url).pathname}`;

  const queue = async (name: string, attributes: Record<string, string>) => {
    const created = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
    const url = loopback(created.QueueUrl!);
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
    return { url, arn: Attributes!['QueueArn']! };
  };

  return {
    endpoint,
    env: {
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      S3_ENDPOINT: endpoint,
      SQS_ENDPOINT: endpoint,
    },
    sqs,
    s3,
    async createQueue(name, options = {}) {
      const visibility = String(options.visibilityTimeoutSeconds ?? 30);
      if (options.maxReceiveCount === undefined) return queue(name, { VisibilityTimeout: visibility });
      const deadLetter = await queue(`${name}-dlq`, {});
      const main = await queue(name, {
        VisibilityTimeout: visibility,
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetter.arn, maxReceiveCount: options.maxReceiveCount }),
      });
      return { ...main, deadLetter };
    },
    async createBucket(name) {
      await s3.send(new CreateBucketCommand({ Bucket: name }));
    },
    async close() {
      sqs.destroy();
      s3.destroy();
      await app.close();
    },
  };
}
