#!/usr/bin/env bash
# Catalog and timeline benchmark: latency of one camera-day on 10 million segment rows, in
# PostgreSQL alone and end to end over HTTP.
#
#   bash src/bench/catalog-bench.sh [--cameras N] [--segments N] [--queries N] [--connections N]
#                                   [--duration SECS] [--warmup SECS] [--quiet-wait SECS] [--no-build]
#   bin/keyframe bench catalog [same options]
#
# A Keyframe server (Liberty server "keyframe-bench", free port, fresh database and config) creates
# its schema; then CAMERAS cameras (default 100, recording_mode off, one primary stream "main") and
# SEGMENTS 3-minute segments per camera (default 100,000: 10 million rows, ~208 days back from now)
# are generated in SQL with one INSERT ... SELECT over generate_series, in time order as a recorder
# writes them (every camera's segment of one slot, then the next slot), into the real table with all
# its indexes; then VACUUM ANALYZE.
#   (a) SQL: the catalog query of GET /cameras/{id}/segments (copied from SegmentListQuery.sql(),
#       limit 1001 as the route asks) and the timeline's segment query (SegmentStore.spans) for one
#       day of one camera, QUERIES times each (default 200) with random cameras and days, each as
#       EXPLAIN (ANALYZE, BUFFERS) EXECUTE of a prepared statement, as the JDBC driver runs them
#       (after five executions PostgreSQL may switch to a generic plan, as it does for the server).
#       Reported: p50/p99/max of the execution time, planning time, and how many plans use
#       idx_segment_camera_start; the first plan and the last are printed. Target p99 <= 5 ms.
#   (b) HTTP: wrk with each number of CONNECTIONS (default 1,50: one client shows the service
#       time, 50 the target load) for DURATION seconds (default 30) on
#       GET /cameras/{id}/segments?from&to and GET /cameras/{id}/timeline?from&to, one random
#       camera and UTC day per request (Lua), after WARMUP seconds (default 10) per route.
#       Reported: req/s and latency p50/p90/p99/max (wrk --latency). Target p99 <= 50 ms.
# The tables go to stdout and to target/bench/catalog-<timestamp>.md.
#
# Options:
#   --cameras N        cameras (default 100)
#   --segments N       segments per camera (default 100000)
#   --queries N        EXPLAIN ANALYZE runs per query (default 200)
#   --connections LIST comma-separated wrk connection counts (default 1,50)
#   --duration SECS    wrk window per route (default 30)
#   --warmup SECS      wrk warm-up per route (default 10)
#   --quiet-wait SECS  before each measurement, wait up to SECS (default 30) until other processes
#                      use less than 25 % of one core (0: never wait)
#   --no-build         skip "mvn -q -DskipTests package liberty:create liberty:deploy -Dliberty.server=keyframe-bench"
# Database: the local PostgreSQL of bin/keyframe setup (DB_HOST, DB_PORT, DB_USER, DB_PASSWORD
# honoured; role keyframe/keyframe by default); the role must be allowed to create databases. The
# default data takes ~4 GB in PostgreSQL while the benchmark runs.
#
# Not part of the test suite. Everything it starts (Liberty server, wrk, the database, temporary
# directories) is stopped or removed on exit, Ctrl-C and errors included.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

# --- arguments ----------------------------------------------------------------------------------

CAMERAS=100
SEGMENTS=100000
QUERIES=200
CONNECTIONS=1,50
DURATION=30
WARMUP=10
QUIET_WAIT=30
QUIET_MAX=25
BUILD=1
SEGMENT_SECS=180
PAGE_LIMIT=1000            # the catalog route's default page; it asks the store for one row more

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --cameras) CAMERAS="${2:?--cameras needs a value}"; shift 2 ;;
    --cameras=*) CAMERAS="${1#*=}"; shift ;;
    --segments) SEGMENTS="${2:?--segments needs a value}"; shift 2 ;;
    --segments=*) SEGMENTS="${1#*=}"; shift ;;
    --queries) QUERIES="${2:?--queries needs a value}"; shift 2 ;;
    --queries=*) QUERIES="${1#*=}"; shift ;;
    --connections) CONNECTIONS="${2:?--connections needs a value}"; shift 2 ;;
    --connections=*) CONNECTIONS="${1#*=}"; shift ;;
    --duration) DURATION="${2:?--duration needs a value}"; shift 2 ;;
    --duration=*) DURATION="${1#*=}"; shift ;;
    --warmup) WARMUP="${2:?--warmup needs a value}"; shift 2 ;;
    --warmup=*) WARMUP="${1#*=}"; shift ;;
    --quiet-wait) QUIET_WAIT="${2:?--quiet-wait needs a value}"; shift 2 ;;
    --quiet-wait=*) QUIET_WAIT="${1#*=}"; shift ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) usage ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
