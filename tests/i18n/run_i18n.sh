#!/bin/bash
# run_i18n.sh PART EXE SRC_DIR: the translation tests (tests/i18n/i18n.cmake).
#   catalogues  msgfmt --check --statistics on po/pt.po and po/es.po: no untranslated or fuzzy entry
#   current     a template extracted now from the sources (as po/CMakeLists.txt does) merged into
#               each catalogue: every message the code can show has a translation
#   commands    commands run with --lang pt / --lang es under LANG=C.UTF-8: the message and hint
#               lines are translated, and English words of the same messages are absent
# Prints what failed; exit 0 when all is well.
set -u
part=$1 exe=$2 src=$3
case $exe in /*) ;; *) exe=$PWD/$exe ;; esac
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

catalogues() {
	for lang in pt es; do
		local po=$src/po/$lang.po out
		out=$(msgfmt --check --statistics -o /dev/null "$po" 2>&1) || fail "msgfmt --check $lang.po: $out"
		echo "$lang.po: $out"
		case $out in
		*fuzzy*|*untranslated*) fail "$lang.po has fuzzy or untranslated entries: $out" ;;
		*" translated message"*) ;;
		*) fail "$lang.po: no statistics from msgfmt: $out" ;;
		esac
		# Placeholders of templates ({{1}}) must survive translation as they are.
		local missing
		missing=$(msgattrib --no-wrap --no-location --translated "$po" | python3 -c '
import re, sys
ids, out = [], []
for line in sys.stdin:
    m = re.match(r"(msgid|msgid_plural|msgstr(?:\[\d+\])?) (\".*\")$", line.rstrip("\n"))
    if not m:
        continue
    key, text = m.groups()
    if key == "msgid":
        ids = [text]
    elif key == "msgid_plural":
        ids.append(text)
    else:
        for tok in sorted({t for i in ids for t in re.findall(r"\{\{[^}]*\}\}", i)}):
            if tok not in text:
                out.append(tok + " in " + ids[0][:70])
print("\n".join(out))')
		[ -z "$missing" ] || fail "$lang.po loses placeholders: $missing"
	done
}

current() {
	command -v xgettext >/dev/null || { echo "xgettext not installed: skipped"; exit 77; }
	# tmp is global: the EXIT trap runs after this function has returned
	tmp=$(mktemp -d) || exit 2
	trap 'rm -rf "$tmp"' EXIT
	(cd "$src" && find src -name '*.c' -o -name '*.h' | LC_ALL=C sort > "$tmp/files")
	(cd "$src" && xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=waba_ngettext:1,2 \
		--package-name=waba-preflight --add-comments=TRANSLATORS: --sort-by-file \
		-o "$tmp/waba-preflight.pot" -f "$tmp/files") || fail "xgettext"
	local n
	n=$(grep -c '^msgid ' "$tmp/waba-preflight.pot")
	[ "$n" -gt 500 ] || fail "the template has only $n entries"
	for lang in pt es; do
		msgmerge --quiet --no-wrap -o "$tmp/$lang.po" "$src/po/$lang.po" "$tmp/waba-preflight.pot" || fail "msgmerge $lang"
		local stats
		stats=$(msgfmt --statistics -o /dev/null "$tmp/$lang.po" 2>&1)
		echo "$lang (merged with the sources): $stats"
		case $stats in
		*fuzzy*|*untranslated*)
			fail "messages in the sources without a $lang translation (see docs/translating.md):"
			msgattrib --no-wrap --no-location --untranslated "$tmp/$lang.po" | grep '^msgid "..' | head -20
			msgattrib --no-wrap --no-location --only-fuzzy "$tmp/$lang.po" | grep '^msgid "..' | head -20 ;;
		esac
	done
}

# expect LANG OUT LINE_PATTERN WANT... : the first line of OUT containing LINE_PATTERN (fixed) holds every WANT.
line_of() { printf '%s\n' "$1" | grep -F -m1 -- "$2"; }
hint_after() { printf '%s\n' "$1" | grep -F -A1 -m1 -- "$2" | sed -n 2p; }
has() {   # has WHAT TEXT WORD...
	local what=$1 text=$2; shift 2
	for w in "$@"; do
		case $text in *"$w"*) ;; *) fail "$what: '$w' missing in: $text" ;; esac
	done
}
lacks() { # lacks WHAT TEXT WORD...
	local what=$1 text=$2; shift 2
	for w in "$@"; do
		case $text in *"$w"*) fail "$what: English '$w' still in: $text" ;; esac
	done
}
run() { # run LANG DIR ARGS...: the text report, under C.UTF-8 with no other locale variable
	local lang=$1 dir=$2; shift 2
	(cd "$dir" && env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 NO_COLOR=1 "$exe" "$@" --lang "$lang" 2>&1)
}

commands() {
	local out out2 msg hint lint_dir=$src/tests/cli/lint/leading-trailing
	[ -f "$lint_dir/edges.json" ] || { fail "missing $lint_dir/edges.json"; return; }
	# English first: the English words looked for below are really there without --lang.
	out=$(run en . business 0123)
	has "en business" "$out" "starts with 0" "hint: copy the ID from Business Settings"

	for lang in pt es; do
		out=$(run "$lang" . business 0123)
		msg=$(line_of "$out" "[business.id.format]"); hint=$(hint_after "$out" "[business.id.format]")
		if [ $lang = pt ]; then
			has "pt business message" "$msg" "erro:" "começa com 0" "Gerenciador de Negócios"
			has "pt business hint" "$hint" "dica:" "copie o ID em Configurações do negócio"
			has "pt business summary" "$out" "1 item verificado: 1 erro"
		else
			has "es business message" "$msg" "error:" "empieza con 0" "Administrador comercial"
			has "es business hint" "$hint" "sugerencia:" "copie el ID desde Configuración del negocio"
			has "es business summary" "$out" "1 elemento revisado: 1 error"
		fi
		lacks "$lang business" "$out" "starts with" "Business Manager ID" "hint:" "Business Settings" "item checked"

		out=$(run "$lang" . phone 123)
		msg=$(line_of "$out" "[phone.number.invalid]"); hint=$(hint_after "$out" "[phone.number.invalid]")
		if [ $lang = pt ]; then
			has "pt phone message" "$msg" "não tem código de país"
			has "pt phone hint" "$hint" "dica:" "Escreva o número com + e o código do país"
		else
			has "es phone message" "$msg" "no tiene código de país"
			has "es phone hint" "$hint" "sugerencia:" "Escriba el número con + y el código de país"
		fi
		lacks "$lang phone" "$out" "has no country code" "Write the number" "none of the numbers"

		out=$(run "$lang" "$lint_dir" lint edges.json)
		msg=$(line_of "$out" "[template.param.leading_trailing]")
		hint=$(hint_after "$out" "[template.param.leading_trailing]")
		if [ $lang = pt ]; then
			has "pt lint message" "$msg" "o corpo começa com a variável '{{1}}'"
			has "pt lint hint" "$hint" "dica:" "coloque palavras antes da primeira e depois da última variável"
			has "pt lint" "$out" "o corpo termina com a variável '{{2}}'"
		else
			has "es lint message" "$msg" "el cuerpo empieza con la variable '{{1}}'"
			has "es lint hint" "$hint" "sugerencia:" "ponga palabras antes de la primera y después de la última variable"
			has "es lint" "$out" "el cuerpo termina con la variable '{{2}}'"
		fi
		lacks "$lang lint" "$out" "the body starts with" "the body ends with" "add words before"

		out=$(run "$lang" . name "WHATSAPP OFICIAL")
		msg=$(line_of "$out" "[name.meta_brand]"); hint=$(hint_after "$out" "[name.meta_brand]")
		local caps
		caps=$(line_of "$out" "[name.caps.all]")
		if [ $lang = pt ]; then
			has "pt name message" "$msg" "o nome de exibição menciona 'WHATSAPP'" "nomes não podem se referir à Meta"
			has "pt name hint" "$hint" "dica:" "remova a referência a Meta"
			has "pt name caps" "$caps" "aviso:" "está escrito em maiúsculas"
		else
			has "es name message" "$msg" "el nombre visible menciona 'WHATSAPP'" "no pueden referirse a Meta"
			has "es name hint" "$hint" "sugerencia:" "quite la referencia a Meta"
			has "es name caps" "$caps" "advertencia:" "está escrito en mayúsculas"
		fi
		lacks "$lang name" "$out" "display name" "must not refer" "remove the reference" "written in capitals" "warning:"

		# rule summaries (`rules`, SARIF) and the help of the shared options
		out=$(run "$lang" . rules)
		msg=$(line_of "$out" "business.id.format")
		if [ $lang = pt ]; then
			has "pt rules" "$msg" "o ID do Gerenciador de Negócios é um número"
		else
			has "es rules" "$msg" "el ID del Administrador comercial es un número"
		fi
		lacks "$lang rules" "$msg" "digits only"
		# errors met while the options are parsed, and the global help, come before the command
		# applies --lang (main.c reads it first)
		out=$(run "$lang" . lint --bogus)
		out2=$(run "$lang" . --help)
		if [ $lang = pt ]; then
			has "pt unknown option" "$out" "opção desconhecida '--bogus' (tente --help)"
			has "pt --help" "$out2" "uso:" "comandos:" "verifica se números de telefone podem ser registrados"
		else
			has "es unknown option" "$out" "opción desconocida '--bogus' (pruebe --help)"
			has "es --help" "$out2" "uso:" "comandos:" "verifica si los números de teléfono se pueden registrar"
		fi
		lacks "$lang unknown option" "$out" "unknown option"
		lacks "$lang --help" "$out2" "usage:" "commands:" "check whether phone numbers"
		out=$(run "$lang" . business --help)
		lacks "$lang business --help" "$out" "usage:" "options:" "warnings fail too" "language of messages" \
			"ask Meta's Graph API"
	done

	# The --graph-url help spells the default URL out (one string for xgettext): it must be the real one.
	local url
	url=$(sed -n 's/^#define WABA_GRAPH_URL_DEFAULT "\(.*\)"$/\1/p' "$src/include/waba/graph.h")
	[ -n "$url" ] || fail "WABA_GRAPH_URL_DEFAULT not found in include/waba/graph.h"
	for lang in en pt es; do
		out=$(run "$lang" . business --help)
		has "$lang business --help (--graph-url default)" "$out" ": $url;"
	done
}

case $part in
catalogues) catalogues ;;
current) current ;;
commands) commands ;;
*) echo "usage: run_i18n.sh catalogues|current|commands EXE SRC_DIR" >&2; exit 2 ;;
esac
if [ $fails -gt 0 ]; then
	echo "$fails check(s) failed"
	exit 1
fi
echo "all checks passed"
