import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { sqsConfigSchema } from '../../src/adapters/sqs/sqs.config.ts';
import { SqsDeadLetterRedrive } from '../../src/adapters/sqs/sqs.dead-letter-redrive.ts';
import { createSqsQueues } from '../../src/adapters/sqs/sqs.queues.adapter.ts';
import { startFauxqs, type Fauxqs } from '../support/fauxqs.ts';
import { MemoryLogger } from '../support/silent-logger.ts';
import { deadLetterRedriveContract } from './dead-letter-redrive.contract.ts';

let fauxqs: Fauxqs;
const savedEnv = { ...process.env };

beforeAll(async () => {
  fauxqs = await startFauxqs();
  Object.assign(process.env, fauxqs.env);
});

afterAll(async () => {
  process.env = savedEnv;
  await fauxqs?.close();
});

deadLetterRedriveContract('sqs', {
  async create() {
    const fresh = (role: string) => `${role}-${randomUUID().slice(0, 8)}`;
    const [reports, alerts] = await Promise.all([
      fauxqs.createQueue(fresh('informes'), { maxReceiveCount: 10 }),
      fauxqs.createQueue(fresh('alertas'), { maxReceiveCount: 10 }),
    ]);
    const settings = sqsConfigSchema.parse({
      SQS_OFFLINE_REPORTS_URL: reports.url,
      SQS_OFFLINE_ALERTS_URL: alerts.url,
      SQS_ENDPOINT: fauxqs.endpoint,
      AWS_REGION: 'us-east-1',
    });
    const logger = new MemoryLogger();
    const queues = createSqsQueues(settings, logger);
    return { queue: queues, redrive: new SqsDeadLetterRedrive(queues, logger), close: async () => queues.close() };
  },
});
