# Sourced by the test scripts: a scratch folder $tmp (removed on exit), and
# check NAME CONDITION... which prints "ok   NAME" or "FAIL NAME" and sets
# fail=1 on failure (scripts end with `exit $fail`).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() {
  local name="$1"; shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fail=1; fi
}
