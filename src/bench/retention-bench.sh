#!/usr/bin/env bash
# Retention benchmark: delete N expired segments (files and rows) while cameras record.
#
#   bash src/bench/retention-bench.sh [--segments N] [--cameras N] [--segment-secs SECS]
#                                      [--warmup SECS] [--file-kib KIB] [--no-profile] [--no-build]
#
# The retention issue's target: "Delete 100,000 expired segments (generated files and rows) while
# 8 cameras record: time taken (target <= 60 s), and lost frames in the concurrent recordings
# (target 0)."
#
# 1. Starts the Keyframe server (Liberty server "keyframe-bench" of this worktree, free port,
#    fresh database, a TOML with [storage.cleanup] enabled = false so nothing is deleted before the
#    benchmark asks, SEGMENT_SECS s segments) and the project's CameraSimulator; registers CAMERAS
#    cameras (bench1..N, continuous) on its shared /load1080 mount (1080p30, ~4 Mbit/s, GOP 30).
# 2. Generates N expired segments twice, each set timed on its own (rows, then files):
#      oldcam  camera registered over REST in mode "off" (unreachable URL); one row per segment with
#              start times spread evenly over 30..400 days ago, 10 s long; FILE_KIB KiB files in
#              the recording layout {root}/oldcam/YYYY/MM/DD/HH/camoldcam_YYYYMMDDTHHMMSSZ.mp4;
#              folder mtimes set to their footage's time, as on a real recorder
#      refcam  the same again (rows in the same table, files in a folder beside the recording root,
#              same filesystem): the reference floor
#    Rows: one INSERT ... SELECT over generate_series, then ANALYZE. Files: a Python loop over the
#    rows' file_path values.
# 3. While the cameras record: DELETE /recording/prune/oldcam?older_than_days=1 (Keyframe's
#    crash-safe protocol: mark 'deleting', delete files, delete rows + audit, batches of 500); wall
#    time of the request, server CPU meanwhile, progress of the rows sampled every second, and
#    (unless --no-profile) a thread dump of the server every 2 s reduced to what the request thread
#    was doing; per-batch times from the server log. Then the floor, to the same end state (files
#    and rows gone, folders kept, as the prune leaves them): find refcam -type f -delete + DELETE
#    FROM segment WHERE camera_id = 'refcam'; then, timed apart, rm -rf of both empty folder trees.
# 4. Checks: no oldcam row left, no oldcam file left (empty folders are counted and reported), N
#    cleanup_audit rows for oldcam. Stops every camera cleanly (POST /recording/stop), then counts
#    lost frames per camera (ffprobe video packets vs 30 fps over each file's DTS range, as
#    recording-bench.sh) in the segments that overlap the prune, and in all segments of the run,
#    plus the largest gap between two consecutive segments of a camera.
# The table goes to stdout and to target/bench/retention-<timestamp>.md.
#
# Options:
#   --segments N      expired segments per set (default 100000)
#   --cameras N       recording cameras (default 8)
#   --segment-secs S  recording.segment_duration_secs of the server (default 10)
#   --warmup SECS     recording before the deletions start (default 25)
#   --file-kib KIB    size of each generated file (default 4)
#   --prune-timeout S curl timeout of the prune request (default 1800)
#   --quiet-wait SECS the machine may be shared: before each deletion, wait up to SECS (default 90)
#                     until other processes use less than 40 % of one core (0: never wait)
#   --no-profile      no thread dumps of the server during the prune
#   --no-build        skip "mvn -q -DskipTests package liberty:create liberty:deploy -Dliberty.server=keyframe-bench"
# Database: the local PostgreSQL of bin/keyframe setup (DB_HOST, DB_PORT, DB_USER, DB_PASSWORD
# honoured; role keyframe/keyframe by default); the role must be allowed to create databases.
# Disk: 2 x N x FILE_KIB (800 MB by default) in /tmp while it runs.
#
# Not part of the test suite. Everything it starts (simulator, Liberty server, samplers, database,
# temporary directories) is stopped or removed on exit, Ctrl-C and errors included.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

# --- arguments ----------------------------------------------------------------------------------

