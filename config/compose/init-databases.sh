#!/usr/bin/env bash
# One database and one owner per service (no service reads another's tables). The postgres image runs this once,
# when its data volume is empty; the passwords come from the environment (.env), never from this file.
set -euo pipefail

for db in auth account invoice payment usage; do
	variable="${db^^}_DB_PASSWORD"
	password="${!variable:?$variable is not set}"
	# psql variables quote the names and the password, whatever characters the password holds.
	psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
		-v db="$db" -v password="$password" <<-'SQL'
		CREATE ROLE :"db" LOGIN PASSWORD :'password';
		CREATE DATABASE :"db" OWNER :"db";
		REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
	SQL
	echo "init-databases: database $db with its owner $db"
done
