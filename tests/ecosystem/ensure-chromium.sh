#!/usr/bin/env bash
# Print the path of a Chromium that can run headless; install Debian's package when it is missing
# (CI runs as root on a fresh machine with apt working). Exit 3, with the reason on stderr, when
# none can be had. Used by tests/unit/annotate.test.ts.
set -u
find_it() {
  for c in chromium chromium-browser google-chrome; do
    p="$(command -v "$c" 2>/dev/null)" && { echo "$p"; return 0; }
  done
  return 1
}
find_it && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium is not installed and cannot be installed here (needs root and apt-get)" >&2
  exit 3
fi
{
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
} >&2 || echo "apt-get install chromium failed" >&2
find_it && exit 0
echo "chromium is not installed and apt-get could not install it" >&2
exit 3
