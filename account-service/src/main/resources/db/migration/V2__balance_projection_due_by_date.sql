-- The balance projection learns which open invoice is due on which day, so that "due" follows the calendar at read
-- time: an invoice that falls due at midnight is due in the next overview without any event arriving.
ALTER TABLE account_balance DROP COLUMN due;
ALTER TABLE account_balance ADD COLUMN credit NUMERIC(19, 4) NOT NULL DEFAULT 0 CHECK (credit >= 0);
-- The highest BalanceChanged sequence applied; an older or repeated one changes nothing.
ALTER TABLE account_balance ADD COLUMN sequence BIGINT NOT NULL DEFAULT 0;
ALTER TABLE account_balance ADD COLUMN latest_invoice_issue_date DATE;

CREATE TABLE account_open_invoice
(
  invoice_id UUID           NOT NULL PRIMARY KEY,
  account_id UUID           NOT NULL REFERENCES account (id),
  due_date   DATE           NOT NULL,
  balance    NUMERIC(19, 4) NOT NULL CHECK (balance > 0)
);
-- "What is due by today" reads this index only.
CREATE INDEX account_open_invoice_by_due_idx ON account_open_invoice (account_id, due_date) INCLUDE (balance);
