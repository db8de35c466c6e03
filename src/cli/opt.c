/* opt.c: the option parser and help generator (see opt.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "waba/i18n.h"
#include "waba/strbuf.h"
#include "waba/text.h"
#include "opt.h"

/* "waba-preflight CMD: message" on stderr, the argument it quotes shown escaped and bounded. */
static void opt_error(const char *cmd, const char *fmt, ...) WABA_PRINTF(2, 3);
static void opt_error(const char *cmd, const char *fmt, ...)
{
	struct waba_strbuf msg = WABA_STRBUF_INIT, line = WABA_STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	waba_strbuf_vaddf(&msg, fmt, ap);
	va_end(ap);
	char *clean = waba_text_clean(waba_strbuf_cstr(&msg), msg.len, 0, WABA_MESSAGE_MAX);
	waba_strbuf_addf(&line, "waba-preflight %s: ", cmd);
	waba_text_escape_add(&line, clean, strlen(clean));
	waba_strbuf_addc(&line, '\n');
	fputs(waba_strbuf_cstr(&line), stderr);
	free(clean);
	waba_strbuf_release(&msg);
	waba_strbuf_release(&line);
}

static const struct cli_opt *find_opt(const struct cli_opt *opts, const char *name, size_t len)
{
	for (const struct cli_opt *o = opts; o->type != CLI_OPT_T_END; o++)
		if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
			return o;
	return NULL;
}

static void list_push(struct cli_strlist *l, char *s)
{
	l->v = waba_xrealloc(l->v, (l->len + 2) * sizeof(char *));
	l->v[l->len++] = s;
	l->v[l->len] = NULL;
}

struct cli_opt_capture *cli_opt_capture;

int cli_opt_parse(const struct cli_opt *opts, int argc, char **argv, struct cli_strlist *positional)
{
	int only_positional = 0;
	if (cli_opt_capture) {
		size_t n = 0;
		while (opts[n].type != CLI_OPT_T_END)
			n++;
		cli_opt_capture->opts = waba_xcalloc(n + 1, sizeof(*opts));
		memcpy(cli_opt_capture->opts, opts, n * sizeof(*opts));
		for (size_t i = 0; i < n; i++)
			cli_opt_capture->opts[i].dest = NULL; /* points into the command's frame */
		cli_opt_capture->n = n;
		positional->v = NULL;
		positional->len = 0;
		return -1;
	}
	positional->v = waba_xcalloc(1, sizeof(char *));
	positional->len = 0;
	for (int i = 1; i < argc; i++) {
		char *arg = argv[i];
		if (only_positional || arg[0] != '-' || strcmp(arg, "-") == 0) {
			list_push(positional, arg);
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			only_positional = 1;
			continue;
		}
		if (arg[1] != '-') {
			if (strcmp(arg, "-h") == 0)
				arg = (char *)"--help";
			else if (strcmp(arg, "-q") == 0)
				arg = (char *)"--quiet";
			else if (strcmp(arg, "-o") == 0)
				arg = (char *)"--output";
			else {
				opt_error(argv[0], _("unknown option '%s'"), arg);
				return -1;
			}
		}
		const char *name = arg + 2, *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		const struct cli_opt *o = find_opt(opts, name, len);
		if (!o) {
			opt_error(argv[0], _("unknown option '--%.*s' (try --help)"), (int)len, name);
			return -1;
		}
		if (o->type == CLI_OPT_T_FLAG) {
			if (eq) {
				opt_error(argv[0], _("option --%s takes no value"), o->name);
				return -1;
			}
			*(int *)o->dest = 1;
			continue;
		}
		char *value = eq ? (char *)eq + 1 : NULL;
		if (!value) {
			if (i + 1 >= argc) {
				opt_error(argv[0], _("option --%s needs a value: %s"), o->name, _(o->value_name));
				return -1;
			}
			value = argv[++i];
		}
		if (o->type == CLI_OPT_T_STRING)
			*(const char **)o->dest = value;
		else
			list_push((struct cli_strlist *)o->dest, value);
	}
	return 0;
}

void cli_values_join(struct waba_strbuf *sb, const char *(*values)(size_t i), const char *sep)
{
	const char *v;
	for (size_t i = 0; (v = values(i)) != NULL; i++)
		waba_strbuf_addf(sb, "%s%s", i ? sep : "", v);
}

char *cli_values_text(const char *text, const char *(*values)(size_t i))
{
	if (!values)
		return waba_xstrdup(_(text));
	/* "%s or %s": every value but the last, and the last; the "or" is in the translated text */
	struct waba_strbuf head = WABA_STRBUF_INIT;
	const char *last = NULL, *v;
	for (size_t i = 0; (v = values(i)) != NULL; i++)
		waba_strbuf_add_or_item(&head, &last, v);
		/* the text is an N_() string of a table; msgfmt --check-format keeps its translations'
	 * conversions the same as the original's two %s */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	char *out = waba_xasprintf(_(text), waba_strbuf_cstr(&head), last ? last : "");
#pragma GCC diagnostic pop
	waba_strbuf_release(&head);
	return out;
}

char *cli_opt_help_text(const struct cli_opt *o)
{
	return cli_values_text(o->help, o->values);
}

void cli_opt_help(FILE *out, const char *cmd, const char *synopsis, const char *summary, const struct cli_opt *opts)
{
	/* the synopsis's words are translated (N_() where given): "waba-preflight phone NÚMERO..." */
	fprintf(out, "%s: waba-preflight %s %s\n\n%s\n\n%s\n", _("usage"), cmd, *synopsis ? _(synopsis) : "",
	        _(summary), _("options:"));
	for (const struct cli_opt *o = opts; o->type != CLI_OPT_T_END; o++) {
		char left[64];
		if (o->type == CLI_OPT_T_FLAG)
			snprintf(left, sizeof(left), "--%s", o->name);
		else
			snprintf(left, sizeof(left), "--%s %s", o->name, _(o->value_name));
		char *help = cli_opt_help_text(o);
		struct waba_strbuf line = WABA_STRBUF_INIT; /* padded by display width: "--lang IDIOMA" */
		waba_strbuf_add_padded(&line, left, 26);
		fprintf(out, "  %s %s\n", waba_strbuf_cstr(&line), help);
		waba_strbuf_release(&line);
		free(help);
	}
	fprintf(out, "\n%s\n",
	        _("exit status: 0 no errors, 1 errors found (or warnings with --strict), 2 could not run"));
}
