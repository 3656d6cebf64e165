-- Accounts, their place in the hierarchy, packages and the balance projection of account-service.

-- Human-readable account numbers (A-100001, ...); the UUID stays the id every API and event uses.
CREATE SEQUENCE account_number_seq START WITH 100001;

CREATE TABLE account
(
  id                      UUID         NOT NULL PRIMARY KEY,
  account_number          VARCHAR(20)  NOT NULL DEFAULT ('A-' || nextval('account_number_seq')) UNIQUE,
  name                    VARCHAR(200) NOT NULL,
  status                  VARCHAR(16)  NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED', 'CLOSED')),
  currency                CHAR(3)      NOT NULL,
  bill_day                SMALLINT     NOT NULL CHECK (bill_day BETWEEN 1 AND 28),
  contact_name            VARCHAR(200) NOT NULL,
  contact_email           VARCHAR(254) NOT NULL,
  contact_phone           VARCHAR(32),
  address_line1           VARCHAR(200) NOT NULL,
  address_line2           VARCHAR(200),
  address_city            VARCHAR(100) NOT NULL,
  address_region          VARCHAR(100),
  address_postal_code     VARCHAR(20),
  address_country         CHAR(2)      NOT NULL,
  payments_enabled        BOOLEAN      NOT NULL,
  payment_methods_enabled BOOLEAN      NOT NULL,
  parent_id               UUID REFERENCES account (id),
  invoiced_by_parent      BOOLEAN      NOT NULL DEFAULT FALSE,
  -- Materialised path: the ids from the root down to this account itself. Accounts never move, so a path is
  -- written once; see HIERARCHY.md for why this beats a closure table or a recursive walk here.
  path                    UUID[]       NOT NULL,
  -- How many accounts lie below, kept on insert, so that an unfiltered subtree page counts in one lookup.
  descendants             INTEGER      NOT NULL DEFAULT 0 CHECK (descendants >= 0),
  created_at              TIMESTAMPTZ  NOT NULL,
  updated_at              TIMESTAMPTZ  NOT NULL,
  CHECK (parent_id IS NOT NULL OR NOT invoiced_by_parent),
  CHECK (path[cardinality(path)] = id),
  CHECK ((parent_id IS NULL) = (cardinality(path) = 1))
);

-- "Everything below A": path @> ARRAY[A].
CREATE INDEX account_path_idx ON account USING gin (path);
-- hasChildren and the recursive walk the benchmark compares against.
CREATE INDEX account_parent_idx ON account (parent_id);
-- Case-insensitive prefix search by name or number. The name index is in byte order ("C") so that it serves both
-- the prefix match and the order of a page: a page of a big subtree is then read in index order and stops after
-- 20 rows instead of sorting the whole subtree.
CREATE INDEX account_name_prefix_idx ON account ((lower(name) COLLATE "C"), account_number);
CREATE INDEX account_number_prefix_idx ON account (lower(account_number) text_pattern_ops);

CREATE TABLE account_package
(
  id               UUID          NOT NULL PRIMARY KEY,
  account_id       UUID          NOT NULL REFERENCES account (id),
  name             VARCHAR(200)  NOT NULL,
  status           VARCHAR(16)   NOT NULL CHECK (status IN ('ACTIVE', 'CANCELLED')),
  start_date       DATE          NOT NULL,
  recurring_charge NUMERIC(19, 4) NOT NULL CHECK (recurring_charge >= 0),
  currency         CHAR(3)       NOT NULL,
  created_at       TIMESTAMPTZ   NOT NULL
);
CREATE INDEX account_package_by_account_idx ON account_package (account_id, start_date);

-- What the account owes, as invoice-service last published it on balances.v1. No row yet means nothing owed.
CREATE TABLE account_balance
(
  account_id            UUID           NOT NULL PRIMARY KEY REFERENCES account (id),
  balance               NUMERIC(19, 4) NOT NULL,
  due                   NUMERIC(19, 4) NOT NULL,
  currency              CHAR(3)        NOT NULL,
  latest_invoice_id     UUID,
  latest_invoice_number VARCHAR(40),
  updated_at            TIMESTAMPTZ    NOT NULL
);