done
IFS=',' read -r -a CONNECTION_LIST <<<"$CONNECTIONS"
for v in "$CAMERAS" "$SEGMENTS" "$QUERIES" "${CONNECTION_LIST[@]}" "$DURATION" "$WARMUP"; do
  [[ "$v" =~ ^[1-9][0-9]*$ ]] || { echo "not a positive whole number: $v" >&2; exit 2; }
done
[[ "$QUIET_WAIT" =~ ^[0-9]+$ ]] || { echo "not a whole number: $QUIET_WAIT" >&2; exit 2; }
# at least two full UTC days of footage to pick from
[ $((SEGMENTS * SEGMENT_SECS)) -ge $((3 * 86400)) ] || { echo "--segments: need at least $((3 * 86400 / SEGMENT_SECS)) (three days)" >&2; exit 2; }

# --- state and cleanup ------------------------------------------------------------------------------

WORK="$(mktemp -d /tmp/keyframe-catalog-bench.XXXXXX)"
RUN_ID="$(date +%s)_$$"
SIM_PID=""                 # lib.sh's measure_window also reports a simulator; there is none here
KF_STARTED=0
KF_PORT=""
KF_DATABASES=()
KF_DB_HOST="${DB_HOST:-127.0.0.1}"
KF_DB_PORT="${DB_PORT:-5432}"
KF_DB_USER="${DB_USER:-keyframe}"
KF_DB_PASSWORD="${DB_PASSWORD:-keyframe}"
DB="keyframe_catbench_$RUN_ID"
WRK_PID=""
NOTES=()
SQL_RESULTS="$WORK/sql.tsv"
HTTP_RESULTS="$WORK/http.tsv"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
: > "$SQL_RESULTS"
: > "$HTTP_RESULTS"
# camera ids bench001 … (wider when there are more than 999)
ID_WIDTH=$(( ${#CAMERAS} > 3 ? ${#CAMERAS} : 3 ))

# shellcheck source=src/bench/lib.sh
source "$ROOT/src/bench/lib.sh"
# shellcheck source=src/bench/server.sh
source "$ROOT/src/bench/server.sh"

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  case "$rc" in 0|130|143) ;; *) log "failed (exit status $rc)" ;; esac
  [ -z "$WRK_PID" ] || stop_pids TERM 5 "$WRK_PID"
  [ "$KF_STARTED" = 0 ] || { log "stopping the Keyframe server"; stop_keyframe; }
  for db in "${KF_DATABASES[@]}"; do log "dropping database $db"; drop_database "$db" 2>/dev/null; done
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT
trap 'log "terminated"; exit 143' TERM

# --- preparation --------------------------------------------------------------------------------------

check_commands() {
  local c missing=()
  for c in java python3 curl psql wrk; do command -v "$c" > /dev/null || missing+=("$c"); done
  [ ${#missing[@]} -eq 0 ] || die "missing: ${missing[*]} (bin/keyframe setup installs them)"
  psql_bench -tAc 'SELECT 1' > /dev/null 2>&1 \
    || die "cannot reach PostgreSQL at $KF_DB_HOST:$KF_DB_PORT as $KF_DB_USER (bin/keyframe setup starts it)"
}

build() {
  if [ "$BUILD" = 1 ]; then
    log "building: mvn -q -DskipTests package liberty:create liberty:deploy -Dliberty.server=$BENCH_SERVER"
    mvn -B -q -DskipTests package liberty:create liberty:deploy -Dliberty.server="$BENCH_SERVER" \
      > "$WORK/build.log" 2>&1 || { tail -n 30 "$WORK/build.log" >&2; die "the build failed"; }
  fi
  [ -f "$WLP/usr/servers/$BENCH_SERVER/apps/keyframe.war" ] \
    || die "no Liberty server $BENCH_SERVER in $WLP: run without --no-build"
}

start_server() {
  mkdir -p "$WORK/recordings"
  cat > "$WORK/keyframe.toml" <<TOML
# written by src/bench/catalog-bench.sh
[recording]
root = "$WORK/recordings"
segment_duration_secs = $SEGMENT_SECS

[storage.cleanup]
enabled = false
TOML
  create_database "$DB"
  start_keyframe "$DB" "$WORK/keyframe.toml" || die "the Keyframe server did not start"
  log "Keyframe: PID $(kf_pid), schema created"
}

# The rows, after the server made the schema (its Liquibase changesets, all indexes in place).
# Time order: slot 0 of every camera, then slot 1, … as recorders write them, so one camera's
# rows are spread over the heap as in a real catalog.
generate_rows() {
  local t0 t1 rows=$((CAMERAS * SEGMENTS))
  log "generating $CAMERAS cameras and $rows segment rows ($SEGMENTS per camera, ${SEGMENT_SECS}s each)"
  t0="$(now)"
  psql_db "$DB" <<SQL
INSERT INTO camera (camera_id, name, recording_mode)
SELECT 'bench' || lpad(c::text, $ID_WIDTH, '0'), 'Bench camera ' || c, 'off' FROM generate_series(1, $CAMERAS) AS c;
INSERT INTO stream (camera_id, stream_id, url, is_primary, recording_desired)
SELECT camera_id, 'main', 'rtsp://127.0.0.1:1/bench', true, false FROM camera;
SET synchronous_commit = off;
INSERT INTO segment (camera_id, stream_id, start_time, end_time, duration_ms, file_path, size_bytes,
                     event_type, video_codec, width, height, has_audio)
SELECT x.cam, 'main', x.t, x.t + interval '$SEGMENT_SECS seconds', ${SEGMENT_SECS}000,
       x.cam || to_char(x.t AT TIME ZONE 'UTC', '/YYYY/MM/DD/HH24/') || 'cam' || x.cam
         || to_char(x.t AT TIME ZONE 'UTC', '_YYYYMMDD"T"HH24MISS"Z".mp4'),
       90000000 + (g % 997) * 1000, 'continuous', 'h264', 1920, 1080, false
  FROM generate_series(0::bigint, $rows - 1) AS g,
       LATERAL (SELECT 'bench' || lpad((g % $CAMERAS + 1)::text, $ID_WIDTH, '0') AS cam,
                       date_trunc('minute', now()) - interval '$SEGMENT_SECS seconds' * ($SEGMENTS - g / $CAMERAS) AS t) AS x;
SQL
  t1="$(now)"
  GEN_INSERT_SECS="$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.0f", b - a}')"
  log "inserted in ${GEN_INSERT_SECS}s; VACUUM ANALYZE segment"
  psql_db "$DB" -c 'VACUUM (ANALYZE) segment' -c 'ANALYZE camera' -c 'ANALYZE stream'
  GEN_VACUUM_SECS="$(awk -v a="$t1" -v b="$(now)" 'BEGIN {printf "%.0f", b - a}')"
  GEN_SIZES="$(psql_db "$DB" -tA -F' ' -c "SELECT count(*), pg_size_pretty(pg_table_size('segment')),
      pg_size_pretty(pg_indexes_size('segment')), min(start_time), max(end_time) FROM segment")"
  log "segment: $GEN_SIZES (rows, table, indexes, first start, last end); vacuum ${GEN_VACUUM_SECS}s"
  # whole UTC days to pick from: the second full day of footage up to yesterday
  FIRST_DAY=$(( ( $(psql_db "$DB" -tA -c "SELECT extract(epoch FROM min(start_time))::bigint FROM segment") / 86400 + 2 ) * 86400 ))
  DAYS=$(( ( $(date -u +%s) / 86400 * 86400 - FIRST_DAY ) / 86400 ))
  [ "$DAYS" -ge 1 ] || die "no whole day of footage to query"
  log "days to pick from: $DAYS, from $(date -u -d "@$FIRST_DAY" +%F)"
}

# --- (a) SQL ---------------------------------------------------------------------------------------------

# The statements as the server sends them. catalog: SegmentListQuery.sql() without stream, event
# type and cursor; $2 = to, $3 = from - LONGEST_SEGMENT (2 h), $4 = from, $5 = limit + 1.
# spans: the timeline's SegmentStore.spans (JPQL) as SQL.
PREPARE_SQL="PREPARE catalog(varchar, timestamptz, timestamptz, timestamptz, int) AS
SELECT s.* FROM segment s WHERE s.camera_id = \$1 AND s.start_time < \$2 AND s.start_time >= \$3 AND s.end_time > \$4 AND s.state = 'ready' ORDER BY s.start_time, s.id LIMIT \$5;
PREPARE spans(varchar, varchar, timestamptz, timestamptz, timestamptz) AS
SELECT s.start_time, s.end_time FROM segment s WHERE s.camera_id = \$1 AND s.stream_id = \$2 AND s.start_time < \$3 AND s.start_time >= \$4 AND s.end_time > \$5 AND s.state = 'ready' ORDER BY s.start_time;"

# explain_script NAME : QUERIES EXPLAIN (ANALYZE, BUFFERS) EXECUTE lines with random camera and day.
explain_script() {
  local name="$1"
  echo "$PREPARE_SQL"
  awk -v n="$QUERIES" -v cams="$CAMERAS" -v w="$ID_WIDTH" -v first="$FIRST_DAY" -v days="$DAYS" \
      -v name="$name" -v limit=$((PAGE_LIMIT + 1)) -v seed="$RANDOM" 'BEGIN {
    srand(seed)
    for (i = 0; i < n; i++) {
      cam = sprintf("bench%0" w "d", int(rand() * cams) + 1)
      from = first + int(rand() * days) * 86400; to = from + 86400
      if (name == "catalog")
        printf "EXPLAIN (ANALYZE, BUFFERS) EXECUTE catalog(%s, to_timestamp(%d), to_timestamp(%d), to_timestamp(%d), %d);\n", \
               "\047" cam "\047", to, from - 7200, from, limit
      else
        printf "EXPLAIN (ANALYZE, BUFFERS) EXECUTE spans(%s, \047main\047, to_timestamp(%d), to_timestamp(%d), to_timestamp(%d));\n", \
               "\047" cam "\047", to, from - 7200, from
    } }'
}

# sql_bench NAME : runs the script in one session; records p50/p99/max of execution and planning
# time, rows per query and the plans using the index; keeps the first and the last plan.
sql_bench() {
  local name="$1" out="$WORK/explain-$1.txt"
  wait_quiet "SQL $name" "$(kf_pid)"
  log "SQL $name: $QUERIES x EXPLAIN (ANALYZE, BUFFERS) EXECUTE, random camera and day"
  explain_script "$name" | psql_db "$DB" -tA > "$out"
  awk '/^Execution Time:/ {print $3}' "$out" | sort -n > "$WORK/exec-$name.txt"
  awk '/^Planning Time:/ {print $3}' "$out" | sort -n > "$WORK/plan-$name.txt"
  local runs with_index rows
  runs="$(wc -l < "$WORK/exec-$name.txt")"
  [ "$runs" -eq "$QUERIES" ] || die "SQL $name: $runs of $QUERIES EXPLAIN outputs"
  # one plan ends with its "Execution Time" line
  with_index="$(awk '/idx_segment_camera_start/ {used = 1} /^Execution Time:/ {n += used; used = 0} END {print n + 0}' "$out")"
  rows="$(awk '/^(Limit|Sort|Index Scan|Bitmap Heap Scan|Seq Scan)/ && !done && match($0, /actual time=[0-9.]+\.\.[0-9.]+ rows=[0-9]+/) {
           split(substr($0, RSTART, RLENGTH), a, "rows="); s += a[2]; n++; done = 1 }
         /^Execution Time:/ {done = 0} END {printf "%.0f", n ? s / n : 0}' "$out")"
  awk '!done {print} /^Execution Time:/ {done = 1}' "$out" > "$WORK/first-plan-$name.txt"
  awk '/^Execution Time:/ {last = buf $0 "\n"; buf = ""; next} {buf = buf $0 "\n"} END {printf "%s", last}' "$out" \
    > "$WORK/last-plan-$name.txt"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$runs" "$(quantile "$WORK/exec-$name.txt" 50)" \
    "$(quantile "$WORK/exec-$name.txt" 99)" "$(tail -n 1 "$WORK/exec-$name.txt")" \
    "$(quantile "$WORK/plan-$name.txt" 50)" "$rows" "$with_index" >> "$SQL_RESULTS"
  log "SQL $name: execution p50 $(quantile "$WORK/exec-$name.txt" 50) ms, p99 $(quantile "$WORK/exec-$name.txt" 99) ms; $with_index of $runs plans use idx_segment_camera_start"
}

