import { SQSClient } from '@aws-sdk/client-sqs';
import { GetObjectCommand, HeadBucketCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

/** Probe: the reference's SQS client and the report functions' S3 client, with the four commands the report storage sends. */
export async function handler(): Promise<unknown> {
  return [new SQSClient({}), new S3Client({}), GetObjectCommand, HeadBucketCommand, HeadObjectCommand, PutObjectCommand];
}
