-- Saved cards. Only what the processor gave back for a card (its token, brand, last four digits) and what the
-- customer sees; the card number and the CVC are never stored, here or anywhere else.

CREATE TABLE payment_method
(
  id              UUID         NOT NULL PRIMARY KEY,
  account_id      UUID         NOT NULL,
  processor_token VARCHAR(255) NOT NULL,
  brand           VARCHAR(20)  NOT NULL,
  last4           CHAR(4)      NOT NULL,
  exp_month       SMALLINT     NOT NULL CHECK (exp_month BETWEEN 1 AND 12),
  exp_year        SMALLINT     NOT NULL,
  holder_name     VARCHAR(100) NOT NULL,
  is_default      BOOLEAN      NOT NULL DEFAULT FALSE,
  created_at      TIMESTAMPTZ  NOT NULL
);
-- The list's order: the default first, then the newest.
CREATE INDEX payment_method_by_account_idx ON payment_method (account_id, created_at DESC, id);
-- At most one default per account.
CREATE UNIQUE INDEX payment_method_one_default_idx ON payment_method (account_id) WHERE is_default;
