-- Per-period totals, so that a usage page reads one row per product, identifier and unit however many records and
-- days its period has: with the daily rollup alone a busy account's page summed 31 rows per identifier (50,000 rows
-- for 2,000 identifiers), which took ~50 ms.

-- The first day of the period that starts in the month of first_of_month: the bill day, clamped to the month's last
-- day. The same arithmetic as BillingPeriods (Java), which a test checks day by day for every bill day; it lives here
-- too so that ingestion can cut periods in the statement that stores the records.
CREATE FUNCTION usage_period_start_in(first_of_month TIMESTAMP, bill_day INT) RETURNS DATE
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$
SELECT CAST(first_of_month AS date)
         + least(bill_day, CAST(extract(DAY FROM first_of_month + INTERVAL '1 month' - INTERVAL '1 day') AS int)) - 1
$$;

-- The first day of the billing period holding day, for an account with this bill day.
CREATE FUNCTION usage_period_start(day DATE, bill_day INT) RETURNS DATE
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$
SELECT CASE
         WHEN day >= usage_period_start_in(date_trunc('month', CAST(day AS timestamp)), bill_day)
           THEN usage_period_start_in(date_trunc('month', CAST(day AS timestamp)), bill_day)
         ELSE usage_period_start_in(date_trunc('month', CAST(day AS timestamp)) - INTERVAL '1 month', bill_day)
       END
$$;

-- Per account, period, product, identifier and unit: the sum of the period's records. Upserted in the statement that
-- stores the records, for accounts whose bill day is known; the records of an account usage-service has not heard
-- of yet are added from usage_daily when its AccountOpened arrives. Text columns collate by code point so that the
-- primary key is already in the page's order.
CREATE TABLE usage_period
(
  account_id       UUID                       NOT NULL,
  period_start     DATE                       NOT NULL,
  product          VARCHAR(100) COLLATE "C"   NOT NULL,
  usage_identifier VARCHAR(100) COLLATE "C"   NOT NULL,
  unit             VARCHAR(8) COLLATE "C"     NOT NULL,
  total            NUMERIC(30, 6)             NOT NULL CHECK (total >= 0),
  PRIMARY KEY (account_id, period_start, product, usage_identifier, unit)
) WITH (fillfactor = 90);

INSERT INTO usage_period (account_id, period_start, product, usage_identifier, unit, total)
SELECT d.account_id, usage_period_start(d.day, a.bill_day), d.product, d.usage_identifier, d.unit, sum(d.total)
FROM usage_daily d
       JOIN usage_account a USING (account_id)
GROUP BY 1, 2, 3, 4, 5;
