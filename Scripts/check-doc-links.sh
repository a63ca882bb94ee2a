#!/usr/bin/env bash
# Checks every relative Markdown link [text](target) in README.md, docs/*.md, Sources/*/README.md,
# Benchmarks/**/*.md and Fuzz/README.md: the target file or folder must exist relative to the file
# that links to it, and an anchor (file.md#anchor or #anchor) must be a heading of the target, slugged
# as GitHub does (lowercase; spaces become '-'; punctuation other than '-' and '_' is dropped;
# repeated headings get -1, -2, ...). Links to http(s):// and mailto:, and links inside fenced code
# blocks or inline code spans, are skipped.
# Prints FILE:LINE: broken link TARGET for each broken link and exits 1 if there are any; otherwise
# prints how many links it checked and exits 0.
set -uo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C.UTF-8

files=(README.md docs/*.md Sources/*/README.md Fuzz/README.md)
while IFS= read -r f; do files+=("$f"); done < <(find Benchmarks -name '*.md' | sort)

# Prints "LINE<TAB>TARGET" for every link of file $1 outside fenced code blocks and code spans.
links() {
    awk '
        /^ ? ? ?(```|~~~)/ { fenced = !fenced; next }
        fenced { next }
        {
            line = $0
            gsub(/``[^`]*``/, "", line)          # code spans
            gsub(/`[^`]*`/, "", line)
            while (match(line, /\]\([^)[:space:]]+( +"[^"]*")?\)/)) {
                target = substr(line, RSTART + 2, RLENGTH - 3)
                sub(/ +".*$/, "", target)          # an optional "title"
                gsub(/^<|>$/, "", target)
                print NR "\t" target
                line = substr(line, RSTART + RLENGTH)
            }
        }' "$1"
}

# Prints the GitHub anchors of file $1's headings, one a line (outside fenced code blocks).
anchors() {
    awk '
        /^ ? ? ?(```|~~~)/ { fenced = !fenced; next }
        !fenced && /^ ? ? ?#+( |$)/ { print }' "$1" |
    sed -E 's/^ {0,3}#{1,6} *//; s/ +#+ *$//; s/ +$//' |
    sed -E 's/!?\[([^]]*)\]\([^)]*\)/\1/g; s/<[^>]+>//g' |
    sed -E 's/.*/\L&/; s/[^[:alnum:] _-]//g; s/ /-/g' |
    awk '{ n = seen[$0]++; print (n ? $0 "-" n : $0) }'
}

declare -A anchor_cache
has_anchor() { # file anchor
    local file=$1 anchor=$2
    if [[ -z ${anchor_cache[$file]+set} ]]; then
        anchor_cache[$file]=$'\n'"$(anchors "$file")"$'\n'
    fi
    [[ ${anchor_cache[$file]} == *$'\n'"$anchor"$'\n'* ]]
}

checked=0
broken=0
for file in "${files[@]}"; do
    [[ -f $file ]] || continue
    dir=$(dirname "$file")
    while IFS=$'\t' read -r line target; do
        case $target in
            http://* | https://* | mailto:*) continue ;;
        esac
        checked=$((checked + 1))
        path=${target%%#*}
        anchor=
        [[ $target == *#* ]] && anchor=${target#*#}
        if [[ -z $path ]]; then
            resolved=$file
        else
            resolved=$dir/$path
        fi
        ok=1
        if [[ ! -e $resolved ]]; then
            ok=0
        elif [[ -n $anchor && $resolved == *.md ]]; then
            has_anchor "$resolved" "$anchor" || ok=0
        fi
        if ((ok == 0)); then
            echo "$file:$line: broken link $target"
            broken=$((broken + 1))
        fi
    done < <(links "$file")
done

if ((broken > 0)); then
    echo "$broken broken of $checked relative links" >&2
    exit 1
fi
echo "$checked relative links checked, none broken"
