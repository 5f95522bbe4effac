/** Applied in order, each once; the database's `user_version` counts those already applied. Never edit one that shipped. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE clients (
    id TEXT PRIMARY KEY,
    name TEXT,
    provider TEXT,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE client_users (
    client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    correo TEXT NOT NULL,
    PRIMARY KEY (client_id, position)
  );
  CREATE INDEX client_users_correo ON client_users (correo);

  CREATE TABLE deliveries (
    id TEXT PRIMARY KEY,
    job TEXT NOT NULL,
    event_key TEXT NOT NULL,
    client_id TEXT,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    message TEXT NOT NULL,
    status TEXT NOT NULL,
    provider TEXT,
    provider_message_id TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    claim_token TEXT,
    lease_until INTEGER,
    next_attempt_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (job, event_key, channel, recipient)
  );
  CREATE INDEX deliveries_queued ON deliveries (status, next_attempt_at);
  CREATE INDEX deliveries_leased ON deliveries (status, lease_until);
  CREATE INDEX deliveries_newest ON deliveries (created_at DESC);
  CREATE INDEX deliveries_client ON deliveries (client_id, created_at DESC);
  CREATE INDEX deliveries_provider_message ON deliveries (provider_message_id);

  CREATE TABLE queue_messages (
    id TEXT PRIMARY KEY,
    queue TEXT NOT NULL,
    body TEXT NOT NULL,
    receive_count INTEGER NOT NULL DEFAULT 0,
    receipt TEXT,
    visible_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX queue_messages_visible ON queue_messages (queue, visible_at);
  CREATE TABLE dead_letters (
    id TEXT PRIMARY KEY,
    queue TEXT NOT NULL,
    body TEXT NOT NULL,
    reason TEXT NOT NULL,
    receive_count INTEGER NOT NULL,
    dead_at INTEGER NOT NULL
  );
  CREATE INDEX dead_letters_queue ON dead_letters (queue, dead_at DESC);
  `,
  // A receipt can arrive before the send that it is about is confirmed (gowa issue #726): it waits here.
  `
  CREATE TABLE pending_receipts (
    provider TEXT NOT NULL,
    provider_message_id TEXT NOT NULL,
    status TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (provider, provider_message_id)
  );
  `,
  // Issue 10: deliveries wait for a provider that is down (without spending attempts), expire when too old,
  // can be requeued by an operator (their age then counts from the requeue), and keep a history.
  `
  ALTER TABLE deliveries ADD COLUMN waiting_for TEXT;
  ALTER TABLE deliveries ADD COLUMN waiting_since INTEGER;
  ALTER TABLE deliveries ADD COLUMN queued_at INTEGER;
  UPDATE deliveries SET queued_at = created_at;
  CREATE INDEX deliveries_waiting ON deliveries (waiting_for, status);
  CREATE INDEX deliveries_job_queued ON deliveries (status, job, queued_at);
  CREATE TABLE delivery_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    type TEXT NOT NULL,
    detail TEXT NOT NULL
  );
  CREATE INDEX delivery_events_delivery ON delivery_events (delivery_id, seq);
  `,
  // The history of newsletter runs (issue 10 §5); `failed` holds the run's failures as JSON.
  `
  CREATE TABLE newsletter_runs (
    id TEXT PRIMARY KEY,
    trigger TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    finished_at INTEGER NOT NULL,
    checked INTEGER NOT NULL,
    sent INTEGER NOT NULL,
    unchanged INTEGER NOT NULL,
    failed TEXT NOT NULL,
    failed_count INTEGER NOT NULL
  );
  CREATE INDEX newsletter_runs_newest ON newsletter_runs (started_at DESC);
  `,
  // Contacts who asked to receive nothing (BAJA), and when each contact last wrote (WhatsApp's 24-hour window).
  `
  CREATE TABLE suppressions (
    phone TEXT PRIMARY KEY,
    since INTEGER NOT NULL,
    source TEXT NOT NULL,
    provider TEXT
  );
  CREATE INDEX suppressions_newest ON suppressions (since DESC);
  CREATE TABLE conversation_windows (
    phone TEXT PRIMARY KEY,
    last_inbound_at INTEGER NOT NULL
  );
  `,
  // The write path (bench/notes/webhook-per-request.md, 2026-12-03). A delivery's 'recorded' event is its own
  // creation (created_at, job, channel): the ledger reads it from the delivery instead of writing a second row
  // per delivery recorded. Three indexes keep only the rows their queries look for, so that recording a
  // delivery no longer adds an entry to each: leases (the dispatcher's expired-lease scan), provider message
  // ids (receipts) and waits (a provider back up). Status lookups keep deliveries_queued (status first).
  `
  DELETE FROM delivery_events WHERE type = 'recorded';
  DROP INDEX deliveries_leased;
  CREATE INDEX deliveries_leased ON deliveries (status, lease_until) WHERE status = 'sending';
  DROP INDEX deliveries_provider_message;
  CREATE INDEX deliveries_provider_message ON deliveries (provider_message_id) WHERE provider_message_id IS NOT NULL;
  DROP INDEX deliveries_waiting;
  CREATE INDEX deliveries_waiting ON deliveries (waiting_for, status) WHERE waiting_for IS NOT NULL;
  `,
  // A successful send writes no history row (bench/notes/fanout.md, 2026-12-03): the delivery holds its latest
  // attempt's claim and send times, read as the 'claimed' and 'sent' events; the ledger stores them as rows only
  // before a later event (a failure, a receipt, another claim). Deliveries from before keep their rows and no such
  // times: their story reads as it was written.
  `
  ALTER TABLE deliveries ADD COLUMN claimed_at INTEGER;
  ALTER TABLE deliveries ADD COLUMN sent_at INTEGER;
  `,
];