SEGMENTS=100000
CAMERAS=8
SEGMENT_SECS=10
WARMUP=25
FILE_KIB=4
PRUNE_TIMEOUT=1800
PROFILE=1
BUILD=1
QUIET_WAIT=90
QUIET_MAX=40

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --segments) SEGMENTS="${2:?--segments needs a value}"; shift 2 ;;
    --segments=*) SEGMENTS="${1#*=}"; shift ;;
    --cameras) CAMERAS="${2:?--cameras needs a value}"; shift 2 ;;
    --cameras=*) CAMERAS="${1#*=}"; shift ;;
    --segment-secs) SEGMENT_SECS="${2:?--segment-secs needs a value}"; shift 2 ;;
    --segment-secs=*) SEGMENT_SECS="${1#*=}"; shift ;;
    --warmup) WARMUP="${2:?--warmup needs a value}"; shift 2 ;;
    --warmup=*) WARMUP="${1#*=}"; shift ;;
    --file-kib) FILE_KIB="${2:?--file-kib needs a value}"; shift 2 ;;
    --file-kib=*) FILE_KIB="${1#*=}"; shift ;;
    --prune-timeout) PRUNE_TIMEOUT="${2:?--prune-timeout needs a value}"; shift 2 ;;
    --prune-timeout=*) PRUNE_TIMEOUT="${1#*=}"; shift ;;
    --quiet-wait) QUIET_WAIT="${2:?--quiet-wait needs a value}"; shift 2 ;;
    --quiet-wait=*) QUIET_WAIT="${1#*=}"; shift ;;
    --no-profile) PROFILE=0; shift ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) usage ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
done
[[ "$QUIET_WAIT" =~ ^[0-9]+$ ]] || { echo "not a whole number: $QUIET_WAIT" >&2; exit 2; }
for v in "$SEGMENTS" "$CAMERAS" "$SEGMENT_SECS" "$WARMUP" "$FILE_KIB" "$PRUNE_TIMEOUT"; do
  [[ "$v" =~ ^[1-9][0-9]*$ ]] || { echo "not a positive whole number: $v" >&2; exit 2; }
done
[ "$SEGMENT_SECS" -ge 2 ] && [ "$SEGMENT_SECS" -le 3600 ] || { echo "--segment-secs: 2 to 3600" >&2; exit 2; }
# 370 days of spread: start times must stay one per second at least (unique file names)
[ "$SEGMENTS" -le 30000000 ] || { echo "--segments: at most 30000000" >&2; exit 2; }

# --- state and cleanup ------------------------------------------------------------------------------

WORK="$(mktemp -d /tmp/keyframe-retbench.XXXXXX)"
REC_ROOT="$WORK/recordings"
REF_ROOT="$WORK/reference"
RUN_ID="$(date +%s)_$$"
DB="keyframe_retbench_$RUN_ID"
SIM_PID=""
SIM_URL=""
KF_STARTED=0
KF_PORT=""
KF_DATABASES=()
KF_DB_HOST="${DB_HOST:-127.0.0.1}"
KF_DB_PORT="${DB_PORT:-5432}"
KF_DB_USER="${DB_USER:-keyframe}"
KF_DB_PASSWORD="${DB_PASSWORD:-keyframe}"
BG_PIDS=()        # samplers started by this script
NOTES=()
ROWS_TSV="$WORK/rows.tsv"     # label <TAB> value, rendered into the report
: > "$ROWS_TSV"

# shellcheck source=src/bench/lib.sh
source "$ROOT/src/bench/lib.sh"
# shellcheck source=src/bench/server.sh
source "$ROOT/src/bench/server.sh"
# shellcheck source=src/bench/tools.sh
source "$ROOT/src/bench/tools.sh"

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  case "$rc" in 0|130|143) ;; *) log "failed (exit status $rc)" ;; esac
  stop_samplers
  [ "$KF_STARTED" = 0 ] || { log "stopping the Keyframe server"; stop_keyframe; }
  for db in "${KF_DATABASES[@]}"; do drop_database "$db" 2>/dev/null; done
  stop_simulator
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT
trap 'log "terminated"; exit 143' TERM

stop_samplers() {
  local pid
  for pid in "${BG_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${BG_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  BG_PIDS=()
}

# psql on the benchmark's database
psql_db() {
  PGPASSWORD="$KF_DB_PASSWORD" psql -X -q -v ON_ERROR_STOP=1 -h "$KF_DB_HOST" -p "$KF_DB_PORT" \
    -U "$KF_DB_USER" -d "$DB" "$@"
}
sql() { psql_db -tA -F $'\t' -c "$1"; }

secs_between() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", b - a}'; }
result() { printf '%s\t%s\n' "$1" "$2" >> "$ROWS_TSV"; log "$1: $2"; }

# --- preparation --------------------------------------------------------------------------------------