quantile() {   # quantile SORTED_FILE P : nearest-rank percentile
  awk -v p="$2" '{v[NR] = $1} END {if (NR == 0) {print "-"; exit} i = int((p * NR + 99) / 100); if (i < 1) i = 1; print v[i]}' "$1"
}

# --- (b) HTTP ----------------------------------------------------------------------------------------------

write_lua() {
  cat > "$WORK/routes.lua" <<LUA
-- one random camera and UTC day per request; ROUTE is segments or timeline
local cameras, first_day, days, route = $CAMERAS, $FIRST_DAY, $DAYS, os.getenv("ROUTE")
local threads = 0
setup = function(thread) threads = threads + 1; thread:set("tid", threads) end
init = function(args) math.randomseed(os.time() * 100 + tid); math.random(); math.random() end
local function iso(t) return os.date("!%Y-%m-%dT%H:%M:%SZ", t) end
request = function()
  local day = first_day + math.random(0, days - 1) * 86400
  local path = string.format("/cameras/bench%0${ID_WIDTH}d/%s?from=%s&to=%s", math.random(1, cameras), route, iso(day), iso(day + 86400))
  return wrk.format("GET", path)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d %d %d %d %d %d %d\n", summary.requests, summary.bytes,
    summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    latency:percentile(99.9), latency.min))
