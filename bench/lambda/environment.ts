import type { startFauxqs } from '../../test/support/fauxqs.ts';

export const BUCKET = 'ciris-controles-prod';
/** The bench's gowa webhook secret: the receipts function's event is signed with it (invocations.ts). */
export const GOWA_WEBHOOK_SECRET = 'bench-gowa-secret-0123456789';

/**
 * What every cold start of the Lambda bench runs with: STORE=sqlite against a prepared file, QUEUE=sqs and
 * REPORT_STORE=s3 pointing at fauxqs, WHATSAPP_PROVIDER=gowa (never called) set up as README's example of it
 * is, with basic auth and a webhook secret: without them the sending functions log a warning at every start
 * that a deployment as documented never writes. Its address is https, as README's: the adapter prepares its
 * protocol's module when it is made (src/adapters/http-support/http-call.ts), and an http:// address would load
 * `node:http` at every start, which a deployment over https never loads (the SDK has loaded `node:https`).
 */
export async function coldStartEnvironment(
  fauxqs: Awaited<ReturnType<typeof startFauxqs>>,
  dataDir: string,
): Promise<Record<string, string>> {
  await fauxqs.createBucket(BUCKET);
  const queue = async (name: string) => (await fauxqs.createQueue(name)).url;
  return {
    ...fauxqs.env,
    STORE: 'sqlite',
    DATA_DIR: dataDir,
    REPORT_STORE: 's3',
    S3_BUCKET: BUCKET,
    QUEUE: 'sqs',
    SQS_OFFLINE_REPORTS_URL: await queue('whatsapp-informes'),
    SQS_OFFLINE_ALERTS_URL: await queue('notificaciones-controles'),
    SQS_DISPATCH_URL: await queue('cvt-whatsapp-dispatch'),
    MELTWATER_WEBHOOK_TOKEN: 'bench-webhook-token-0123456789abcdef',
    WHATSAPP_PROVIDER: 'gowa',
    GOWA_BASE_URL: 'https://127.0.0.1:9',
    GOWA_USERNAME: 'cvt',
    GOWA_PASSWORD: 'bench-gowa-password',
    GOWA_WEBHOOK_SECRET,
    LOG_LEVEL: 'warn',
  };
}