check_commands() {
  local c missing=()
  for c in java python3 curl ffprobe psql "$@"; do command -v "$c" > /dev/null || missing+=("$c"); done
  [ ${#missing[@]} -eq 0 ] || die "missing: ${missing[*]} (bin/keyframe setup installs them)"
  if [ "$PROFILE" = 1 ] && ! command -v jcmd > /dev/null; then
    log "no jcmd: running without thread dumps"
    PROFILE=0
  fi
  psql_bench -tAc 'SELECT 1' > /dev/null 2>&1 \
    || die "cannot reach PostgreSQL at $KF_DB_HOST:$KF_DB_PORT as $KF_DB_USER (bin/keyframe setup starts it)"
  local need_kb avail_kb
  need_kb=$(( 2 * SEGMENTS * (FILE_KIB + 4) ))   # data + one 4 KiB block of slack per file
  avail_kb="$(df -Pk "$WORK" | awk 'NR == 2 {print $4}')"
  [ "$avail_kb" -gt $(( need_kb + 2 * 1024 * 1024 )) ] \
    || die "not enough space in $WORK: need ≈ $((need_kb / 1024)) MB + 2 GB, have $((avail_kb / 1024)) MB"
}

build() {
  if [ "$BUILD" = 1 ]; then
    log "building: mvn -q -DskipTests package liberty:create liberty:deploy -Dliberty.server=$BENCH_SERVER"
    if ! mvn -B -q -DskipTests package liberty:create liberty:deploy -Dliberty.server="$BENCH_SERVER" \
        > "$WORK/build.log" 2>&1; then
      tail -n 30 "$WORK/build.log" >&2
      die "the build failed"
    fi
  fi
  [ -f target/test.classpath ] && [ -d target/test-classes/io/keyframe/sim ] \
    || die "target/test.classpath or the simulator classes are missing: run without --no-build"
  [ -f "$WLP/usr/servers/$BENCH_SERVER/apps/keyframe.war" ] \
    || die "no Liberty server $BENCH_SERVER in $WLP: run without --no-build"
}

start_server() {
  mkdir -p "$REC_ROOT" "$REF_ROOT"
  cat > "$WORK/keyframe.toml" <<TOML
# written by src/bench/retention-bench.sh
[recording]
root = "$REC_ROOT"
segment_duration_secs = $SEGMENT_SECS

[storage.cleanup]
enabled = false
TOML
  create_database "$DB"
  # start_keyframe removes messages.log; rolled logs of earlier runs would mix into batch_timing
  rm -f "$WLP/usr/servers/$BENCH_SERVER/logs"/messages_*.log
  start_keyframe "$DB" "$WORK/keyframe.toml" || die "the Keyframe server did not start"
  KF_SERVER_PID="$(kf_pid)"
  log "Keyframe: ready (PID $KF_SERVER_PID, port $KF_PORT)"
}

# --- expired footage ------------------------------------------------------------------------------

# insert_rows CAMERA : N rows, start times evenly over 30..400 days ago (whole seconds), 10 s each
insert_rows() {
  local cam="$1"
  sql "INSERT INTO segment (camera_id, stream_id, start_time, end_time, duration_ms, file_path, size_bytes,
                            video_codec, width, height)
       SELECT '$cam', 'main', t, t + interval '10 seconds', 10000,
              '$cam/' || to_char(t AT TIME ZONE 'UTC', 'YYYY/MM/DD/HH24') || '/cam$cam' || '_'
                      || to_char(t AT TIME ZONE 'UTC', 'YYYYMMDD\"T\"HH24MISS\"Z\"') || '.mp4',
              $((FILE_KIB * 1024)), 'h264', 1920, 1080
         FROM (SELECT date_trunc('second', now() - interval '400 days'
                        + (i * (370.0 * 86400 / $SEGMENTS)) * interval '1 second') AS t
                 FROM generate_series(0, $SEGMENTS - 1) AS i) AS g" > /dev/null
}

# write_files CAMERA BASE : one FILE_KIB KiB file per row of CAMERA under BASE; folder mtimes set
# to the newest footage in them (a recorder's folders are old when retention reaches them)
write_files() {
  local cam="$1" base="$2"
  psql_db -tA -c "COPY (SELECT file_path, extract(epoch FROM end_time)::bigint FROM segment
                        WHERE camera_id = '$cam' ORDER BY start_time) TO STDOUT" |
    python3 -c '
import os, sys
base, size = sys.argv[1], int(sys.argv[2])
data = b"\0" * size
made, newest = set(), {}
for line in sys.stdin:
    rel, end = line.rstrip("\n").split("\t")
    path = os.path.join(base, rel)
    d = os.path.dirname(path)
    if d not in made:
        os.makedirs(d, exist_ok=True)
        made.add(d)
    with open(path, "wb") as f:
        f.write(data)
    t = int(end)
    os.utime(path, (t, t))
    while len(d) > len(base):
        if newest.get(d, 0) < t:
            newest[d] = t
        d = os.path.dirname(d)
for d, t in newest.items():
    os.utime(d, (t, t))
' "$base" "$((FILE_KIB * 1024))"
}

