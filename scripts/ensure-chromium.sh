#!/bin/sh
# Browser tests drive Debian's Chromium (Playwright cannot download its own browser here);
# Japanese fonts make screenshots of Japanese data readable.
set -e
NEED=""
[ -x /usr/bin/chromium ] || NEED="chromium"
[ -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || NEED="$NEED fonts-noto-cjk"
[ -z "$NEED" ] && exit 0
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
echo "Installing Debian packages for the browser tests: $NEED"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $NEED >/dev/null
