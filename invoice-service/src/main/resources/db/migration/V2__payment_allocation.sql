-- What is left of each payment after it paid what was open, oldest first: later invoices consume it. The ledger's
-- credit is the sum of these.
CREATE TABLE payment_credit
(
  payment_id  UUID           NOT NULL PRIMARY KEY,
  account_id  UUID           NOT NULL,
  currency    CHAR(3)        NOT NULL,
  remaining   NUMERIC(19, 4) NOT NULL CHECK (remaining >= 0),
  received_at TIMESTAMPTZ    NOT NULL
);
CREATE INDEX payment_credit_open_idx ON payment_credit (account_id, received_at, payment_id) WHERE remaining > 0;

-- Payments that could not be applied (a currency other than the account's): kept for ops to refund, never dropped.
CREATE TABLE payment_rejected
(
  payment_id  UUID           NOT NULL PRIMARY KEY,
  account_id  UUID           NOT NULL,
  amount      NUMERIC(19, 4) NOT NULL,
  currency    CHAR(3)        NOT NULL,
  reason      TEXT           NOT NULL,
  received_at TIMESTAMPTZ    NOT NULL
);
