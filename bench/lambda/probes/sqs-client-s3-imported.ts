import { SQSClient } from '@aws-sdk/client-sqs';
import { GetObjectCommand, HeadBucketCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

/** Probe: the report functions' S3 client imported with its four commands, but not constructed, beside the reference. */
export async function handler(): Promise<unknown> {
  return [new SQSClient({}), S3Client, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, PutObjectCommand];
}