generate() {
  local t0 t1 t2 out code
  out="$(kf_api POST /cameras '{"camera_id":"oldcam","name":"expired footage","recording_mode":"off",
    "streams":[{"stream_id":"main","url":"rtsp://127.0.0.1:9/unreachable"}]}')" || true
  code="${out##*$'\n'}"
  [ "$code" = 201 ] || die "registering oldcam: ${out%$'\n'*} (HTTP $code)"
  for cam in oldcam refcam; do
    local base="$REC_ROOT"
    [ "$cam" = refcam ] && base="$REF_ROOT"
    log "generating $SEGMENTS expired segments of $cam ($FILE_KIB KiB files under ${base#"$WORK"/})"
    t0="$(now)"
    insert_rows "$cam"
    t1="$(now)"
    write_files "$cam" "$base"
    sync -f "$base"
    t2="$(now)"
    result "generation $cam: rows (INSERT … SELECT generate_series)" "$(secs_between "$t0" "$t1") s"
    result "generation $cam: files (Python, + sync)" "$(secs_between "$t1" "$t2") s"
  done
  sql "ANALYZE segment" > /dev/null
  local rows files
  rows="$(sql "SELECT count(*) FROM segment WHERE camera_id = 'oldcam'")"
  files="$(find "$REC_ROOT/oldcam" -type f | wc -l)"
  [ "$rows" -eq "$SEGMENTS" ] && [ "$files" -eq "$SEGMENTS" ] || die "generated $rows rows and $files files of oldcam, not $SEGMENTS"
  OLD_DIRS="$(find "$REC_ROOT/oldcam" -type d | wc -l)"
  log "oldcam: $rows rows, $files files in $OLD_DIRS folders; $(du -sh "$REC_ROOT/oldcam" | cut -f1) on disk"
}

# --- cameras ---------------------------------------------------------------------------------------

start_cameras() {
  local i out code recording
  for i in $(seq 1 "$CAMERAS"); do
    out="$(kf_api POST /cameras "{\"camera_id\":\"bench$i\",\"recording_mode\":\"continuous\",
      \"streams\":[{\"stream_id\":\"main\",\"url\":\"$SIM_URL\"}]}")" || true
    code="${out##*$'\n'}"
    [ "$code" = 201 ] || die "registering bench$i: ${out%$'\n'*} (HTTP $code)"
  done
  recording="$(kf_wait_recording "$CAMERAS")"
  [ "$recording" -eq "$CAMERAS" ] || die "only $recording of $CAMERAS cameras RECORDING"
  log "$CAMERAS cameras recording; warm-up ${WARMUP}s"
  sleep "$WARMUP"
}

stop_cameras() {
  local i stopped=0
  for i in $(seq 1 "$CAMERAS"); do
    [ "$(kf_api POST "/recording/stop/bench$i" | tail -n 1)" = 200 ] && stopped=$((stopped + 1))
  done
  [ "$stopped" -eq "$CAMERAS" ] || NOTES+=("POST /recording/stop failed for $((CAMERAS - stopped)) camera(s).")
}

# --- the deletions -----------------------------------------------------------------------------------

# Every second: seconds since start, oldcam rows ready, rows deleting, audit rows, files left are
# not counted (a find over 100k files would disturb the run).
start_progress_sampler() {
  local t0="$1"
  (
    while :; do
      printf '%s\t%s\n' "$(secs_between "$t0" "$(now)")" \
        "$(sql "SELECT count(*) FILTER (WHERE state = 'ready') || E'\t' || count(*) FILTER (WHERE state = 'deleting')
                       || E'\t' || (SELECT count(*) FROM cleanup_audit WHERE camera_id = 'oldcam')
                  FROM segment WHERE camera_id = 'oldcam'" 2>/dev/null || echo "-")"
      sleep 1
    done
  ) > "$WORK/progress.tsv" 2>/dev/null &
  BG_PIDS+=($!)
}

# Every 3 s a thread dump of the server; the thread serving the prune is reduced to one word.
start_profiler() {
  [ "$PROFILE" = 1 ] || return 0
  (
    while :; do
      sleep 2
      jcmd "$KF_SERVER_PID" Thread.print 2>/dev/null | awk '
        /^"/ { if (hit) exit; stack = ""; top = ""; own = ""; next }
        /^\tat / { if (top == "") top = $2; stack = stack " " $2; if (own == "" && $2 ~ /SegmentDeleter\./) own = $2 }
        /^$/ { if (stack ~ /PruneResource/) { hit = 1 } ; if (!hit) { stack = ""; top = "" } }
        END {
          if (!hit && stack !~ /PruneResource/) { print "idle"; exit }
          if (stack ~ /DeletionStore\.mark/) w = "db:mark"
          else if (stack ~ /DeletionStore\.finish/) w = "db:finish(delete+audit)"
          else if (stack ~ /DeletionStore\.unmark/) w = "db:unmark"
          else if (stack ~ /RetentionStore\.startedBefore/) w = "db:page-query"
          else if (stack ~ /SegmentDeleter\.removeEmptyFolders/) w = "fs:folders"
          else if (stack ~ /SegmentPaths\.underRoot/) w = "fs:underRoot(realpath)"
          else if (stack ~ /java\.util\.logging|com\.ibm\.ws\.logging/) w = "logging"
          else if (stack ~ /Files\.deleteIfExists/) w = "fs:delete"
          if (w ~ /^fs:/ && own != "") { sub(/.*\(/, "", own); sub(/\)$/, "", own); w = w " at " own }
          else w = "other:" top
          print w }'
    done
  ) > "$WORK/profile.txt" 2>/dev/null &
  BG_PIDS+=($!)
}

