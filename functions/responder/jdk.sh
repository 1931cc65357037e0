# The one definition, for this project's scripts, of the JDK it needs: a JDK (with javac) of version 21 or
# newer. Sourced (bash) by bin/trailhound, .ci/run and bench/run; run by this folder's pom.xml, so that a
# build with none stops with one line saying so. The build itself selects its JDK with maven-toolchains-plugin's
# select-jdk-toolchain, which looks in the places below in the same order, so a script and the build agree.
# It lives in the function's folder because `sam build` copies only this folder and builds it alone.
# Shell built-ins only on the usual path (bin/trailhound runs it before every command).

jdk_min_version=21
jdk_none_found="no JDK $jdk_min_version or newer found (looked at JAVA_HOME, the java on PATH, JAVA<n>_HOME, /usr/lib/jvm, ~/.jdks, ~/.sdkman and the other usual folders); install one: apt-get install openjdk-21-jdk-headless (Debian 13, Ubuntu 24.04), brew install openjdk@21, or unpack any JDK 21+ archive into ~/.jdks"

# Sets jdk_version_found to the JAVA_VERSION of the JDK at $1 (read from its release file) if it is a JDK of
# at least jdk_min_version; fails otherwise.
jdk_version_of() {
  local name value
  jdk_version_found=""
  [ -x "$1/bin/javac" ] && [ -x "$1/bin/java" ] && [ -r "$1/release" ] || return 1
  while IFS='=' read -r name value; do
    if [ "$name" = JAVA_VERSION ]; then
      value="${value//\"/}"
      [ "${value%%.*}" -ge "$jdk_min_version" ] 2>/dev/null || return 1
      jdk_version_found="$value"
      return 0
    fi
  done < "$1/release"
  return 1
}

# Sets jdk_home and jdk_version, or fails. As select-jdk-toolchain does: the JDK Maven itself would run on
# (JAVA_HOME, else the java on PATH) when it qualifies; otherwise, of the JDKs named by JAVA<n>_HOME variables
# and those in the usual install folders, an LTS release (21, 25, ...) first, then one named by a variable,
# then the newest.
find_jdk() {
  local current="${JAVA_HOME:-}" candidate var major rank best_rank=-1
  local -a named=()
  jdk_home="" jdk_version=""
  if [ -z "$current" ] && command -v java >/dev/null; then
    current="$(readlink -f "$(command -v java)")" # /usr/bin/java -> /etc/alternatives/java -> <jdk>/bin/java
    current="${current%/bin/java}"
  fi
  if [ -n "$current" ] && jdk_version_of "$current"; then
    jdk_home="$current" jdk_version="$jdk_version_found"
    return 0
  fi
  for var in "${!JAVA@}"; do # the names of the variables that start with JAVA
    case "$var" in JAVA_HOME) ;; JAVA*_HOME) named+=("${!var}") ;; esac
  done
  local h="${HOME:-/nonexistent}"
  for candidate in ${named[@]+"${named[@]}"} "$h"/.jdks/* "$h"/.m2/jdks/* "$h"/.sdkman/candidates/java/* "$h"/.gradle/jdks/* \
    "$h"/.jenv/versions/* "$h"/.jbang/cache/jdks/* "$h"/.asdf/installs/* "$h"/.jabba/jdk/* \
    /usr/jdk/* /usr/java/* /opt/java/* /usr/lib/jvm/* \
    /Library/Java/JavaVirtualMachines/*/Contents/Home "$h"/Library/Java/JavaVirtualMachines/*/Contents/Home; do
    jdk_version_of "$candidate" || continue
    major="${jdk_version_found%%.*}"
    rank=$(( ((major - 21) % 4 == 0 ? 2000 : 0) + major ))
    for var in ${named[@]+"${named[@]}"}; do
      if [ "$var" = "$candidate" ]; then rank=$((rank + 1000)); break; fi
    done
    if [ "$rank" -gt "$best_rank" ]; then
      best_rank="$rank" jdk_home="$candidate" jdk_version="$jdk_version_found"
    fi
  done
  [ -n "$jdk_home" ]
}

# Run rather than sourced (the build does that): quiet when there is such a JDK, else one line and exit 1.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  find_jdk || { echo "trailhound build: $jdk_none_found" >&2; exit 1; }
fi
