import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { persistenceModules } from '../composition/modules/families.ts';
import { messagingModule } from '../composition/modules/messaging.module.ts';
import { pushModule } from '../composition/modules/push.module.ts';
import { dispatchModule } from '../composition/modules/use-cases/dispatch.module.ts';
import { dispatchQueueHandler } from '../shared/dispatch-queue-handler.ts';
import { lambdaContainer } from './lambda-container.ts';
import { SENDING_SETTINGS } from './lambda-settings.ts';
import { processSqsBatch } from './sqs-batch.ts';

const services = lambdaContainer({
  providers: true,
  settings: [...SENDING_SETTINGS, 'ONESIGNAL_API', 'ONESIGNAL_BASE_URL'],
  modules: async (config) => [
    ...(await persistenceModules(config)),
    await messagingModule(config),
    await pushModule(config),
    dispatchModule(),
  ],
});

/**
 * docs/contracts/product.md §8 on Lambda: each record of `cvt-whatsapp-dispatch` names a delivery. A delivery to retry
 * is reported failed with its visibility set to the backoff the dispatcher chose, so it comes back then.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const container = await services();
  const handle = dispatchQueueHandler({
    dispatch: container.get('dispatchDelivery'),
    ledger: container.get('deliveryLedger'),
    clock: container.get('clock'),
  });
  return processSqsBatch(
    event,
    (record) => handle(record.body),
    container.get('logger').child({ queue: 'dispatch' }),
    // Resolved only for a retry: a batch whose deliveries all went out never builds the SQS client.
    (record, delayMs) =>
      container.get('queueConsumer').retryLater(
        'dispatch',
        {
          id: record.messageId,
          body: record.body,
          receiveCount: Number(record.attributes.ApproximateReceiveCount),
          receipt: record.receiptHandle,
        },
        delayMs,
      ),
  );
}