run_prune() {
  local t0 t1 c0 c1 h0 h1 s0 s1 out code wall body
  wait_quiet "before the prune" "$KF_SERVER_PID"
  [ -z "$QUIET_NOTE" ] || NOTES+=("Prune: ${QUIET_NOTE%; }.")
  result "Keyframe prune: others' CPU just before it (3 s)" "$W_OTHER_PCT % of one core; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  log "Keyframe: DELETE /recording/prune/oldcam?older_than_days=1 ($SEGMENTS segments) while $CAMERAS cameras record"
  c0="$(cpu_ticks "$KF_SERVER_PID")"; s0="$(cpu_ticks "$SIM_PID")"; h0="$(host_ticks)"
  t0="$(now)"
  PRUNE_START_ISO="$(date -u -d "@$t0" +%Y-%m-%dT%H:%M:%S.%6NZ)"
  PRUNE_START_HMS="$(date -u -d "@$t0" +%H:%M:%S:%3N)"   # the server logs in UTC
  start_progress_sampler "$t0"
  start_profiler
  out="$(curl -sS -m "$PRUNE_TIMEOUT" -X DELETE -o "$WORK/prune.json" -w '%{http_code} %{time_total}' \
    "http://127.0.0.1:$KF_PORT/recording/prune/oldcam?older_than_days=1")" || out="000 -"
  t1="$(now)"
  PRUNE_END_ISO="$(date -u -d "@$t1" +%Y-%m-%dT%H:%M:%S.%6NZ)"
  c1="$(cpu_ticks "$KF_SERVER_PID")"; s1="$(cpu_ticks "$SIM_PID")"; h1="$(host_ticks)"
  stop_samplers
  read -r code wall <<<"$out"
  body="$(cat "$WORK/prune.json" 2>/dev/null || true)"
  log "prune answered HTTP $code after $wall s: $body"
  PRUNE_SECS="$(secs_between "$t0" "$t1")"
  [ "$code" = 200 ] || NOTES+=("The prune request answered HTTP $code: $body")
  result "Keyframe prune: wall time of the request" "$PRUNE_SECS s (HTTP $code)"
  result "Keyframe prune: answer" "\`$body\`"
  result "Keyframe prune: server CPU during it" "$(pct $((c1 - c0)) "$PRUNE_SECS") % of one core (recording included)"
  result "Keyframe prune: simulator CPU during it" "$(pct $((s1 - s0)) "$PRUNE_SECS") % of one core"
  result "Keyframe prune: whole machine busy during it" "$(busy_pct "$h0" "$h1") % of $(nproc) cores; others (PostgreSQL included) $(others_pct "$h0" "$h1" $(( c1 - c0 + s1 - s0 )) "$PRUNE_SECS") % of one core"
}

verify_prune() {
  local rows deleting audit files dirs
  rows="$(sql "SELECT count(*) FROM segment WHERE camera_id = 'oldcam'")"
  deleting="$(sql "SELECT count(*) FROM segment WHERE state = 'deleting'")"
  audit="$(sql "SELECT count(*) FROM cleanup_audit WHERE camera_id = 'oldcam'")"
  files="$(find "$REC_ROOT/oldcam" -type f 2>/dev/null | wc -l)"
  dirs="$(find "$REC_ROOT/oldcam" -mindepth 1 -type d 2>/dev/null | wc -l)"
  result "after the prune: oldcam rows left / rows deleting" "$rows / $deleting (expected 0 / 0)"
  result "after the prune: oldcam files left" "$files (expected 0)"
  result "after the prune: cleanup_audit rows of oldcam" "$audit (expected $SEGMENTS)"
  result "after the prune: empty oldcam folders left" "$dirs of $((OLD_DIRS - 1)) (the deleter removes folders left empty)"
  [ "$rows" -eq 0 ] && [ "$files" -eq 0 ] && [ "$audit" -eq "$SEGMENTS" ] && [ "$deleting" -eq 0 ] \
    || NOTES+=("The prune did not delete everything: $rows rows, $files files left, $audit audit rows.")
  [ "$dirs" -eq 0 ] || NOTES+=("$dirs empty folders of oldcam are left after the prune: SegmentDeleter.removeEmptyFolders reads a folder's mtime right after deleting a file in it, which that deletion has just set to now, so every folder counts as fresh (FRESH_FOLDER, 2 min) and none is removed.")
}

