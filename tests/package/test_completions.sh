#!/bin/sh
# test_completions.sh EXE: the completion scripts offer every command of `--help`, and the
# options of a command; bash and fish are asked for real, zsh is syntax-checked.
set -eu
exe=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail() { echo "FAIL: $*" >&2; exit 1; }
mkdir "$tmp/bin"
ln -s "$exe" "$tmp/bin/waba-preflight"
PATH="$tmp/bin:$PATH"
export LANGUAGE=en LC_ALL=C.UTF-8

# the commands, as the global help lists them (lines "  NAME  summary" after "commands:")
waba-preflight --help | sed -n '/^commands:/,/^$/p' | awk 'NF > 1 && /^  [a-z]/ { print $1 }' | sort >"$tmp/commands"
[ "$(wc -l <"$tmp/commands")" -ge 10 ] || fail "could not read the command list from --help"

waba-preflight completion bash >"$tmp/c.bash"
bash -c '. "$1"; COMP_WORDS=(waba-preflight ""); COMP_CWORD=1; _waba_preflight; printf "%s\n" "${COMPREPLY[@]}"' \
  _ "$tmp/c.bash" | sort >"$tmp/bash"
diff "$tmp/commands" "$tmp/bash" || fail "bash completion does not offer exactly the commands"
bash -c '. "$1"; COMP_WORDS=(waba-preflight --lang es lint --for); COMP_CWORD=4; _waba_preflight; printf "%s\n" "${COMPREPLY[@]}"' \
  _ "$tmp/c.bash" | grep -qx -- "--format" || fail "bash: lint --for does not complete to --format"
bash -c '. "$1"; COMP_WORDS=(waba-preflight lint --format sa); COMP_CWORD=3; _waba_preflight; printf "%s\n" "${COMPREPLY[@]}"' \
  _ "$tmp/c.bash" | grep -qx sarif || fail "bash: --format sa does not complete to sarif"

waba-preflight completion zsh >"$tmp/_waba-preflight"
for c in $(cat "$tmp/commands"); do
  grep -q "^    '$c:" "$tmp/_waba-preflight" || fail "zsh completion lacks $c"
done
if command -v zsh >/dev/null 2>&1; then zsh -n "$tmp/_waba-preflight" || fail "zsh: syntax"; fi

waba-preflight completion fish >"$tmp/c.fish"
if command -v fish >/dev/null 2>&1; then
  fish -c "source $tmp/c.fish; complete -C 'waba-preflight '" | cut -f1 | sort >"$tmp/fish"
  diff "$tmp/commands" "$tmp/fish" || fail "fish completion does not offer exactly the commands"
  fish -c "source $tmp/c.fish; complete -C 'waba-preflight phone --re'" | cut -f1 | grep -qx -- --region ||
    fail "fish: phone --re does not complete to --region"
else
  for c in $(cat "$tmp/commands"); do
    grep -q -- "-a $c -d" "$tmp/c.fish" || fail "fish completion lacks $c"
  done
fi
waba-preflight completion tcsh >/dev/null 2>&1 && fail "an unknown shell is accepted"
echo "ok: bash, zsh and fish complete every command"
