-- Every Idempotency-Key answerable after any crash, and an unknown outcome kept unknown until the processor answers.
--
-- The key and its payment now commit in one transaction, and the key names its payment: whatever happens after
-- that commit, the key is answered from the payment. A live attempt holds its payment for attempt_until (its
-- lease); a payment whose attempt ended without the processor's answer is UNKNOWN (never FAILED) and is looked up,
-- or charged again under the same reference, at next_lookup_at, backing off.

ALTER TABLE idempotency_key ADD COLUMN payment_id UUID;

ALTER TABLE payment DROP CONSTRAINT payment_status_check;
ALTER TABLE payment ADD CONSTRAINT payment_status_check
  CHECK (status IN ('PENDING', 'UNKNOWN', 'SUCCEEDED', 'FAILED'));
-- The processor token charged: the reconciler can complete the charge even if the card was removed since.
ALTER TABLE payment ADD COLUMN processor_token VARCHAR(255);
ALTER TABLE payment ADD COLUMN failure_message VARCHAR(200);
ALTER TABLE payment ADD COLUMN attempt_until TIMESTAMPTZ;
ALTER TABLE payment ADD COLUMN next_lookup_at TIMESTAMPTZ;
ALTER TABLE payment ADD COLUMN lookups INTEGER NOT NULL DEFAULT 0;
-- When invoice-service's first application of the payment reached us: from then on its receivable counts it.
ALTER TABLE payment ADD COLUMN applied_at TIMESTAMPTZ;

UPDATE payment SET attempt_until = created_at, next_lookup_at = created_at WHERE status = 'PENDING';
UPDATE payment p SET processor_token = m.processor_token FROM payment_method m WHERE m.id = p.payment_method_id;
UPDATE payment SET applied_at = COALESCE(settled_at, created_at) WHERE status = 'SUCCEEDED';

DROP INDEX payment_pending_idx;
-- What the reconciler looks at: payments whose outcome is not known yet, by when they are due.
CREATE INDEX payment_unsettled_idx ON payment (next_lookup_at) WHERE status IN ('PENDING', 'UNKNOWN');
-- What the open-balance rule adds up under the account's lock: payments that invoice-service may not count yet.
CREATE INDEX payment_unapplied_idx ON payment (account_id) WHERE applied_at IS NULL AND status <> 'FAILED';

-- The simulated processor's memory of charges by reference. It plays an external system, whose record of charges
-- outlives any restart of ours; a real processor's adapter does not use it.
CREATE TABLE simulated_charge
(
  reference  VARCHAR(100) NOT NULL PRIMARY KEY,
  charged    BOOLEAN      NOT NULL,
  charge_id  VARCHAR(100),
  code       VARCHAR(50),
  message    VARCHAR(200),
  amount     NUMERIC(19, 4) NOT NULL,
  currency   CHAR(3)      NOT NULL,
  created_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
