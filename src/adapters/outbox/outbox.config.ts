import * as z from 'zod';

/** The outbox needs nothing: it records messages in DATA_DIR/outbox.db. */
export const outboxConfigSchema = z.object({});
