#!/usr/bin/env bash
# cmake --install into a temporary prefix; the installed tools must work without flags and read
# the schemas installed in PREFIX/share/yalu, not the source tree's; the documentation is in
# PREFIX/share/doc/yalu (docs/OPERATIONS.md's systemd unit links to it).
set -euo pipefail
build_dir="$1"
source_dir="$2"
prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build_dir" --prefix "$prefix" >/dev/null
for f in bin/yalu-index bin/yalu-search share/yalu/index.xml share/yalu/entities.xml \
         share/yalu/article.xsd share/yalu/entities.xsd share/yalu/thesaurus.xml \
         share/yalu/thesaurus.xsd share/doc/yalu/README.md share/doc/yalu/ARCHITECTURE.md \
         share/doc/yalu/docs/BENCHMARKS.md share/doc/yalu/docs/DATES.md \
         share/doc/yalu/docs/ENTITIES.md share/doc/yalu/docs/INDEX_FORMAT.md \
         share/doc/yalu/docs/OPERATIONS.md share/doc/yalu/docs/RELEVANCE.md \
         share/doc/yalu/docs/SEARCH.md; do
  [ -e "$prefix/$f" ] || { echo "install_test: $f was not installed"; exit 1; }
done
# The systemd unit in docs/OPERATIONS.md links to an installed file (prefix /usr/local there).
unit_doc="$(grep -o 'Documentation=file:///usr/local/[^ ]*' "$source_dir/docs/OPERATIONS.md" || true)"
[ -n "$unit_doc" ] && [ -e "$prefix/${unit_doc#Documentation=file:///usr/local/}" ] \
  || { echo "install_test: the unit's '$unit_doc' names no installed file"; exit 1; }
cd "$prefix"
env -u YALU_SCHEMA_DIR -u YALU_DB bin/yalu-index -q --db "$prefix/t.db" "$source_dir/corpus" >/dev/null
stats="$(env -u YALU_SCHEMA_DIR bin/yalu-index --stats --db "$prefix/t.db")"
echo "$stats" | grep -q "reads $prefix/share/yalu/index.xml" \
  || { echo "install_test: installed yalu-index did not read PREFIX/share/yalu:"; echo "$stats"; exit 1; }
hits="$(env -u YALU_SCHEMA_DIR bin/yalu-search --db "$prefix/t.db" --format json 'person:"Kim Jong Un"')"
echo "$hits" | grep -q '"id":"sample-2016-sanctions"' \
  || { echo "install_test: installed yalu-search did not answer: $hits"; exit 1; }
echo "install_test: 1 passed, 0 failed"
