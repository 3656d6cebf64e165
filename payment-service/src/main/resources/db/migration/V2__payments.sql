-- Payments, the idempotency keys they were asked with, and where invoice-service applied them.

CREATE TABLE payment
(
  id                UUID           NOT NULL PRIMARY KEY,
  account_id        UUID           NOT NULL,
  payment_method_id UUID           NOT NULL,
  invoice_id        UUID,
  amount            NUMERIC(19, 4) NOT NULL CHECK (amount > 0),
  currency          CHAR(3)        NOT NULL,
  status            VARCHAR(16)    NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
  -- The processor's id of the charge once it succeeded; the decline code once it failed.
  charge_id         VARCHAR(100),
  failure_code      VARCHAR(50),
  created_at        TIMESTAMPTZ    NOT NULL,
  settled_at        TIMESTAMPTZ
);
CREATE INDEX payment_by_account_idx ON payment (account_id, created_at DESC, id);
-- What the reconciler looks at: payments whose outcome is not known yet.
CREATE INDEX payment_pending_idx ON payment (created_at) WHERE status = 'PENDING';

-- One row per (account, Idempotency-Key): the hash of the request, and once answered, the answer to replay.
CREATE TABLE idempotency_key
(
  account_id      UUID         NOT NULL,
  idempotency_key VARCHAR(255) NOT NULL,
  request_hash    CHAR(64)     NOT NULL,
  response_status INTEGER,
  response_body   TEXT,
  created_at      TIMESTAMPTZ  NOT NULL,
  PRIMARY KEY (account_id, idempotency_key)
);
CREATE INDEX idempotency_key_by_created_idx ON idempotency_key (created_at);

-- Where invoice-service applied each payment (PaymentAllocated on invoices.v1), for the payment history.
CREATE TABLE payment_allocation
(
  payment_id     UUID           NOT NULL,
  invoice_id     UUID           NOT NULL,
  invoice_number VARCHAR(24)    NOT NULL,
  amount         NUMERIC(19, 4) NOT NULL,
  PRIMARY KEY (payment_id, invoice_id)
);
