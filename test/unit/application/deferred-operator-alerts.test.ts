import { describe, expect, it } from 'vitest';
import type { OperatorEvent } from '../../../src/application/ports/operator-alerts.port.ts';
import { DeferredOperatorAlerts, type StoppableOperatorAlerts } from '../../../src/application/services/deferred-operator-alerts.ts';
import { RaisedAlerts } from '../../support/raised-alerts.ts';
import { MemoryLogger } from '../../support/silent-logger.ts';

const deadLettered = (queue: string): OperatorEvent => ({ kind: 'dead-lettered', queue, reason: 'bad body' });

/** A service whose load the test finishes (or fails) when it says. */
function controlledLoad() {
  const service = Object.assign(new RaisedAlerts(), { stopped: 0, stop: async () => void service.stopped++ });
  let loads = 0;
  let finish: (outcome: 'loaded' | Error) => void = () => undefined;
  const load = (): Promise<StoppableOperatorAlerts> => {
    loads++;
    return new Promise((resolve, reject) => {
      finish = (outcome) => (outcome === 'loaded' ? resolve(service) : reject(outcome));
    });
  };
  return { service, load, finish: (outcome: 'loaded' | Error) => finish(outcome), loads: () => loads };
}

describe('operator alerts loaded on the first event', () => {
  it('loads nothing until an event is raised, and stopping then has nothing to stop', async () => {
    const { load, loads } = controlledLoad();
    const alerts = new DeferredOperatorAlerts(load, new MemoryLogger());
    await alerts.stop();
    expect(loads()).toBe(0);
  });

  it('hands the events raised while it loads over in order, then passes the next ones straight on, loading once', async () => {
    const { service, load, finish, loads } = controlledLoad();
    const alerts = new DeferredOperatorAlerts(load, new MemoryLogger());
    alerts.raise(deadLettered('a'));
    alerts.raise(deadLettered('b'));
    expect(service.events).toEqual([]);
    finish('loaded');
    await alerts.stop();
    alerts.raise(deadLettered('c'));
    expect(service.events).toEqual([deadLettered('a'), deadLettered('b'), deadLettered('c')]);
    expect(loads()).toBe(1);
    expect(service.stopped).toBe(1);
  });

  it('never throws when the service cannot be loaded: it logs the events lost, and the next event tries again', async () => {
    const logger = new MemoryLogger();
    const { service, load, finish, loads } = controlledLoad();
    const alerts = new DeferredOperatorAlerts(load, logger);
    alerts.raise(deadLettered('a'));
    finish(new Error('chunk missing'));
    await alerts.stop();
    expect(logger.lines).toEqual([
      {
        level: 'error',
        message: 'operator notices could not be loaded',
        fields: { error: new Error('chunk missing'), lost: ['dead-lettered'] },
      },
    ]);
    alerts.raise(deadLettered('b'));
    finish('loaded');
    await alerts.stop();
    expect(loads()).toBe(2);
    expect(service.events).toEqual([deadLettered('b')]);
  });
});
