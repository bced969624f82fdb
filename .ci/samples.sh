#!/usr/bin/env bash
# The corridorsim CLI on the sample scenarios, end to end (called by .ci/run after the build; needs a Release build).
# Validates every sample, runs each with few replications, checks the files `run` writes, runs a small sweep, a small study, a
# shard + merge round trip and a small plan and
# checks that a broken scenario and a bad --out are refused with exit code 2, then packs the tool, installs it from
# the local folder and checks its size, init and usage line. Prints the calibration lines of the baseline.
# Run from anywhere: `bash .ci/samples.sh`. Needs no network beyond the package restore.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

t0=$(date +%s)
out=artifacts/cli
rm -rf "$out"
mkdir -p "$out"

cli() { dotnet run --project src/CorridorSim.Cli -c Release --no-build -- "$@"; }
step() { echo; echo "-- $* ($(( $(date +%s) - t0 ))s)"; }
die() { echo "samples.sh FAILED: $*" >&2; exit 1; }

# Runs the CLI with a log file, echoes the log, and fails unless the exit code is the expected one.
expect_exit() {
  local want=$1 log=$2; shift 2
  local rc=0
  cli "$@" >"$log" 2>&1 || rc=$?
  cat "$log"
  [ "$rc" -eq "$want" ] || die "corridorsim $* exited $rc, expected $want"
}

need_file() { [ -s "$1" ] || die "$1 is missing or empty"; }

