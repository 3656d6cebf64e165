# Sourced (POSIX sh) by ./mvnw, ./portal and .ci/run: points JAVA_HOME at a JDK >= 21.
# Order: JAVA_HOME if it is >= 21, then /usr/lib/jvm/temurin-25-jdk-amd64, then any /usr/lib/jvm/* >= 21.

portico_java_major() { # $1 = a JDK home; prints its major version or nothing
  [ -x "$1/bin/java" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    awk -F'= ' '/java.specification.version/ { v=$2; sub(/^1\./, "", v); sub(/\..*/, "", v); print v; exit }'
}

portico_jdk_ok() {
  portico_v="$(portico_java_major "$1")"
  [ -n "$portico_v" ] && [ "$portico_v" -ge 21 ] && [ -x "$1/bin/javac" ]
}

portico_use_jdk21() {
  if [ -n "${JAVA_HOME:-}" ] && portico_jdk_ok "$JAVA_HOME"; then return 0; fi
  for portico_d in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    if [ -d "$portico_d" ] && portico_jdk_ok "$portico_d"; then
      JAVA_HOME="$portico_d"
      export JAVA_HOME
      return 0
    fi
  done
  echo "Portico needs a JDK 21 or newer: install one (e.g. apt-get install openjdk-21-jdk-headless) or set JAVA_HOME" >&2
  return 1
}
