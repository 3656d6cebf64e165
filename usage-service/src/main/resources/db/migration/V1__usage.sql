-- Usage records as received, the daily totals the pages read, and the accounts' bill days.

-- Accounts as usage-service learns them from accounts.v1: where their periods start, and the number CSV files are
-- named by. Records may arrive before their account does; they are stored all the same.
CREATE TABLE usage_account
(
  account_id     UUID        NOT NULL PRIMARY KEY,
  account_number VARCHAR(40) NOT NULL,
  bill_day       SMALLINT    NOT NULL CHECK (bill_day BETWEEN 1 AND 31)
);

-- Every record once, as it arrived, for audit and for rebuilding the totals; the pages never read it. The primary
-- key is what makes a repeated record_id a no-op. Not partitioned: PostgreSQL cannot enforce a unique record_id
-- across partitions unless the partition key is part of it, and deduplication needs exactly that. No other index:
-- each one would slow every insert, and nothing on the read path needs one.
CREATE TABLE usage_record
(
  record_id        UUID           NOT NULL PRIMARY KEY,
  account_id       UUID           NOT NULL,
  product          VARCHAR(100)   NOT NULL,
  usage_identifier VARCHAR(100)   NOT NULL,
  quantity         NUMERIC(18, 6) NOT NULL CHECK (quantity >= 0),
  unit             VARCHAR(8)     NOT NULL,
  occurred_at      TIMESTAMPTZ    NOT NULL,
  received_at      TIMESTAMPTZ    NOT NULL
);

-- Per account, provider-zone day, product, identifier and unit: the sum of the records of that day. Upserted in the
-- statement that inserts the records, so it is never behind them. A period is a range of days, so a period's page
-- reads at most 31 rows per identifier, however many records it has and however long the history is: the primary
-- key's leading (account_id, day) is the period query's index. total is not indexed, so the upsert's update can
-- stay on the same page (HOT) when the fill factor leaves room.
CREATE TABLE usage_daily
(
  account_id       UUID           NOT NULL,
  day              DATE           NOT NULL,
  product          VARCHAR(100)   NOT NULL,
  usage_identifier VARCHAR(100)   NOT NULL,
  unit             VARCHAR(8)     NOT NULL,
  total            NUMERIC(30, 6) NOT NULL CHECK (total >= 0),
  PRIMARY KEY (account_id, day, product, usage_identifier, unit)
) WITH (fillfactor = 90);