# The floor, in the state Keyframe's prune leaves (files and rows gone, folders kept): every file
# of refcam's tree deleted by one find, then one DELETE of its rows (no marking, no audit, no log).
# Then, apart, what removing the folders costs: refcam's (rm -rf) and the ones the prune left.
run_reference() {
  local t0 t1 t2 t3 t4 rows h0 h1 c0 c1 s0 s1
  wait_quiet "before the reference" "$KF_SERVER_PID"
  [ -z "$QUIET_NOTE" ] || NOTES+=("Reference: ${QUIET_NOTE%; }.")
  result "reference: others' CPU just before it (3 s)" "$W_OTHER_PCT % of one core; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  log "reference: find -type f -delete, then DELETE FROM segment WHERE camera_id = 'refcam'"
  c0="$(cpu_ticks "$KF_SERVER_PID")"; s0="$(cpu_ticks "$SIM_PID")"; h0="$(host_ticks)"
  t0="$(now)"
  find "$REF_ROOT/refcam" -type f -delete
  t1="$(now)"
  rows="$(psql_db -tA -c "WITH d AS (DELETE FROM segment WHERE camera_id = 'refcam' RETURNING 1) SELECT count(*) FROM d")"
  t2="$(now)"
  c1="$(cpu_ticks "$KF_SERVER_PID")"; s1="$(cpu_ticks "$SIM_PID")"; h1="$(host_ticks)"
  REF_SECS="$(secs_between "$t0" "$t2")"
  [ "$rows" -eq "$SEGMENTS" ] || NOTES+=("The reference DELETE removed $rows rows, not $SEGMENTS.")
  result "reference: find -type f -delete ($SEGMENTS files)" "$(secs_between "$t0" "$t1") s"
  result "reference: DELETE FROM segment (one statement, $rows rows)" "$(secs_between "$t1" "$t2") s"
  result "reference: total (files + rows, folders kept as the prune keeps them)" "$REF_SECS s"
  result "reference: whole machine busy during it" "$(busy_pct "$h0" "$h1") % of $(nproc) cores; others (find, psql and PostgreSQL included) $(others_pct "$h0" "$h1" $(( c1 - c0 + s1 - s0 )) "$REF_SECS") % of one core"
  t3="$(now)"
  rm -rf "$REF_ROOT/refcam"
  t4="$(now)"
  result "folders: rm -rf of refcam's $((OLD_DIRS)) empty folders" "$(secs_between "$t3" "$t4") s"
  t3="$(now)"
  rm -rf "$REC_ROOT/oldcam"
  t4="$(now)"
  result "folders: rm -rf of the empty oldcam folders the prune left" "$(secs_between "$t3" "$t4") s"
}

# Per-batch timing from the server's log: SegmentDeleter writes one INFO line per deleted segment
# after each batch's transaction; batch k = lines 500k .. 500k+499 of camera=oldcam. Prints
# "batches median_period_ms max_period_ms median_logging_ms first_line_after_s lines bytes".
batch_timing() {
  local logs
  # rolled files first (their names sort by time), then the current one
  logs=$(ls "$WLP/usr/servers/$BENCH_SERVER/logs"/messages_*.log 2>/dev/null | sort; echo "$KF_LOG")
  # shellcheck disable=SC2086
  grep -h 'SegmentDeleter .* deleted segment .* camera=oldcam ' $logs 2>/dev/null | awk -v start="$1" '
    { split($2, t, ":"); ms = ((t[1] * 60 + t[2]) * 60 + t[3]) * 1000 + t[4]
      n++; bytes += length($0) + 1
      b = int((n - 1) / 500)
      if ((n - 1) % 500 == 0) first[b] = ms
      last[b] = ms }
    END {
      if (n == 0) { print "0 - - - - 0 0"; exit }
      nb = b + 1
      for (i = 1; i < nb; i++) period[i] = first[i] - first[i - 1]
      for (i = 0; i < nb; i++) logging[i] = last[i] - first[i]
      # medians by insertion sort (a few hundred values)
      m = nb - 1
      for (i = 1; i <= m; i++) { v = period[i]; j = i - 1; while (j >= 1 && p[j] > v) { p[j + 1] = p[j]; j-- } p[j + 1] = v }
      for (i = 0; i < nb; i++) { v = logging[i]; j = i - 1; while (j >= 0 && q[j] > v) { q[j + 1] = q[j]; j-- } q[j + 1] = v }
      split(start, s, ":"); st = ((s[1] * 60 + s[2]) * 60 + s[3]) * 1000 + s[4]
      printf "%d %s %s %d %.2f %d %d\n", nb, (m > 0) ? p[int((m + 1) / 2)] : "-", (m > 0) ? p[m] : "-", q[int(nb / 2)],
             (first[0] - st) / 1000, n, bytes }'
}

report_batches() {
  local nb med max logmed first lines bytes
  read -r nb med max logmed first lines bytes <<<"$(batch_timing "$PRUNE_START_HMS")"
  [ "${lines:-0}" -gt 0 ] || { NOTES+=("No 'deleted segment' lines of oldcam found in the server log."); return; }
  result "server log: batches of 500 / deletion lines / bytes logged" "$nb / $lines / $((bytes / 1024 / 1024)) MiB"
  result "server log: time per batch, median / max (mark + files + delete rows and audit + log)" "$med ms / $max ms"
  result "server log: of which writing the batch's 500 log lines, median" "$logmed ms"
  result "server log: first batch logged after the request started" "$first s"
}

