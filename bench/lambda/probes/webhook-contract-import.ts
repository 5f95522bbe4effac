import { mentionsFromWebhookBody } from '../../../src/entrypoints/contracts/meltwater-webhook.plain.ts';

/** Probe: importing the Meltwater webhook's contract (zod schemas built when imported), not using it. */
export async function handler(): Promise<unknown> {
  return mentionsFromWebhookBody;
}
