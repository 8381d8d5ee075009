#!/usr/bin/env bash
# Recording cost benchmark: Keyframe against the bare tools, side by side in one run.
#
#   bash src/bench/recording-bench.sh [--duration SECS] [--warmup SECS] [--stagger SECS] [--settle SECS]
#                                      [--quiet-wait SECS] [--tools LIST] [--no-build] [N ...]
#
# For each N (default 1 8 32 64), N simulated 1080p30 ~4 Mbit/s RTSP cameras (one shared mount of
# the project's CameraSimulator) are recorded into 60 s MP4 segments, one recorder after the other:
#   gst-launch  gst-launch-1.0 -e rtspsrc ! rtph264depay ! h264parse ! splitmuxsink (robust mp4mux),
#               one process per stream
#   ffmpeg      ffmpeg -rtsp_transport tcp -i URL -c copy -f segment (Frigate's recorder),
#               one process per stream
#   keyframe    the Keyframe server (Liberty server "keyframe-bench", free port, fresh database and
#               config), N cameras registered through its REST API in continuous mode
# Each gets WARMUP seconds (default 10) and then a measuring window of DURATION seconds (default 30).
# Reported per stream: CPU in % of one core (utime+stime of all the recorder's processes over the
# window; for Keyframe minus the idle server over a window of the same length before any camera),
# RSS (Keyframe: RSS with N cameras minus idle RSS), and lost frames (expected 30 fps x recorded
# time of each file vs the video packets ffprobe counts). The table goes to stdout and to
# target/bench/recording-<timestamp>.md.
#
# Options:
#   --duration SECS  measuring window (default 30)
#   --warmup SECS    warm-up before each window (default 10)
#   --tools LIST     comma-separated subset of gst-launch,ffmpeg,keyframe (default: all three)
#   --stagger SECS   pause between starting two gst-launch/ffmpeg processes (default 0.2, about
#                    what registering one Keyframe camera takes; 0: all at once)
#   --settle SECS    Keyframe: wait after /health/ready before the idle window (default 30)
#   --quiet-wait SECS  the machine may be shared: before each window, wait up to SECS (default 60)
#                    until other processes use less than 25 % of one core (0: never wait)
#   --no-build       skip "mvn -q -DskipTests package liberty:create liberty:deploy -Dliberty.server=keyframe-bench"
# Database: the local PostgreSQL of bin/keyframe setup (DB_HOST, DB_PORT, DB_USER, DB_PASSWORD
# honoured; role keyframe/keyframe by default); the role must be allowed to create databases.
#
# Not part of the test suite. Everything it starts (simulator, recorders, Liberty server, databases,
# temporary directories) is stopped or removed on exit, Ctrl-C and errors included.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

# --- arguments ----------------------------------------------------------------------------------

DURATION=30
WARMUP=10
SEGMENT_SECS=60
STAGGER=0.2
KF_SETTLE=30
QUIET_WAIT=60
QUIET_MAX=25
TOOLS="gst-launch,ffmpeg,keyframe"
BUILD=1
COUNTS=()

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION="${2:?--duration needs a value}"; shift 2 ;;
    --duration=*) DURATION="${1#*=}"; shift ;;
    --warmup) WARMUP="${2:?--warmup needs a value}"; shift 2 ;;
    --warmup=*) WARMUP="${1#*=}"; shift ;;
    --stagger) STAGGER="${2:?--stagger needs a value}"; shift 2 ;;
    --stagger=*) STAGGER="${1#*=}"; shift ;;
    --settle) KF_SETTLE="${2:?--settle needs a value}"; shift 2 ;;
    --settle=*) KF_SETTLE="${1#*=}"; shift ;;
    --quiet-wait) QUIET_WAIT="${2:?--quiet-wait needs a value}"; shift 2 ;;
    --quiet-wait=*) QUIET_WAIT="${1#*=}"; shift ;;
    --tools) TOOLS="${2:?--tools needs a value}"; shift 2 ;;
    --tools=*) TOOLS="${1#*=}"; shift ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) usage ;;
    [0-9]*) COUNTS+=("$1"); shift ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
