import type { AppContainer, ContainerPart } from '../composition/container.ts';
import type { ServiceMap } from '../composition/service-map.ts';
import { readTextInput } from './read-input.ts';

export interface CliStreams {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown };
  readonly stdin: AsyncIterable<Buffer | string>;
}

/** The parts of the container each service needs: none for those listed, every part for any other. */
const PARTS_OF: Partial<Record<keyof ServiceMap, readonly ContainerPart[]>> = {
  config: [],
  clientDirectory: [],
  manageClients: [],
  queryDeliveries: [],
  resendDeliveries: [],
  manageSuppressions: [],
  submitQueueMessage: [],
  deadLetterReader: [],
  deadLetterRedrive: [],
  reportStorage: ['reports'],
};

/** Opens the container with at least these parts, adding them to an open one. */
export type OpenContainer = (parts?: readonly ContainerPart[]) => Promise<AppContainer>;

/**
 * What every command gets: the services and where to write. The container is opened on first use,
 * so `--help` and usage errors need neither a valid configuration nor a database.
 */
export class CliContext {
  readonly #open: OpenContainer;
  readonly #streams: CliStreams;
  #container: Promise<AppContainer> | undefined;
  #failed = false;

  constructor(open: OpenContainer, streams: CliStreams) {
    this.#open = open;
    this.#streams = streams;
  }

  /** The services, with every part of the container unless a command says it needs fewer. */
  services(parts?: readonly ContainerPart[]): Promise<AppContainer> {
    const opened = this.#container;
    this.#container = opened === undefined ? this.#open(parts) : opened.then(() => this.#open(parts));
    return this.#container;
  }

  /** One service, for commands that need only that one: the container is opened with only what it needs. */
  async service<K extends keyof ServiceMap>(name: K) {
    return (await this.services(PARTS_OF[name])).get(name);
  }

  /** Results go to stdout, so they can be piped; logs and notes go to stderr. */
  print(...lines: string[]): void {
    for (const line of lines) this.#streams.stdout.write(`${line}\n`);
  }

  printJson(value: unknown): void {
    this.#streams.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /**
   * A line that follows work in progress: rewritten in place at a terminal, one line per change when
   * the output is a file or a pipe (the caller decides how often it changes).
   */
  progressLine(): { update(line: string): void; end(): void } {
    const stdout = this.#streams.stdout;
    let shown = false;
    return {
      update: (line) => {
        if (stdout.isTTY === true) stdout.write(`\r\u001b[2K${line}`);
        else stdout.write(`${line}\n`);
        shown = true;
      },
      end: () => {
        if (shown && stdout.isTTY === true) stdout.write('\n');
      },
    };
  }

  /** A remark for the person at the terminal that is not part of the result. */
  note(...lines: string[]): void {
    for (const line of lines) this.#streams.stderr.write(`${line}\n`);
  }

  readInput(path: string): Promise<string> {
    return readTextInput(path, this.#streams.stdin);
  }

  /** The command printed its result but something in it failed: exit with 1 once everything is closed. */
  fail(): void {
    this.#failed = true;
  }

  get failed(): boolean {
    return this.#failed;
  }

  async close(): Promise<void> {
    const opening = this.#container;
    this.#container = undefined;
    // A container that failed to open (a bad configuration) has nothing to close.
    const container = await opening?.catch(() => undefined);
    await container?.close();
  }
}
