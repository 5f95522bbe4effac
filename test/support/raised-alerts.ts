import type { OperatorAlerts, OperatorEvent } from '../../src/application/ports/operator-alerts.port.ts';

/** Operator alerts that remember every event raised, in order, for tests to read. */
export class RaisedAlerts implements OperatorAlerts {
  readonly events: OperatorEvent[] = [];

  raise(event: OperatorEvent): void {
    this.events.push(event);
  }
}