done
[ ${#COUNTS[@]} -gt 0 ] || COUNTS=(1 8 32 64)
for v in "$DURATION" "$WARMUP" "${COUNTS[@]}"; do
  [[ "$v" =~ ^[1-9][0-9]*$ ]] || { echo "not a positive whole number: $v" >&2; exit 2; }
done
for v in "$KF_SETTLE" "$QUIET_WAIT"; do
  [[ "$v" =~ ^[0-9]+$ ]] || { echo "not a whole number: $v" >&2; exit 2; }
done
[[ "$STAGGER" =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "not a number of seconds: $STAGGER" >&2; exit 2; }
IFS=',' read -r -a TOOL_LIST <<<"$TOOLS"
for t in "${TOOL_LIST[@]}"; do
  case "$t" in gst-launch|ffmpeg|keyframe) ;; *) echo "unknown tool: $t" >&2; exit 2 ;; esac
done
wants() { [[ ",$TOOLS," == *",$1,"* ]]; }

# --- state and cleanup ------------------------------------------------------------------------------

WORK="$(mktemp -d /tmp/keyframe-bench.XXXXXX)"
RESULTS="$WORK/results.tsv"
RUN_ID="$(date +%s)_$$"
SIM_PID=""
SIM_URL=""
TOOL_PIDS=()
KF_STARTED=0
KF_PORT=""
KF_DATABASES=()
KF_DB_HOST="${DB_HOST:-127.0.0.1}"
KF_DB_PORT="${DB_PORT:-5432}"
KF_DB_USER="${DB_USER:-keyframe}"
KF_DB_PASSWORD="${DB_PASSWORD:-keyframe}"
NOTES=()
: > "$RESULTS"

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
  [ ${#TOOL_PIDS[@]} -eq 0 ] || { log "stopping ${#TOOL_PIDS[@]} recorder process(es)"; stop_pids INT 15 "${TOOL_PIDS[@]}"; }
  [ "$KF_STARTED" = 0 ] || { log "stopping the Keyframe server"; stop_keyframe; }
  for db in "${KF_DATABASES[@]}"; do drop_database "$db" 2>/dev/null; done
  stop_simulator
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT
trap 'log "terminated"; exit 143' TERM

# --- preparation --------------------------------------------------------------------------------------

check_commands() {
  local c missing=()
  for c in java python3 curl ffprobe "$@"; do command -v "$c" > /dev/null || missing+=("$c"); done
  [ ${#missing[@]} -eq 0 ] || die "missing: ${missing[*]} (bin/keyframe setup installs them)"
}

build() {
  if [ "$BUILD" = 1 ]; then
    log "building: mvn -q -DskipTests package liberty:create liberty:deploy -Dliberty.server=$BENCH_SERVER"
    if ! mvn -B -q -DskipTests package liberty:create liberty:deploy -Dliberty.server="$BENCH_SERVER" \
        > "$WORK/build.log" 2>&1; then
      tail -n 30 "$WORK/build.log" >&2
      [ -f target/test.classpath ] || die "the build failed"
      log "the build failed; going on with the existing build in target/ (may be stale)"
      NOTES+=("The build failed; the run used the build already in target/, which may be stale.")
    fi
  fi
  [ -f target/test.classpath ] && [ -d target/test-classes/io/keyframe/sim ] \
    || die "target/test.classpath or the simulator classes are missing: run without --no-build"
  if wants keyframe && [ ! -f "$WLP/usr/servers/$BENCH_SERVER/apps/keyframe.war" ]; then
    die "no Liberty server $BENCH_SERVER in $WLP: run without --no-build"
  fi
}

check_database() {
  wants keyframe || return 0
  command -v psql > /dev/null || die "psql missing (bin/keyframe setup installs it)"
  psql_bench -tAc 'SELECT 1' > /dev/null 2>&1 \
    || die "cannot reach PostgreSQL at $KF_DB_HOST:$KF_DB_PORT as $KF_DB_USER (bin/keyframe setup starts it)"
}

# --- report --------------------------------------------------------------------------------------------

# Markdown: the result table, then the CPU ratios per N.
render_report() {
  echo "| N | recorder | CPU %/stream | RSS MB/stream | frames in files | expected | lost | recorded s/stream | run s | simulator CPU % | others CPU % | notes |"
  echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  awk -F'\t' '{
      lost = ($5 == "-" || $6 == "-") ? "-" : $6 - $5
      printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
             $1, $2, $3, $4, $5, $6, lost, $7, $8, $9, $10, $11 }' "$RESULTS"
  echo
  echo "CPU per stream, ratios:"
  echo
  echo "| N | Keyframe / ffmpeg | Keyframe / gst-launch |"
  echo "|---:|---:|---:|"
  awk -F'\t' '
    { cpu[$1, $2] = $3; if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 } }
    function ratio(a, b) { return (a == "" || b == "" || a == "-" || b == "-" || b + 0 == 0) ? "-" : sprintf("%.2f", a / b) }
    END { for (i = 1; i <= k; i++) { n = order[i]
            printf "| %s | %s | %s |\n", n, ratio(cpu[n, "keyframe"], cpu[n, "ffmpeg"]), ratio(cpu[n, "keyframe"], cpu[n, "gst-launch"]) } }' "$RESULTS"
}

write_markdown() {
  local file="$1" dirty=""
  [ -z "$(git status --porcelain 2>/dev/null | head -n 1)" ] || dirty=" (with uncommitted changes)"
  mkdir -p "$(dirname "$file")"
  {
    echo "# Recording benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo
    echo "- command: \`bash src/bench/recording-bench.sh --duration $DURATION --warmup $WARMUP --stagger $STAGGER --settle $KF_SETTLE --quiet-wait $QUIET_WAIT --tools $TOOLS ${COUNTS[*]}\`"
    echo "- machine: $(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1), $(awk '/MemTotal/ {printf "%.0f GB RAM", $2 / 1048576}' /proc/meminfo)"
    echo "- Keyframe: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$dirty; $(gst-launch-1.0 --version 2>/dev/null | head -n 1); $(ffmpeg -version 2>/dev/null | head -n 1 | cut -d' ' -f1-3); $(java -version 2>&1 | head -n 1)"
    echo "- source: N clients of one shared mount of the CameraSimulator (looped 1080p30 H.264, ~4 Mbit/s, GOP 30), RTSP over TCP on 127.0.0.1"
    echo "- ${WARMUP} s warm-up, then a ${DURATION} s measuring window per recorder; ${SEGMENT_SECS} s segments; recorders run one after the other"
    echo
    render_report
    echo
    cat <<'TEXT'
Columns:
- CPU %/stream: % of one core, utime+stime of all the recorder's processes over the window, / N.
  Keyframe: server with N cameras minus the idle server over a window of the same length measured
  before any camera was added, / N.
- RSS MB/stream: sum of the processes' RSS at the end of the window / N (shared libraries count
  once per process). Keyframe: (RSS with N cameras - idle RSS) / N.
- frames in files: video packets in every file (ffprobe). expected: what 30 fps gives over each
  file's recorded time (first to last DTS plus one frame), i.e. frames plus the 30 fps slots left
  empty between consecutive DTS; lost = expected - frames. Each recorder is stopped cleanly before
  counting (SIGINT: EOS for gst-launch -e, trailer for ffmpeg; POST /recording/stop for Keyframe),
  and files start on a keyframe, so neither the first partial GOP nor an unfinalised file counts.
  Frames missing between two files (a recorder that reconnects starts a new file) are not in
  "lost": they show as recorded s/stream well below run s.
- recorded s/stream: the files' recorded time / N. run s: wall time from starting the recorders
  (Keyframe: from registering the cameras) to their clean stop; the difference is connecting and
  waiting for the first keyframe.
- simulator CPU %: the RTSP server process over the same window, % of one core (total, not / N).
- others CPU %: everything else on the machine over the same window, % of one core (other users'
  builds and tests, kernel time not charged to a process). High values mean noisy figures.
TEXT
    for note in "${NOTES[@]}"; do echo; echo "$note"; done
  } > "$file"
}

# --- main ----------------------------------------------------------------------------------------------

main() {
  local n tool report
  wants gst-launch && check_commands gst-launch-1.0
  wants ffmpeg && check_commands ffmpeg
  check_commands
  check_database
  build
  start_simulator
  for n in "${COUNTS[@]}"; do
    for tool in "${TOOL_LIST[@]}"; do
      case "$tool" in
        gst-launch|ffmpeg) run_cli_recorder "$tool" "$n" ;;
        keyframe) run_keyframe "$n" ;;
      esac
    done
  done
  stop_simulator
  report="$ROOT/target/bench/recording-$(date +%Y%m%d-%H%M%S).md"
  write_markdown "$report"
  echo
  render_report
  echo
  log "written to ${report#"$ROOT"/}"
}

main
