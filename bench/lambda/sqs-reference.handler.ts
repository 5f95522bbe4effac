import { SQSClient } from '@aws-sdk/client-sqs';

/**
 * The reference each Lambda bundle is measured against (issue: light Lambdas): a function that only
 * imports and constructs the SQS client, the least every one of ours must do, built with the same
 * esbuild settings as the deployables (scripts/build.ts).
 */
export async function handler(): Promise<void> {
  new SQSClient({});
}
