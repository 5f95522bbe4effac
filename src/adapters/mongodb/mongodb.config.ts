import * as z from 'zod';

// MongoDB refuses these in names; catching them here stops the process at start with the setting's name.
const databaseName = z
  .string()
  .regex(/^[^/\\. "$*<>:|?\0]{1,63}$/u, 'must be a MongoDB database name: 1 to 63 characters, none of / \\ . " $ * < > : | ? or space');
const collectionName = z
  .string()
  .regex(/^(?!system\.)[^$\0]{1,120}$/u, 'must be a MongoDB collection name: 1 to 120 characters, no $, not system.*');

/**
 * The MongoDB store (STORE=mongodb): CVT's own `usuarioclientes` collection, read only, and this
 * service's two collections beside it. Parsed only when STORE=mongodb, so MONGODB_URI is required here.
 */
export const mongodbConfigSchema = z.object({
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(?:\+srv)?:\/\/\S+$/u, 'must be a mongodb:// or mongodb+srv:// connection string')
    .describe('MongoDB connection string, credentials included (never logged); required when STORE=mongodb.'),
  MONGODB_DB: databaseName.default('controles').describe("Database that holds CVT's usuarioclientes and this service's collections."),
  MONGODB_USERS_COLLECTION: collectionName
    .default('usuarioclientes')
    .describe("CVT's collection of client users ({clienteId, correo, borrado}); only ever read."),
  MONGODB_DELIVERIES_COLLECTION: collectionName
    .default('cvt_whatsapp_deliveries')
    .describe('Collection of the delivery ledger (one document per message), created and indexed by the service.'),
  MONGODB_RECEIPTS_COLLECTION: collectionName
    .default('cvt_whatsapp_pending_receipts')
    .describe('Collection of delivery receipts that arrived before their send was confirmed.'),
  MONGODB_RUNS_COLLECTION: collectionName
    .default('cvt_whatsapp_newsletter_runs')
    .describe('Collection of the history of newsletter runs (GET /api/reports/runs).'),
  MONGODB_SUPPRESSIONS_COLLECTION: collectionName
    .default('cvt_whatsapp_suppressions')
    .describe('Collection of the numbers that asked to receive nothing (BAJA), one document per number.'),
  MONGODB_WINDOWS_COLLECTION: collectionName
    .default('cvt_whatsapp_conversation_windows')
    .describe("Collection of when each contact last wrote (WhatsApp's 24-hour window), one document per number."),
});
export type MongodbConfig = z.infer<typeof mongodbConfigSchema>;