step "validate every sample scenario"
shopt -s nullglob
samples=(samples/scenarios/*.json)
[ "${#samples[@]}" -gt 0 ] || die "no samples/scenarios/*.json"
for f in "${samples[@]}"; do
  expect_exit 0 "$out/validate-$(basename "$f" .json).log" validate "$f"
done

step "titr-baseline-2024: calibration against the reported 2024 volumes and transit times"
expect_exit 0 "$out/titr-baseline-2024.log" run samples/scenarios/titr-baseline-2024.json -r 4 --no-charts \
  --out "$out/titr-baseline-2024" >/dev/null
grep '^Calibration ' "$out/titr-baseline-2024.log" || die "no calibration lines in the baseline output"
grep -q 'conforms to schema' "$out/titr-baseline-2024.log" || die "baseline: summary.json not checked against the schema"
if grep -q 'OUT OF TOLERANCE\|OUTSIDE the range' "$out/titr-baseline-2024.log"; then
  echo "warning: the baseline calibration is out of tolerance (4 replications; see the lines above)"
fi

step "titr-10mt-2030: end to end, with charts"
dir="$out/titr-10mt-2030"
expect_exit 0 "$out/titr-10mt-2030.log" run samples/scenarios/titr-10mt-2030.json -r 4 --out "$dir"
for f in summary.json years.csv components.csv flows.csv throughput.png utilization.png utilization-heatmap.png transit.png; do
  need_file "$dir/$f"
done
for f in throughput.png utilization.png utilization-heatmap.png transit.png; do
  [ "$(head -c 8 "$dir/$f" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || die "$dir/$f is not a PNG file"
done
grep -q 'conforms to schema' "$out/titr-10mt-2030.log" || die "10 Mt: summary.json not checked against the schema"

for name in caspian-storms sea-level-decline; do
  step "$name"
  expect_exit 0 "$out/$name.log" run "samples/scenarios/$name.json" -r 2 --no-charts --out "$out/$name" >/dev/null
  grep -q 'conforms to schema' "$out/$name.log" || die "$name: summary.json not checked against the schema"
  need_file "$out/$name/summary.json"
  grep -E '^(First year|The target)' "$out/$name.log"
done

step "sweep: Kuryk-Alat ferries 4..8 on the baseline"
dir="$out/sweep-kuryk-ferries"
expect_exit 0 "$out/sweep.log" sweep samples/scenarios/titr-baseline-2024.json \
  --vary "vesselLegs[ferry:kuryk-alat].vessels=4..8:2" -r 2 --out "$dir"
for f in sweep.csv sweep.json sweep.png; do
  need_file "$dir/$f"
done
[ "$(wc -l <"$dir/sweep.csv")" -eq 4 ] || die "sweep.csv should have a header and 3 rows"

step "study: the 10 Mt sample's uncertainty section, 24 samples, delivered tons only"
dir="$out/study-10mt"
expect_exit 0 "$out/study.log" study samples/scenarios/titr-10mt-2030.json -n 24 --no-capacity --out "$dir"
for f in summary.json study.csv samples.csv sensitivity.csv fan.png first-year.png sensitivity.png; do
  need_file "$dir/$f"
done
grep -q 'conforms to schema' "$out/study.log" || die "study: summary.json not checked against the schema"
[ "$(wc -l <"$dir/samples.csv")" -eq $((24 * 8 + 1)) ] || die "samples.csv should have a header and 24 x 8 rows"

step "shards: the baseline's replications in three shards, merged, byte for byte the single run"
dir="$out/shards"
base=(run samples/scenarios/titr-baseline-2024.json -r 3 --no-charts)
expect_exit 0 "$out/shards-single.log" "${base[@]}" --out "$dir/single" >/dev/null
for i in 0 1 2; do
  expect_exit 0 "$out/shards-$i.log" "${base[@]}" --shard "$i/3" --out "$dir/shard-$i" >/dev/null
done
expect_exit 0 "$out/shards-merge.log" merge "$dir/shard-2" "$dir/shard-0" "$dir/shard-1" --no-charts --out "$dir/merged" >/dev/null
diff -r "$dir/single" "$dir/merged" || die "the merged shards differ from the single run"
expect_exit 2 "$out/shards-missing.log" merge "$dir/shard-0" "$dir/shard-2" --out "$dir/missing"
[ ! -e "$dir/missing" ] || die "merge wrote output with a shard missing"

step "plan: the 2028 plan sample's menu on one sample, confirmed on two"
dir="$out/plan-2028"
expect_exit 0 "$out/plan.log" plan samples/scenarios/titr-plan-2028.json -n 1 --confirm-samples 2 --out "$dir"
for f in summary.json plan.csv plan-items.csv plan.png years.csv; do
  need_file "$dir/$f"
done
grep -q 'conforms to schema' "$out/plan.log" || die "plan: summary.json not checked against the schema"
grep -q 'simulated corridor-years' "$out/plan.log" || die "plan: the simulated corridor-years are not printed"

step "a broken scenario is refused with exit code 2"
broken="$out/broken.json"
sed 's/"berths": 2,/"berths": -2,/' samples/scenarios/titr-baseline-2024.json >"$broken"
cmp -s "$broken" samples/scenarios/titr-baseline-2024.json && die "the broken scenario is not broken (the sed found nothing)"
expect_exit 2 "$out/broken-validate.log" validate "$broken"
expect_exit 2 "$out/broken-run.log" run "$broken" --no-charts --out "$out/broken-out"
for cmd in validate run; do
  grep -q '\$\.ports\[[0-9]*\]\.berths' "$out/broken-$cmd.log" || die "$cmd: the error does not name the JSON path"
  if grep -q '^   at ' "$out/broken-$cmd.log"; then die "$cmd: a stack trace in the output"; fi
done
[ ! -e "$out/broken-out" ] || die "run wrote output for a broken scenario"

step "a bad --out is refused with exit code 2 before the simulation"
: >"$out/not-a-folder"
expect_exit 2 "$out/bad-out.log" run samples/scenarios/titr-baseline-2024.json -r 1 --out "$out/not-a-folder"
if grep -q 'replications 1/1' "$out/bad-out.log"; then die "run simulated before refusing the --out"; fi

step "the tool on its own: pack, install from the local folder, init, validate; installed size under 100 MB"
tool="$out/tool"
rm -rf "$tool"
# Drop cached copies of the tool packages so the install takes the ones just packed (the version does not change).
rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/corridorsim.cli*
dotnet pack src/CorridorSim.Cli -c Release -o "$tool/packages" >"$out/tool-pack.log" 2>&1 || { cat "$out/tool-pack.log"; die "pack of the tool"; }
ls -l "$tool/packages"
dotnet tool install --tool-path "$tool/bin" --add-source "$tool/packages" CorridorSim.Cli >"$out/tool-install.log" 2>&1 \
  || { cat "$out/tool-install.log"; die "install of the tool"; }
installed_mb=$(du -sm "$tool/bin" | cut -f1)
echo "installed tool: ${installed_mb} MB"
[ "$installed_mb" -lt 100 ] || die "the installed tool takes ${installed_mb} MB (limit 100)"
(cd "$tool" && ./bin/corridorsim init scenarios && ./bin/corridorsim validate scenarios/titr-baseline-2024.json) \
  || die "corridorsim init / validate from the installed tool"
"$tool/bin/corridorsim" --help >"$out/tool-help.log"
grep -q '^  corridorsim \[command\]' "$out/tool-help.log" || die "the usage line does not say corridorsim"

echo; echo "samples OK in $(( $(date +%s) - t0 ))s"