busy_pct() {   # busy_pct HOST_TICKS0 HOST_TICKS1 : % of all cores
  awk -v a="$1" -v b="$2" 'BEGIN {split(a, x, " "); split(b, y, " "); printf "%.1f", 100 * (y[1] - x[1]) / (y[2] - x[2])}'
}
others_pct() {   # others_pct HOST_TICKS0 HOST_TICKS1 OWN_TICKS SECS : the rest of the machine, % of one core
  awk -v a="$1" -v b="$2" -v own="$3" -v s="$4" -v hz="$CLK_TCK" \
    'BEGIN {split(a, x, " "); split(b, y, " "); o = 100 * (y[1] - x[1] - own) / hz / s; printf "%.1f", o < 0 ? 0 : o}'
}

# --- frames -------------------------------------------------------------------------------------------

# frames_per_camera LABEL WHERE : per camera, count_frames over the bench segments matching WHERE
# (hard links into a folder of their own, so lib.sh's count_frames can be used as it is)
frames_per_camera() {
  local label="$1" where="$2" dir cam rel files frames expected secs bad
  dir="$WORK/frames-$label"
  rm -rf "$dir"
  while IFS=$'\t' read -r cam rel; do
    mkdir -p "$dir/$cam"
    ln "$REC_ROOT/$rel" "$dir/$cam/$(basename "$rel")" 2>/dev/null || true
  done < <(sql "SELECT camera_id, file_path FROM segment WHERE camera_id LIKE 'bench%' AND ($where) ORDER BY 1, start_time")
  for i in $(seq 1 "$CAMERAS"); do
    cam="bench$i"
    if [ -d "$dir/$cam" ]; then
      read -r files frames expected secs bad <<<"$(count_frames "$dir/$cam")"
    else
      files=0 frames=0 expected=0 secs=0 bad=0
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$cam" "$files" "$frames" "$expected" "$secs" "$bad" >> "$WORK/frames.tsv"
  done
  rm -rf "$dir"
}

# largest gap (ms) between one segment's end and the next one's start, per camera, in WHERE
gaps_per_camera() {
  sql "SELECT camera_id, max(gap), count(*) FILTER (WHERE gap > 1000.0 / $FPS * 1.5)
         FROM (SELECT camera_id, extract(epoch FROM start_time - lag(end_time) OVER (PARTITION BY camera_id ORDER BY start_time)) * 1000 AS gap
                 FROM segment WHERE camera_id LIKE 'bench%' AND ($1)) g
        GROUP BY camera_id ORDER BY camera_id" > "$WORK/gaps-$2.tsv"
}

count_all_frames() {
  local during="start_time < '$PRUNE_END_ISO' AND end_time > '$PRUNE_START_ISO'"
  : > "$WORK/frames.tsv"
  log "counting frames (ffprobe) in the segments that overlap the prune, then in all of the run"
  frames_per_camera prune "$during"
  frames_per_camera all "TRUE"
  gaps_per_camera "$during" prune
  gaps_per_camera "TRUE" all
}

# --- report ---------------------------------------------------------------------------------------

render_report() {
  local ratio
  ratio="$(awk -v k="$PRUNE_SECS" -v r="$REF_SECS" 'BEGIN {if (r + 0 == 0) print "-"; else printf "%.1f", k / r}')"
  echo "| measure | value |"
  echo "|---|---|"
  echo "| **Keyframe prune of $SEGMENTS segments (target ≤ 60 s)** | **$PRUNE_SECS s** |"
  echo "| **reference floor: find -type f -delete + one DELETE** | **$REF_SECS s** |"
  echo "| **Keyframe / reference** | **$ratio×** |"
  awk -F'\t' '{printf "| %s | %s |\n", $1, $2}' "$ROWS_TSV"
  echo
  echo "Lost frames per camera (target 0); \"during prune\" = segments overlapping the request:"
  echo
  echo "| camera | segments (during prune) | frames | expected | lost | largest gap between segments ms | segments (whole run) | frames | expected | lost | recorded s | largest gap ms | unreadable |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' '
    function ms(v) { if (v == "") return "-"; v = sprintf("%.0f", v); return v == "-0" ? "0" : v }
    FILENAME ~ /gaps-prune/ { gp[$1] = ms($2); next }
    FILENAME ~ /gaps-all/   { ga[$1] = ms($2); next }
    $1 == "prune" { pf[$2] = $3; pn[$2] = $4; pe[$2] = $5; pb[$2] = $7; order[++k] = $2; next }
    $1 == "all"   { af[$2] = $3; an[$2] = $4; ae[$2] = $5; as[$2] = $6; ab[$2] = $7 }
    END { for (i = 1; i <= k; i++) { c = order[i]
            tp += pe[c] - pn[c]; ta += ae[c] - an[c]
            printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", c, pf[c], pn[c], pe[c], pe[c] - pn[c],
                   (c in gp) ? gp[c] : "-", af[c], an[c], ae[c], ae[c] - an[c], as[c], (c in ga) ? ga[c] : "-", pb[c] + ab[c] }
          printf "| **all** | | | | **%d** | | | | | **%d** | | | |\n", tp, ta }' \
    "$WORK/gaps-prune.tsv" "$WORK/gaps-all.tsv" "$WORK/frames.tsv"
  if [ -s "$WORK/progress.tsv" ]; then
    echo
    echo "Progress of the prune (sampled every second: s since the request, oldcam rows ready / deleting, audit rows):"
    echo
    echo '```'
    awk -F'\t' 'NR == 1 || NR % 5 == 0 { print } { last = $0 } END { print last }' "$WORK/progress.tsv" | uniq
    echo '```'
  fi
  if [ -s "$WORK/profile.txt" ]; then
    echo
    echo "Thread dumps of the server every 2 s during the prune: what the request thread was doing"
    echo
    echo "| samples | where |"
    echo "|---:|---|"
    sort "$WORK/profile.txt" | uniq -c | sort -rn | awk '{c = $1; $1 = ""; printf "| %s | %s |\n", c, substr($0, 2)}'
  fi
}

