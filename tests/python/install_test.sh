#!/usr/bin/env bash
# Issue 19: `cmake --install` puts the Python package where python3 finds it.
# Installs the build into a temporary prefix, moves the tree (so nothing can
# come from the build tree), then imports the package from the folder
# python3 looks in for that prefix, from another directory, and classifies
# with the data of the moved tree.
# Usage: install_test.sh BUILD_DIR PYTHON
set -u
build="$1"
py="$2"
source "$(dirname "${BASH_SOURCE[0]}")/../tools/check.sh"
cmake --install "$build" --prefix "$tmp/first" > /dev/null || { echo "FAIL install"; exit 1; }
mv "$tmp/first" "$tmp/moved"
# Where python3 looks for prefix P on Debian: P/lib/python3.X/dist-packages
# (in sys.path for /usr and /usr/local; for other prefixes via PYTHONPATH).
site=$("$py" -c 'import sys; print("lib/python%d.%d/dist-packages" % sys.version_info[:2])')
check "package installed in $site" test -f "$tmp/moved/$site/bengle/__init__.py" -a -f "$tmp/moved/$site/bengle/__init__.pyi"
check "extension module installed" test -n "$(ls "$tmp/moved/$site/bengle/"_bengle*.so 2>/dev/null)"
out=$(cd "$tmp" && env -u BENGLE_DATA_DIR PYTHONPATH="$tmp/moved/$site" "$py" -c '
import bengle
print(bengle.__file__)
print(bengle.data_dir())
print(bengle.classify("#微信崩了# 图片发不出去")["services"])' 2>&1)
check "imports from the installed tree" grep -q "^$tmp/moved/$site/bengle/__init__.py" <<< "$out"
check "finds the moved tree's data" grep -q "^$tmp/moved/share/bengle$" <<< "$out"
check "classifies" grep -q "\['wechat'\]" <<< "$out"
echo "$out" | sed 's/^/  /'
exit $fail
