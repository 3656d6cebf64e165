#!/usr/bin/env bash
# Copies config/keycloak (the realm file and the login theme) into k8s/, which kustomize cannot read from
# elsewhere: the dev realm ConfigMap, the theme ConfigMap and prod's KeycloakRealmImport. The deploy module's
# RealmCopiesTest writes them (one implementation for writing and for the drift check, needing only the JDK).
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./mvnw -q -pl deploy test -Dtest=RealmCopiesTest -Dsurefire.failIfNoSpecifiedTests=false -Dportico.syncRealm=true
