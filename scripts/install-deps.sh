#!/bin/sh
# Installs, from Debian 12's archive, what Danju needs to build and run
# (--run), to build and pass its tests (--test), or to run its benchmarks
# beside the ReportLab anchor as well (--bench). Safe to run again.
set -eu

build="cmake g++ make pkg-config
  libpodofo-dev libxlsxwriter-dev libpoco-dev libsqlite3-dev
  libboost-test-dev libharfbuzz-dev libdeflate-dev libqrencode-dev
  libssl-dev"
run="fonts-wqy-microhei fonts-dejavu-core fonts-hanazono tzdata sqlite3"
test="python3 python3-aiosmtpd dovecot-pop3d poppler-utils qpdf
  python3-openpyxl time openssl zbar-tools"
bench="python3-reportlab fonts-droid-fallback"

case "${1:-}" in
  --run)  wanted="$build $run" ;;
  --test) wanted="$build $run $test" ;;
  --bench) wanted="$build $run $test $bench" ;;
  *) echo "usage: $0 --run|--test|--bench" >&2; exit 2 ;;
esac

missing=""
for p in $wanted; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" \
    || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
  echo "missing packages:$missing; run this script as root" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
