-- Refunds of succeeded payments, full or partial, by operations staff or at the processor. A refund's id is the
-- reference the processor gets, which makes it idempotent there; an outcome that did not come back leaves it
-- UNKNOWN, refunded again under the same reference until the processor answers.

CREATE TABLE refund
(
  id                  UUID           NOT NULL PRIMARY KEY,
  payment_id          UUID           NOT NULL REFERENCES payment (id),
  account_id          UUID           NOT NULL,
  amount              NUMERIC(19, 4) NOT NULL CHECK (amount > 0),
  currency            CHAR(3)        NOT NULL,
  status              VARCHAR(20)    NOT NULL CHECK (status IN ('PENDING', 'UNKNOWN', 'SUCCEEDED', 'FAILED')),
  reason              VARCHAR(200),
  -- ops: asked for through Portico; processor: made at the processor (its dashboard) and learnt from its webhook.
  origin              VARCHAR(20)    NOT NULL CHECK (origin IN ('ops', 'processor')),
  idempotency_key     VARCHAR(255),
  processor_refund_id VARCHAR(100)   UNIQUE,
  failure_code        VARCHAR(50),
  failure_message     VARCHAR(200),
  attempts            INTEGER        NOT NULL DEFAULT 0,
  next_attempt_at     TIMESTAMPTZ,
  created_at          TIMESTAMPTZ    NOT NULL,
  settled_at          TIMESTAMPTZ,
  UNIQUE (payment_id, idempotency_key)
);
CREATE INDEX refund_by_payment_idx ON refund (payment_id, created_at);
CREATE INDEX refund_unsettled_idx ON refund (next_attempt_at) WHERE status IN ('PENDING', 'UNKNOWN');