write_markdown() {
  local file="$1" dirty=""
  [ -z "$(git status --porcelain 2>/dev/null | head -n 1)" ] || dirty=" (with uncommitted changes)"
  mkdir -p "$(dirname "$file")"
  {
    echo "# Retention benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo
    echo "- command: \`bash src/bench/retention-bench.sh --segments $SEGMENTS --cameras $CAMERAS --segment-secs $SEGMENT_SECS --warmup $WARMUP --file-kib $FILE_KIB$([ "$PROFILE" = 1 ] || echo ' --no-profile')\`"
    echo "- machine: $(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1), $(awk '/MemTotal/ {printf "%.0f GB RAM", $2 / 1048576}' /proc/meminfo); load average before the run: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg) (shared machine)"
    echo "- Keyframe: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$dirty; $(psql --version | head -n 1); $(java -version 2>&1 | head -n 1)"
    echo "- recording: $CAMERAS cameras on one shared /load1080 mount of the CameraSimulator (1080p30 H.264, ~4 Mbit/s, GOP 30, RTSP/TCP on 127.0.0.1), ${SEGMENT_SECS} s segments, ${WARMUP} s of recording before the deletions; storage.cleanup.enabled = false"
    echo "- expired footage: $SEGMENTS segments per set, start times evenly over 30–400 days ago, $FILE_KIB KiB files, $OLD_DIRS folders per set; files freshly written (page cache warm)"
    echo
    render_report
    echo
    cat <<'TEXT'
Notes on the measures:
- Keyframe prune: wall time of `DELETE /recording/prune/oldcam?older_than_days=1` (curl), which
  returns when every batch (mark 'deleting' → delete files and empty folders → delete rows + write
  audit, 500 rows per transaction) is done. Server CPU includes the 8 recordings (~2 % of a core each).
- Reference floor: `find -type f -delete` over an identical tree of files, then one `DELETE FROM
  segment WHERE camera_id = 'refcam'` on an identical set of rows in the same table, while the same
  cameras record; no marking, no audit, no logging, no crash safety. It ends where the prune ends
  (files and rows gone, folders kept); removing the folders is timed apart (rm -rf).
- Lost frames: per file, ffprobe's video packets vs the 30 fps slots between the first and last DTS
  (lib.sh count_frames); cameras are stopped cleanly (POST /recording/stop) before counting.
  Largest gap: start of a segment minus the end of the one before (catalog times); frames lost
  between two files would show there rather than in "lost".
TEXT
    for note in "${NOTES[@]}"; do echo; echo "$note"; done
  } > "$file"
}

# --- main ----------------------------------------------------------------------------------------------

main() {
  local report
  LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
  check_commands
  build
  start_simulator
  start_server
  generate
  start_cameras
  run_prune
  verify_prune
  report_batches
  sleep 5
  run_reference
  # let the segment that was open during the deletions close, then stop cleanly
  sleep $((SEGMENT_SECS + 2))
  local check
  check="$(kf_check_cameras "$CAMERAS")"
  [ -z "$check" ] || NOTES+=("Cameras at the end: ${check%; }.")
  stop_cameras
  count_all_frames
  stop_keyframe
  stop_simulator
  report="$ROOT/target/bench/retention-$(date +%Y%m%d-%H%M%S).md"
  write_markdown "$report"
  echo
  render_report
  for note in "${NOTES[@]}"; do [ -z "$note" ] || { echo; echo "$note"; }; done
  echo
  log "written to ${report#"$ROOT"/}"
}

main
