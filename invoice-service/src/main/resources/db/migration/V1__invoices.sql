-- Invoices, their lines and the payments applied to them, and each paying account's ledger.

-- Invoice numbers run per year without gaps (INV-2026-000001, ...): the counter row is updated in the issuing
-- transaction, so a rolled-back issue gives its number back. Auditors ask for gapless numbering; a sequence cannot
-- promise it.
CREATE TABLE invoice_number_counter
(
  year       INTEGER NOT NULL PRIMARY KEY,
  last_value BIGINT  NOT NULL
);

CREATE TABLE invoice
(
  id           UUID           NOT NULL PRIMARY KEY,
  number       VARCHAR(24)    NOT NULL UNIQUE,
  -- The account that pays it: for a child invoiced by its parent, the parent.
  account_id   UUID           NOT NULL,
  issue_date   DATE           NOT NULL,
  due_date     DATE           NOT NULL,
  period_start DATE           NOT NULL,
  period_end   DATE           NOT NULL,
  currency     CHAR(3)        NOT NULL,
  subtotal     NUMERIC(19, 4) NOT NULL,
  tax_rate     NUMERIC(9, 6),
  tax          NUMERIC(19, 4) NOT NULL,
  total        NUMERIC(19, 4) NOT NULL CHECK (total >= 0),
  amount_paid  NUMERIC(19, 4) NOT NULL DEFAULT 0 CHECK (amount_paid >= 0),
  balance      NUMERIC(19, 4) NOT NULL CHECK (balance >= 0),
  status       VARCHAR(16)    NOT NULL CHECK (status IN ('OPEN', 'PARTIALLY_PAID', 'PAID', 'VOID')),
  -- Name, number, contact and address of the payer as they were on the day of issue: an issued invoice never changes.
  bill_to      JSONB          NOT NULL,
  issued_at    TIMESTAMPTZ    NOT NULL,
  -- Grows whenever amount_paid, balance or status move, so that the PDF's ETag changes with what it shows.
  revision     INTEGER        NOT NULL DEFAULT 0,
  CHECK (due_date >= issue_date),
  CHECK (period_end >= period_start),
  CHECK (subtotal + tax = total),
  CHECK (status = 'VOID' OR amount_paid + balance = total)
);
-- One index per sort order of the list, each ending with the number so that equal keys keep a stable order and a
-- page is read in index order instead of sorting the account's invoices. The default list (open, by due date) has a
-- partial index of its own, so that paid history does not slow it down.
CREATE INDEX invoice_open_by_due_idx ON invoice (account_id, due_date, number) WHERE status IN ('OPEN', 'PARTIALLY_PAID');
CREATE INDEX invoice_by_due_idx ON invoice (account_id, due_date, number);
CREATE INDEX invoice_by_issue_idx ON invoice (account_id, issue_date, number);
CREATE INDEX invoice_by_number_idx ON invoice (account_id, number);
CREATE INDEX invoice_by_total_idx ON invoice (account_id, total, number);
CREATE INDEX invoice_by_balance_idx ON invoice (account_id, balance, number);

CREATE TABLE invoice_line
(
  invoice_id             UUID           NOT NULL REFERENCES invoice (id),
  line_no                INTEGER        NOT NULL,
  description            VARCHAR(500)   NOT NULL,
  product                VARCHAR(200)   NOT NULL,
  charged_account_id     UUID           NOT NULL,
  charged_account_number VARCHAR(20)    NOT NULL,
  quantity               NUMERIC(19, 6) NOT NULL,
  unit_price             NUMERIC(19, 6) NOT NULL,
  amount                 NUMERIC(19, 4) NOT NULL,
  PRIMARY KEY (invoice_id, line_no)
);
CREATE INDEX invoice_line_by_charged_account_idx ON invoice_line (charged_account_id);

-- Payments applied to an invoice (written by the allocation of issue #6).
CREATE TABLE invoice_payment
(
  invoice_id UUID           NOT NULL REFERENCES invoice (id),
  payment_id UUID           NOT NULL,
  amount     NUMERIC(19, 4) NOT NULL CHECK (amount > 0),
  applied_at TIMESTAMPTZ    NOT NULL,
  PRIMARY KEY (invoice_id, payment_id)
);

-- Per paying account: what its open invoices add up to, unapplied credit, and the sequence of its balance changes.
-- Locked by every change of the account's balance, which serialises them and numbers their events.
CREATE TABLE account_ledger
(
  account_id UUID           NOT NULL PRIMARY KEY,
  currency   CHAR(3)        NOT NULL,
  open_total NUMERIC(19, 4) NOT NULL CHECK (open_total >= 0),
  credit     NUMERIC(19, 4) NOT NULL CHECK (credit >= 0),
  sequence   BIGINT         NOT NULL
);
