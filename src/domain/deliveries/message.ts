import type { Job } from './job.ts';

/** Variables a template provider can map to its own parameters (docs/contracts/product.md §7). */
export const MESSAGE_VARIABLES = ['titulo', 'link', 'subject', 'fuente', 'sentimiento', 'cliente'] as const;
export type MessageVariable = (typeof MESSAGE_VARIABLES)[number];
export type MessageVariables = Partial<Record<MessageVariable, string>>;

/**
 * A message ready to send: the Spanish text for free-text providers and the variables it was built
 * from, for template providers.
 */
export interface OutgoingMessage {
  readonly job: Job;
  /** A heading, for channels that show one (push notifications). */
  readonly title?: string;
  readonly text: string;
  readonly variables: MessageVariables;
}
