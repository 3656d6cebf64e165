#!/bin/sh
# One database per service, each owned by its own role: no service can read another's tables.
# Run once by the postgres image on an empty data directory; passwords come from the portico-db-* Secrets.
set -eu
create() {
	psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -v name="$1" -v password="$2" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
SQL
}
create auth "$AUTH_DB_PASSWORD"
create account "$ACCOUNT_DB_PASSWORD"
create invoice "$INVOICE_DB_PASSWORD"
create payment "$PAYMENT_DB_PASSWORD"
create usage "$USAGE_DB_PASSWORD"
