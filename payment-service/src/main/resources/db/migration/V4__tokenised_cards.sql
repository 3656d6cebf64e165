-- Cards reach the processor from the customer's browser or app and come back as tokens: the simulated processor
-- now keeps its cards itself, as a real processor does, and remembers refunds.

CREATE TABLE simulated_card
(
  token       VARCHAR(255) NOT NULL PRIMARY KEY,
  -- The customer the card was attached to first; a token is never another account's.
  account_id  UUID,
  brand       VARCHAR(20)  NOT NULL,
  last4       CHAR(4)      NOT NULL,
  exp_month   SMALLINT     NOT NULL,
  exp_year    SMALLINT     NOT NULL,
  holder_name VARCHAR(100) NOT NULL,
  detached    BOOLEAN      NOT NULL DEFAULT FALSE,
  created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Cards saved before the simulator kept cards: it learns them from what we kept.
INSERT INTO simulated_card (token, account_id, brand, last4, exp_month, exp_year, holder_name)
SELECT processor_token, account_id, brand, last4, exp_month, exp_year, holder_name
FROM payment_method
WHERE processor_token LIKE 'tok_sim_%'
ON CONFLICT (token) DO NOTHING;

CREATE TABLE simulated_refund
(
  reference  VARCHAR(100)   NOT NULL PRIMARY KEY,
  charge_id  VARCHAR(100)   NOT NULL,
  refund_id  VARCHAR(100)   NOT NULL,
  amount     NUMERIC(19, 4) NOT NULL,
  created_at TIMESTAMPTZ    NOT NULL DEFAULT now()
);
CREATE INDEX simulated_refund_by_charge_idx ON simulated_refund (charge_id);

-- A card that wants the customer's confirmation (3-D Secure): what the customer's page or app needs to show the
-- bank's challenge, kept while the payment waits for it.
ALTER TABLE payment ADD COLUMN action_secret VARCHAR(255);

-- A token is saved once per account.
CREATE UNIQUE INDEX payment_method_token_idx ON payment_method (account_id, processor_token);

-- Waiting for the customer to confirm with their bank: neither unknown (the processor told us) nor final.
ALTER TABLE payment DROP CONSTRAINT payment_status_check;
ALTER TABLE payment ADD CONSTRAINT payment_status_check
  CHECK (status IN ('PENDING', 'UNKNOWN', 'ACTION_REQUIRED', 'SUCCEEDED', 'FAILED'));
DROP INDEX payment_unsettled_idx;
CREATE INDEX payment_unsettled_idx ON payment (next_lookup_at) WHERE status IN ('PENDING', 'UNKNOWN', 'ACTION_REQUIRED');
