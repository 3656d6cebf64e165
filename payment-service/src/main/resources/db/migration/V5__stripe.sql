-- The Stripe adapter's own records: one Stripe customer per account, the webhook events already applied (so a
-- replayed event is acknowledged but applied once), and disputes a customer's bank opened on a payment.

CREATE TABLE stripe_customer
(
  account_id  UUID         NOT NULL PRIMARY KEY,
  customer_id VARCHAR(100) NOT NULL UNIQUE,
  created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE processor_event
(
  event_id    VARCHAR(100) NOT NULL PRIMARY KEY,
  type        VARCHAR(100) NOT NULL,
  received_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX processor_event_received_idx ON processor_event (received_at);

CREATE TABLE payment_dispute
(
  dispute_id VARCHAR(100)   NOT NULL PRIMARY KEY,
  payment_id UUID           NOT NULL REFERENCES payment (id),
  amount     NUMERIC(19, 4) NOT NULL,
  currency   CHAR(3)        NOT NULL,
  reason     VARCHAR(100),
  status     VARCHAR(50)    NOT NULL,
  created_at TIMESTAMPTZ    NOT NULL DEFAULT now()
);
CREATE INDEX payment_dispute_by_payment_idx ON payment_dispute (payment_id);
