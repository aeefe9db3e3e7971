#!/usr/bin/env bash
# cmake --install into a temporary prefix; the installed tools must work without flags and read
# the schemas installed in PREFIX/share/yalu, not the source tree's.
set -euo pipefail
build_dir="$1"
source_dir="$2"
prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build_dir" --prefix "$prefix" >/dev/null
for f in bin/yalu-index bin/yalu-search share/yalu/index.xml share/yalu/entities.xml \
         share/yalu/article.xsd share/yalu/entities.xsd share/yalu/thesaurus.xml \
         share/yalu/thesaurus.xsd; do
  [ -e "$prefix/$f" ] || { echo "install_test: $f was not installed"; exit 1; }
done
cd "$prefix"
env -u YALU_SCHEMA_DIR -u YALU_DB bin/yalu-index -q --db "$prefix/t.db" "$source_dir/corpus" >/dev/null
stats="$(env -u YALU_SCHEMA_DIR bin/yalu-index --stats --db "$prefix/t.db")"
echo "$stats" | grep -q "reads $prefix/share/yalu/index.xml" \
  || { echo "install_test: installed yalu-index did not read PREFIX/share/yalu:"; echo "$stats"; exit 1; }
hits="$(env -u YALU_SCHEMA_DIR bin/yalu-search --db "$prefix/t.db" --format json 'person:"Kim Jong Un"')"
echo "$hits" | grep -q '"id":"sample-2016-sanctions"' \
  || { echo "install_test: installed yalu-search did not answer: $hits"; exit 1; }
echo "install_test: 1 passed, 0 failed"
