/**
 * Templates Meta paused or disabled (`message_template_status_update`, cloudapi.md §3.5), by name: their
 * jobs wait instead of spending sends Meta would refuse with 132015/132016. Kept in the process that
 * received the webhook; elsewhere Meta's own 132015 answer pauses the template the same way.
 */
export class TemplateStates {
  readonly #paused = new Map<string, string>();

  pause(template: string, event: string): void {
    this.#paused.set(template, event);
  }

  resume(template: string): void {
    this.#paused.delete(template);
  }

  /** The event that paused it (`PAUSED`, `DISABLED`, …), or undefined when it may be sent. */
  pausedBy(template: string): string | undefined {
    return this.#paused.get(template);
  }
}
