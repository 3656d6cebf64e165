-- Events of one account may arrive out of order: the outbox sends each transaction's events after its commit, not in
-- commit order. Each open invoice therefore keeps the sequence of the change that wrote it, so that an older event
-- still adds the invoices it knows about and can never undo a newer change; a paid invoice stays as a zero row for
-- the same reason.
ALTER TABLE account_open_invoice ADD COLUMN sequence BIGINT NOT NULL DEFAULT 0;
ALTER TABLE account_open_invoice DROP CONSTRAINT account_open_invoice_balance_check;
ALTER TABLE account_open_invoice ADD CONSTRAINT account_open_invoice_balance_check CHECK (balance >= 0);
