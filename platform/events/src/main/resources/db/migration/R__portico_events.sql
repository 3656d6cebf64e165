-- Tables of the platform's event mechanisms, present in every service database.
-- Repeatable and idempotent: Flyway re-applies it when it changes, after the service's own migrations.

-- Spring Modulith's JDBC event publication registry: the outbox. The columns are those of its schema v2; the services
-- use its repository without status (use-legacy-structure), which leaves status and the two after it empty.
CREATE TABLE IF NOT EXISTS event_publication
(
  id                     UUID NOT NULL,
  listener_id            TEXT NOT NULL,
  event_type             TEXT NOT NULL,
  serialized_event       TEXT NOT NULL,
  publication_date       TIMESTAMP WITH TIME ZONE NOT NULL,
  completion_date        TIMESTAMP WITH TIME ZONE,
  status                 TEXT,
  completion_attempts    INT,
  last_resubmission_date TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS event_publication_serialized_event_hash_idx ON event_publication USING hash(serialized_event);
CREATE INDEX IF NOT EXISTS event_publication_by_completion_date_idx ON event_publication (completion_date);

-- Idempotent consumers: one row per (consumer, event) applied, written in the transaction that applies it.
CREATE TABLE IF NOT EXISTS processed_event
(
  consumer     TEXT        NOT NULL,
  event_id     UUID        NOT NULL,
  processed_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (consumer, event_id)
);
CREATE INDEX IF NOT EXISTS processed_event_by_processed_at_idx ON processed_event (processed_at);
