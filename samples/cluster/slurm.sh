#!/usr/bin/env bash
# CorridorSim on Slurm: a job array runs the 100 shards of a study, and a merge job that starts only when every task
# has succeeded (afterok) writes the single run's outputs (README.md, "Running on a cluster").
#   bash samples/cluster/slurm.sh          # submits the array and the merge, from a folder on the shared file system
# The tool must be on PATH on the compute nodes (dotnet tool install --global CorridorSim.Cli), and the scenarios
# beside it (corridorsim init scenarios). Keep --array=0-99 and --shards 100 in step.
set -euo pipefail

case "${1:-submit}" in
  submit)
    mkdir -p results logs
    array=$(sbatch --parsable --job-name=corridorsim-shards --array=0-99 --cpus-per-task=2 --time=02:00:00 \
      --output=logs/shard-%a.log "$0" shard)
    sbatch --job-name=corridorsim-merge --dependency=afterok:"$array" --cpus-per-task=1 --time=00:30:00 \
      --output=logs/merge.log "$0" merge
    ;;
  shard)
    # Slurm sets SLURM_ARRAY_TASK_ID (0..99 here) in every task of the array; --shard auto reads it.
    corridorsim study scenarios/titr-10mt-2030.json --samples 1000 --shard auto --shards 100 --threads "$SLURM_CPUS_PER_TASK" --out results/shard-"$SLURM_ARRAY_TASK_ID"
    ;;
  merge)
    # Exit code 2 lists any shard missing, repeated or from another design; nothing is written then.
    corridorsim merge results/shard-* --out results/merged
    ;;
  *)
    echo "usage: $0 [submit|shard|merge]" >&2
    exit 2
    ;;
esac
