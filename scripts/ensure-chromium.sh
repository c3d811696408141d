#!/bin/sh
# Browser tests drive Debian's Chromium (Playwright cannot download its own browser here);
# Japanese fonts make screenshots of Japanese data readable.
set -e
NEED=""
[ -x /usr/bin/chromium ] || NEED="chromium"
[ -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || NEED="$NEED fonts-noto-cjk"
sh "$(dirname "$0")/apt-install.sh" "the browser tests" $NEED
