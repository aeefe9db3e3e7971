# Shared set-up for run.sh and test.sh: install missing Debian packages, then build Release.
# Sourced, not run: defines yalu_setup.

YALU_PACKAGES=(
  cmake g++ make pkg-config
  libxapian-dev xapian-tools           # Xapian 1.4 library; quest, xapian-delve, xapian-tcpsrv
  xapian-omega                         # scriptindex (a test: an index not made by Yalu), omindex (bench)
  libpugixml-dev                       # schema, gazetteer and XML articles
  libboost-program-options-dev         # command-line options of the two tools
  nlohmann-json3-dev                   # JSON Lines input, JSON output, writing document data
  libsimdjson-dev                      # reading document data: every hit of every search
  libicu-dev                           # NFC normalisation (Hangul)
  libxxhash-dev                        # content hashes for incremental indexing
  libgtest-dev libgmock-dev            # GoogleTest + CTest suite
  libxml2-utils                        # xmllint: the tests validate XML against the XSDs
  clang libclang-rt-14-dev             # libFuzzer + sanitizers for tests/fuzz (reader fuzzing)
  clang-format                         # Style.ClangFormat: layout as .clang-format says
  python3
  python3-xapian                       # bench/relevance: the plain-Xapian baseline (a test too)
)

yalu_install_packages() {
  local missing=()
  for p in "${YALU_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "setup: all ${#YALU_PACKAGES[@]} packages present"
    return 0
  fi
  echo "setup: installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing packages and not root; run as root or: sudo apt-get install ${missing[*]}" >&2
    return 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

yalu_build() {
  local build_dir="${YALU_BUILD_DIR:-build}"
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build_dir" -j "$(nproc)"
}

yalu_setup() {
  yalu_install_packages
  yalu_build
}
