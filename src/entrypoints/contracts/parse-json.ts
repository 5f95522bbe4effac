import type { z } from 'zod';
import { issueText } from './issue-text.ts';

// Apart from the issues' wording (zod's), so that a reader without a schema does not load it.
export { parseJson } from './json-body.ts';

/** A zod error as one readable line: `destinatarios: expected a list, not a text; idEnvio: missing; expected a text or a whole number`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.slice(0, 5).map(issueText).join('; ');
}
