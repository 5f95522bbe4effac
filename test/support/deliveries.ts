import type { DeliveryRequest } from '../../src/domain/deliveries/delivery.ts';
import type { Job } from '../../src/domain/deliveries/job.ts';
import type { PhoneNumber } from '../../src/domain/phone/phone-number.ts';

/** A delivery request for tests: event `e<n>` to recipient `+5068800000<n>`. */
export function deliveryRequest(event: number | string, recipient: number, job: Job = 'offline-alert'): DeliveryRequest {
  return {
    job,
    eventKey: typeof event === 'number' ? `e${event}` : event,
    clientId: '5792a7288ac8f35b0aa93bee',
    channel: 'whatsapp',
    recipient: `+506880000${String(recipient).padStart(2, '0')}` as PhoneNumber,
    message: { job, text: `Mensaje ${event}`, variables: { titulo: `Mensaje ${event}` } },
  };
}
