/**
 * Templates Meta paused or disabled, by name: their jobs wait instead of spending sends Meta would refuse.
 * A `message_template_status_update` webhook pauses one until Meta approves it again (docs/contracts/providers/cloudapi.md §3.5); a
 * 132015 answer to a send pauses it for a while only, since the process that sends (a Lambda function) may
 * never see the webhook that lifts the pause. State is kept in the process.
 */
export class TemplateStates {
  readonly #paused = new Map<string, { readonly event: string; readonly until: number }>();

  /** `forMs` omitted: until {@link resume}. */
  pause(template: string, event: string, now: number, forMs?: number): void {
    this.#paused.set(template, { event, until: forMs === undefined ? Number.POSITIVE_INFINITY : now + forMs });
  }

  resume(template: string): void {
    this.#paused.delete(template);
  }

  /** The event that paused it (`PAUSED`, `DISABLED`, …), or undefined when it may be sent. */
  pausedBy(template: string, now: number): string | undefined {
    const pause = this.#paused.get(template);
    if (pause === undefined) return undefined;
    if (now < pause.until) return pause.event;
    this.#paused.delete(template);
    return undefined;
  }
}
