# Sourced by bin/mcsan, bin/mcsan-submit and bin/spark-cluster (not run on its own): finds a Java 17, reads the
# JVM options Spark 2.4 needs on it (bin/jvm-options) and sets the MKL variables BigDL's kernels need.
# Defines: root, die, java_bin, java17_flags (array), build_if_stale.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
program="$(basename "$0")"

die() { echo "$program: $*" >&2; exit 2; }

find_java() {
  local candidate
  if [[ -n "${JAVA_HOME:-}" ]]; then
    candidate="$JAVA_HOME/bin/java"
    [[ -x "$candidate" ]] || die "JAVA_HOME=$JAVA_HOME has no bin/java. Point JAVA_HOME at a Java 17 installation."
  else
    candidate="$(command -v java || true)"
    [[ -n "$candidate" ]] || die "no Java found. Install a Java 17 runtime (e.g. apt-get install openjdk-17-jdk-headless) or set JAVA_HOME."
  fi
  echo "$candidate"
}

java_major() {
  local v
  v="$("$1" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')"
  case "$v" in
    1.*) echo "${v#1.}" | cut -d. -f1 ;;
    *) echo "${v%%[.+-]*}" ;;
  esac
}

java_bin="$(find_java)"
major="$(java_major "$java_bin")"
if [[ "$major" != "17" ]]; then
  hint=""
  for d in /usr/lib/jvm/java-17-* /usr/lib/jvm/*-17-* /usr/lib/jvm/jdk-17*; do
    [[ -x "$d/bin/java" ]] && { hint=" A Java 17 is installed here: export JAVA_HOME=$d"; break; }
  done
  die "$java_bin is Java ${major:-unknown}; mcsan needs Java 17 (Spark 2.4 and Hadoop 2.7 are not supported on newer Java, and the launcher's flags need 9+).${hint:- Install openjdk-17 and set JAVA_HOME.}"
fi

java17_flags=()
while IFS= read -r line; do
  [[ -z "$line" || "$line" == \#* ]] || java17_flags+=("$line")
done < "$root/bin/jvm-options"

# Builds with Maven (tests skipped) when the file $1 is missing or older than the sources; $2 says what it is.
build_if_stale() {
  local file="$1" what="$2" stale=""
  if [[ ! -e "$file" ]]; then
    stale="missing"
  elif [[ -n "$(find "$root" -path "$root/*/target" -prune -o -path "$root/.git" -prune -o \
          \( -path '*/src/*' -o -name pom.xml \) -type f -newer "$file" -print -quit)" ]]; then
    stale="older than the sources"
  fi
  [[ -z "$stale" ]] && return 0
  [[ "${MCSAN_NO_BUILD:-0}" == "1" ]] && die "$what is $stale and MCSAN_NO_BUILD=1."
  command -v mvn >/dev/null || die "$what is $stale and Maven (mvn) is not installed to build it."
  echo "$program: $what is $stale; building it (mvn package, tests skipped)..." >&2
  (cd "$root" && JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$java_bin")")")" \
      mvn -q -B -Dstyle.color=never -DskipTests -Dspotless.check.skip=true package >&2) \
    || die "the build failed; run 'mvn -DskipTests package' in $root to see why."
}

# BigDL 0.13 bundles MKL 2019, which runs its slow generic kernels on non-Intel CPUs; this selects the AVX2
# kernels there (measured by `mcsan bench`: sgemm 2.6-3.4x faster on this project's AMD machines).
if [[ -z "${MKL_DEBUG_CPU_TYPE:-}" ]] && grep -q -m1 AuthenticAMD /proc/cpuinfo 2>/dev/null; then
  export MKL_DEBUG_CPU_TYPE=5
fi
# MKL's results otherwise depend on memory alignment (conditional numerical reproducibility): pin its code
# path so a seeded run repeats bit for bit.
if [[ -z "${MKL_CBWR:-}" ]]; then
  if grep -q -m1 -w avx2 /proc/cpuinfo 2>/dev/null; then export MKL_CBWR=AVX2; else export MKL_CBWR=COMPATIBLE; fi
fi
