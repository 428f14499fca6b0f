#!/usr/bin/env bash
# npm run security:scan: the contract lint (Spectral with the OWASP API Security ruleset, Redocly) on the committed
# OpenAPI document (openapi.json, kept current by a test), then sqlmap (Debian's package) against the login, product search and order routes of a freshly
# started app on a throwaway embedded database. Fails if any parameter looks injectable, if a scan could not run,
# or if the app logged an error meanwhile. KEEP_SCAN_LOGS=1 keeps sqlmap's logs (their folder is printed).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/lint-contract.sh openapi.json

bash scripts/install-debian-packages.sh sqlmap curl
npm run build # what ships, current: skipped when dist/ is the build of these sources

work=$(mktemp -d)
echo "logs in $work"
app_pid=""
trap '[ -n "$app_pid" ] && kill -- "-$app_pid" 2>/dev/null; [ -n "${KEEP_SCAN_LOGS:-}" ] || rm -rf "$work"' EXIT
port=$(npm exec -- node -e "const s=require('net').createServer().listen(0,()=>{console.log(s.address().port);s.close()})")
# The app as users start it; setsid gives npm and the node it starts a process group of their own, which the
# trap stops whole. LOG_LEVEL=error: NODE_ENV=test alone logs nothing, and the check of the log below saw nothing.
NODE_ENV=test LOG_LEVEL=error DATA_DIR="$work/data" PORT="$port" HOST=127.0.0.1 SEED_DEMO_DATA=true AUTH_THROTTLE_LIMIT=1000000 \
  setsid npm run start:prod >"$work/app.log" 2>&1 &
app_pid=$!
base="http://127.0.0.1:$port/api/v1"
for _ in $(seq 1 60); do curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 1; done

token=$(curl -fsS -X POST "$base/auth/login" -H 'content-type: application/json' \
  -d '{"email":"customer@example.com","password":"demo-customer-password"}' | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
product=$(curl -fsS "$base/products?limit=1" | sed -E 's/.*"items":\[\{"id":"([^"]+)".*/\1/')

scan() {
  local name=$1; shift
  echo "== sqlmap: $name"
  # 4xx answers are the app refusing bad input, which is what sqlmap is probing: keep testing through them.
  sqlmap --batch --disable-coloring --flush-session --output-dir="$work/sqlmap" --level=2 --risk=1 --threads=2 \
    --ignore-code=400,401,404,409,422 "$@" \
    >"$work/$name.log" 2>&1 || true
  if grep -qiE "is vulnerable|appears to be injectable|parameter '.*' is '.*' injectable" "$work/$name.log"; then
    grep -iE "injectable|vulnerable" "$work/$name.log"; return 1
  fi
  # A scan that was skipped (an unexpected status, no parameter tested) proves nothing: that is a failure too.
  if ! grep -qi "do not appear to be injectable" "$work/$name.log"; then
    echo "sqlmap did not complete the $name scan:"; grep -E "\[(ERROR|CRITICAL)\]" "$work/$name.log" | head -3; return 1
  fi
  echo "$name: no injectable parameter"
}

status=0
scan login -u "$base/auth/login" --method POST -H 'Content-Type: application/json' \
  --data '{"email":"customer@example.com*","password":"wrong password*"}' || status=1
scan search -u "$base/products?search=mug" -p search || status=1
scan orders -u "$base/orders" --method POST -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
  --data "{\"items\":[{\"productId\":\"$product*\",\"quantity\":1}]}" || status=1
if grep -q '"level":50' "$work/app.log"; then echo "the app logged errors during the scan:"; grep '"level":50' "$work/app.log" | head -5; status=1; fi
[ "$status" = 0 ] && echo "security scan: no injectable parameter found"
exit "$status"
