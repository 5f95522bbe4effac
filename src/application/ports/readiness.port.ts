export interface ReadinessCheck {
  readonly ok: boolean;
  readonly detail: string;
}

/** One dependency the service needs to do its work (database, queue, provider session). */
export interface ReadinessProbe {
  readonly name: string;
  check(): Promise<ReadinessCheck>;
}
