#!/bin/sh
# Install the Debian packages named as arguments (sudo when not root); the ensure-*.sh scripts decide
# which are missing. Usage: scripts/apt-install.sh "what they are for" PACKAGE...
set -e
WHY="$1"
shift
[ "$#" -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
echo "Installing Debian packages for $WHY: $*"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
