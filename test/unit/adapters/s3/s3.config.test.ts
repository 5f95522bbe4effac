import { describe, expect, it } from 'vitest';
import { s3ConfigSchema } from '../../../../src/adapters/s3/s3.config.ts';

describe('S3 settings', () => {
  it('default to CVT\u2019s bucket on AWS in us-east-1', () => {
    expect(s3ConfigSchema.parse({})).toEqual({ S3_BUCKET: 'ciris-controles-prod', AWS_REGION: 'us-east-1' });
  });

  it('refuse a bucket name or endpoint that cannot be right', () => {
    expect(s3ConfigSchema.safeParse({ S3_BUCKET: 'Mi_Bucket' }).success).toBe(false);
    expect(s3ConfigSchema.safeParse({ S3_ENDPOINT: 'minio:9000' }).success).toBe(false);
    expect(s3ConfigSchema.safeParse({ AWS_REGION: 'virginia' }).success).toBe(false);
  });
});
