#!/usr/bin/env bash
# Checks the system pieces the briefs need; installs them with apt-get when run as root,
# otherwise prints the one command that installs them.
set -u
need=()
fc-list :lang=zh 2>/dev/null | grep -qi 'Noto Sans CJK' || need+=(fonts-noto-cjk)
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so' || need+=(libpango-1.0-0 libpangoft2-1.0-0)
command -v pdffonts >/dev/null 2>&1 || need+=(poppler-utils)
# Headless Chromium: the phone-layout test (tests/test_phone.py) lays pages out 390 px wide.
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "system: installing ${need[*]} with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq "${need[@]}" >/dev/null \
    || { echo "system: apt-get install ${need[*]} failed" >&2; exit 1; }
  fc-cache -f >/dev/null 2>&1 || true
else
  echo "system: missing ${need[*]}. Install them, e.g.: sudo apt-get install ${need[*]}" >&2
  echo "system: (a CJK font is needed for Chinese in PDFs and charts; pango for WeasyPrint;" >&2
  echo "system:  chromium for the phone-layout test)" >&2
  exit 1
fi
