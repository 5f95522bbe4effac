import { setTimeout as delay } from 'node:timers/promises';
import type { Clock } from '../../application/ports/clock.port.ts';

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (ms <= 0) return;
    await delay(ms, undefined, signal === undefined ? {} : { signal }).catch(() => undefined);
  }
}
