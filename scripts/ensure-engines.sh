#!/bin/sh
# The source tests start real engines: PostgreSQL (a throwaway cluster made with initdb) and Spark in
# local mode (PySpark needs Java 17 or 21). Install Debian's packages when they are missing.
set -e
NEED=""
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || NEED="postgresql"
JAVA_MAJOR=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
if [ -z "$JAVA_MAJOR" ] || [ "$JAVA_MAJOR" -lt 17 ]; then
    NEED="$NEED default-jre-headless"
fi
sh "$(dirname "$0")/apt-install.sh" "the source engine tests" $NEED