end
LUA
}

# One request of each route, checked before wrk: 200 and a whole day in the answer.
check_routes() {
  local day cam body n
  day="$(date -u -d "@$((FIRST_DAY + (DAYS / 2) * 86400))" +%Y-%m-%dT%H:%M:%SZ)"
  cam="bench$(printf "%0${ID_WIDTH}d" 1)"
  body="$(curl -fsS "http://127.0.0.1:$KF_PORT/cameras/$cam/segments?from=$day&to=$(date -u -d "$day + 1 day" +%Y-%m-%dT%H:%M:%SZ)")" \
    || die "GET /cameras/$cam/segments failed"
  n="$(grep -o '"id":' <<<"$body" | wc -l)"
  [ "$n" -ge $((86400 / SEGMENT_SECS)) ] || die "the catalog answered $n segments for one day, expected $((86400 / SEGMENT_SECS))+"
  SEGMENTS_BODY_BYTES=${#body}
  body="$(curl -fsS "http://127.0.0.1:$KF_PORT/cameras/$cam/timeline?from=$day&to=$(date -u -d "$day + 1 day" +%Y-%m-%dT%H:%M:%SZ)")" \
    || die "GET /cameras/$cam/timeline failed"
  grep -q '"coverage":1' <<<"$body" || die "the timeline of a fully covered day says: ${body:0:300}"
  TIMELINE_BODY_BYTES=${#body}
  log "routes answer: segments $n rows ($SEGMENTS_BODY_BYTES bytes), timeline ($TIMELINE_BODY_BYTES bytes): ${body%%\"intervals\"*}"
}

pg_pids() { pgrep -x postgres || true; }   # only read for CPU time

# run_wrk ROUTE CONNECTIONS SECONDS : sets R_* from wrk's RESULT line and the CPU of server,
# PostgreSQL, wrk and the rest of the machine.
run_wrk() {
  local route="$1" c="$2" secs="$3" kf t0 t1 kf0 kf1 pg0 pg1 wrk0 wrk1 host0 host1 line pg threads=2
  kf="$(kf_pid)"
  mapfile -t pg < <(pg_pids)
  t0="$(now)"; host0="$(host_ticks)"; kf0="$(cpu_ticks "$kf")"; pg0="$(cpu_ticks "${pg[@]}")"
  [ "$c" -ge 2 ] || threads=1
  ROUTE="$route" wrk -t "$threads" -c "$c" -d "${secs}s" --timeout 10s --latency -s "$WORK/routes.lua" \
    "http://127.0.0.1:$KF_PORT" > "$WORK/wrk-$route.out" 2>&1 &
  WRK_PID=$!
  wrk0="$(cpu_ticks "$WRK_PID")"; wrk1="$wrk0"
  while is_running "$WRK_PID"; do wrk1="$(cpu_ticks "$WRK_PID")"; sleep 0.5; done
  wait "$WRK_PID" || { cat "$WORK/wrk-$route.out" >&2; WRK_PID=""; die "wrk failed on $route"; }
  WRK_PID=""
  # PostgreSQL forks a backend per new connection: sum the ones alive at both ends
  mapfile -t pg < <(pg_pids)
  t1="$(now)"; host1="$(host_ticks)"; kf1="$(cpu_ticks "$kf")"; pg1="$(cpu_ticks "${pg[@]}")"
  line="$(grep '^RESULT ' "$WORK/wrk-$route.out")" || { cat "$WORK/wrk-$route.out" >&2; die "no result from wrk"; }
  read -r _ R_REQS _ R_US R_ESOCK R_ESTATUS R_P50 R_P90 R_P99 R_MAX _ _ _ <<<"$line"
  R_SECS="$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}')"
  R_KF_PCT="$(pct $((kf1 - kf0)) "$R_SECS")"
  R_PG_PCT="$(pct $((pg1 - pg0 < 0 ? 0 : pg1 - pg0)) "$R_SECS")"
  R_WRK_PCT="$(pct $((wrk1 - wrk0)) "$R_SECS")"
  R_OTHER_PCT="$(awk -v a="$host0" -v b="$host1" -v own=$((kf1 - kf0 + wrk1 - wrk0 + (pg1 - pg0 < 0 ? 0 : pg1 - pg0))) -v s="$R_SECS" -v hz="$CLK_TCK" \
    'BEGIN {split(a, x, " "); split(b, y, " "); o = 100 * (y[1] - x[1] - own) / hz / s; printf "%.1f", o < 0 ? 0 : o}')"
}

ms() { awk -v v="$1" 'BEGIN {printf "%.1f", v / 1000}'; }   # µs to ms

http_warmup() {
  log "HTTP $1: warm-up ${WARMUP}s, 50 connections"
  run_wrk "$1" 50 "$WARMUP"
}

http_bench() {
  local route="$1" c="$2" note=""
  wait_quiet "HTTP $route" "$(kf_pid)"
  note+="$QUIET_NOTE"
  log "HTTP $route: wrk for ${DURATION}s, $c connection(s)"
  run_wrk "$route" "$c" "$DURATION"
  [ "$R_ESOCK" -eq 0 ] || note+="$R_ESOCK socket errors or timeouts; "
  [ "$R_ESTATUS" -eq 0 ] || note+="$R_ESTATUS answers not 2xx/3xx; "
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$route" "$c" "$R_REQS" \
    "$(awk -v r="$R_REQS" -v us="$R_US" 'BEGIN {printf "%.0f", r / (us / 1e6)}')" \
    "$(ms "$R_P50")" "$(ms "$R_P90")" "$(ms "$R_P99")" "$(ms "$R_MAX")" "$((R_ESOCK + R_ESTATUS))" \
    "$(printf '%.0f' "$R_KF_PCT")" "$(printf '%.0f' "$R_PG_PCT")" "$(printf '%.0f' "$R_WRK_PCT")" "$R_OTHER_PCT" "${note%; }" >> "$HTTP_RESULTS"
  log "HTTP $route, $c connection(s): $(tail -n 1 "$HTTP_RESULTS" | awk -F'\t' '{printf "%s req/s, p50 %s ms, p99 %s ms, max %s ms; Keyframe %s %%, PostgreSQL %s %%, wrk %s %%, others %s %% of a core", $4, $5, $7, $8, $10, $11, $12, $13}')"
}

# --- report --------------------------------------------------------------------------------------------

verdict() { awk -v v="$1" -v t="$2" 'BEGIN {print (v == "-" ? "-" : (v + 0 <= t ? "met" : "missed"))}'; }

render_report() {
  local name runs p50 p99 max plan rows idx
  echo "SQL alone, one camera-day, $QUERIES runs each (EXPLAIN ANALYZE execution time, ms):"
  echo
  echo "| query | runs | p50 ms | p99 ms | max ms | planning p50 ms | rows | plans using idx_segment_camera_start | p99 <= 5 ms |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
  while IFS=$'\t' read -r name runs p50 p99 max plan rows idx; do
    echo "| $name | $runs | $p50 | $p99 | $max | $plan | $rows | $idx of $runs | $(verdict "$p99" 5) |"
  done < "$SQL_RESULTS"
  echo
  echo "HTTP, one random camera-day per request, ${DURATION} s each (target: p99 <= 50 ms at 50 connections):"
  echo
  echo "| route | connections | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | errors | Keyframe CPU % | PostgreSQL CPU % | wrk CPU % | others CPU % | p99 <= 50 ms | notes |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"
  awk -F'\t' '{ v = ($7 + 0 <= 50) ? "met" : "missed"
      printf "| GET /cameras/{id}/%s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
             $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, v, $14 }' "$HTTP_RESULTS"
}

write_markdown() {
  local file="$1" dirty="" name
  [ -z "$(git status --porcelain 2>/dev/null | head -n 1)" ] || dirty=" (with uncommitted changes)"
  mkdir -p "$(dirname "$file")"
  {
    echo "# Catalog and timeline benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo
    echo "- command: \`bash src/bench/catalog-bench.sh --cameras $CAMERAS --segments $SEGMENTS --queries $QUERIES --connections $CONNECTIONS --duration $DURATION --warmup $WARMUP --quiet-wait $QUIET_WAIT\`"
    echo "- machine: $(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1), $(awk '/MemTotal/ {printf "%.0f GB RAM", $2 / 1048576}' /proc/meminfo); load average before $LOAD_BEFORE, after $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- Keyframe: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$dirty, $(java -version 2>&1 | head -n 1); $(psql_db "$DB" -tA -c 'SHOW server_version' | cut -d' ' -f1) PostgreSQL (shared_buffers $(psql_db "$DB" -tA -c 'SHOW shared_buffers')); $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"
    echo "- data: $CAMERAS cameras x $SEGMENTS segments of ${SEGMENT_SECS} s, inserted in time order in ${GEN_INSERT_SECS} s, VACUUM ANALYZE ${GEN_VACUUM_SECS} s; segment rows, table size, index size, first start, last end: $GEN_SIZES"
    echo "- days picked from: $DAYS whole UTC days from $(date -u -d "@$FIRST_DAY" +%F); one day answers $((86400 / SEGMENT_SECS)) or $((86400 / SEGMENT_SECS + 1)) segments (catalog JSON ~$((SEGMENTS_BODY_BYTES / 1024)) KB, timeline ~$TIMELINE_BODY_BYTES bytes)"
    echo
    render_report
    echo
    cat <<'TEXT'
Notes:
- SQL: prepared statements run in one psql session, as the JDBC driver prepares them; execution
  time is the server's own (no network, no result transfer); "rows" is the mean row count of the
  top plan node.
- HTTP latency is wrk's (--latency, coordinated omission not corrected), whole request to last
  byte over keep-alive on 127.0.0.1. Keyframe CPU % is the Liberty JVM; PostgreSQL CPU % all
  postgres processes alive at both ends of the window; others CPU % the rest of the machine
  (another user's builds and tests, kernel time charged to no process), all in % of one core.
TEXT
    for name in catalog spans; do
      [ -f "$WORK/first-plan-$name.txt" ] || continue
      echo
      echo "First plan of $name (custom plan):"
      echo
      echo '```'
      cat "$WORK/first-plan-$name.txt"
      echo '```'
      echo
      echo "Last plan of $name (after $QUERIES executions of the prepared statement):"
      echo
      echo '```'
      cat "$WORK/last-plan-$name.txt"
      echo '```'
    done
    for note in "${NOTES[@]}"; do echo; echo "$note"; done
  } > "$file"
}

# --- main ----------------------------------------------------------------------------------------------

main() {
  local report route c
  check_commands
  build
  start_server
  generate_rows
  sql_bench catalog
  sql_bench spans
  write_lua
  check_routes
  for route in segments timeline; do
    http_warmup "$route"
    for c in "${CONNECTION_LIST[@]}"; do http_bench "$route" "$c"; done
  done
  report="$ROOT/target/bench/catalog-$(date +%Y%m%d-%H%M%S).md"
  write_markdown "$report"
  echo
  render_report
  echo
  echo "First plan of the catalog query:"
  cat "$WORK/first-plan-catalog.txt"
  echo
  log "written to ${report#"$ROOT"/}"
}

main
