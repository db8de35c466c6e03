/*
 * wizard_prompt.c: asking, for the wizard. Lines are read with libedit's readline
 * (history, editing, file-name completion for paths); every word shown comes from
 * checklists/wizard.xml in the wizard's language.
 *
 * Interruptions: the answers are already on disk (wiz_state_save after each one), so
 * SIGINT, SIGTERM and SIGHUP only restore the terminal, say where the answers are,
 * and exit 130 (129 for a closed terminal): nothing in the handler but
 * async-signal-safe calls.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "cli/editlib.h"
#include "waba/text.h"
#include "wizard.h"

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_DIM "\033[2m"

const char *wiz_text(const struct wizard *w, const char *id)
{
	const char *t = waba_checklist_text(w->run->checklist, id, w->lang);
	return t ? t : id;
}

/* Append text with every "{name}" replaced by value, its control characters shown escaped. */
static void expand(struct waba_strbuf *sb, const char *text, const char *name, const char *value)
{
	size_t nlen = name ? strlen(name) : 0;
	for (const char *p = text; *p;) {
		if (name && p[0] == '{' && strncmp(p + 1, name, nlen) == 0 && p[1 + nlen] == '}') {
			waba_text_escape_add(sb, value ? value : "", value ? strlen(value) : 0);
			p += nlen + 2;
		} else {
			waba_strbuf_addc(sb, *p++);
		}
	}
}

void wiz_say(const struct wizard *w, const char *id, const char *name, const char *value)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	expand(&sb, wiz_text(w, id), name, value);
	printf("%s\n", waba_strbuf_cstr(&sb));
	waba_strbuf_release(&sb);
	fflush(stdout);
}

void wiz_line(const char *indent, const char *value)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	waba_strbuf_adds(&sb, indent);
	waba_text_escape_add(&sb, value, strlen(value));
	printf("%s\n", waba_strbuf_cstr(&sb));
	waba_strbuf_release(&sb);
}

void wiz_heading(const struct wizard *w, const char *id)
{
	printf("\n%s== %s ==%s\n", w->color ? C_BOLD : "", wiz_text(w, id), w->color ? C_RESET : "");
}

/* ---- signals ------------------------------------------------------------------------ */

static struct termios saved_tty;
static int have_tty;
static char saved_msg[1024], nothing_msg[512], state_path[1024], lock_path[1100];
static size_t saved_len, nothing_len;

static void on_signal(int sig)
{
	/* access() is async-signal-safe: say "saved" only when the state file exists */
	int saved = access(state_path, F_OK) == 0;
	if (lock_path[0])
		unlink(lock_path); /* the flock itself goes with the process */
	if (have_tty)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tty);
	if (write(STDOUT_FILENO, saved ? saved_msg : nothing_msg, saved ? saved_len : nothing_len) < 0) {
		/* nothing else to do in a handler */
	}
	_exit(sig == SIGHUP ? 129 : CLI_EXIT_INTERRUPTED);
}

static void saved_message(const struct wizard *w, struct waba_strbuf *sb)
{
	expand(sb, wiz_text(w, "wizard.saved"), "file", w->st.path);
}

void wiz_signals_install(const struct wizard *w)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	struct sigaction sa;

	waba_strbuf_adds(&sb, "\n");
	saved_message(w, &sb);
	waba_strbuf_adds(&sb, "\n");
	saved_len = sb.len < sizeof(saved_msg) ? sb.len : sizeof(saved_msg) - 1;
	memcpy(saved_msg, sb.buf, saved_len);
	waba_strbuf_reset(&sb);
	waba_strbuf_addf(&sb, "\n%s\n", wiz_text(w, "wizard.nothing_saved"));
	nothing_len = sb.len < sizeof(nothing_msg) ? sb.len : sizeof(nothing_msg) - 1;
	memcpy(nothing_msg, sb.buf, nothing_len);
	snprintf(state_path, sizeof(state_path), "%s", w->st.path);
	if (w->st.lock_path && strlen(w->st.lock_path) < sizeof(lock_path))
		memcpy(lock_path, w->st.lock_path, strlen(w->st.lock_path) + 1);
	waba_strbuf_release(&sb);
	have_tty = tcgetattr(STDIN_FILENO, &saved_tty) == 0;
	rl_catch_signals = 0; /* ours restore the terminal themselves */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

void wiz_say_saved(const struct wizard *w)
{
	struct waba_strbuf sb = WABA_STRBUF_INIT;
	if (access(w->st.path, F_OK) != 0) {
		printf("\n%s\n", wiz_text(w, "wizard.nothing_saved"));
		fflush(stdout);
		return;
	}
	saved_message(w, &sb);
	printf("\n%s\n", waba_strbuf_cstr(&sb));
	fflush(stdout);
	waba_strbuf_release(&sb);
}

/* ---- reading ------------------------------------------------------------------------ */

static char *no_completion(const char *text, int state)
{
	(void)text;
	(void)state;
	return NULL;
}

/* The choices Tab completes (the question being asked). */
static const struct wiz_choice *tab_choices;
static size_t tab_nchoices;

static int folded_prefix(const char *folded, const char *s)
{
	char *f = waba_text_fold(s, strlen(s));
	int hit = strncmp(f, folded, strlen(folded)) == 0;
	free(f);
	return hit;
}

static char *choice_completion(const char *text, int state)
{
	static size_t i;
	static char *typed;
	if (!state) {
		i = 0;
		free(typed);
		typed = waba_text_fold(text, strlen(text));
	}
	while (i < tab_nchoices) {
		const struct wiz_choice *c = &tab_choices[i++];
		if (folded_prefix(typed, c->label) || folded_prefix(typed, c->value))
			return strdup(c->label); /* libedit frees it */
	}
	return NULL;
}

/*
 * Tab with choices: the whole line so far (no word breaks: labels have spaces), case and
 * accents ignored, begins a choice's label or value; one: the line becomes its label;
 * several: their common beginning, and a second Tab lists them. Through the attempted-
 * completion hook, which libedit does not quote as it quotes a file name's spaces.
 */
static char **choice_attempt(const char *text, int start, int end)
{
	(void)start;
	(void)end;
	rl_attempted_completion_over = 1; /* no file names after the choices */
	char **m = rl_completion_matches(text, choice_completion);
	if (m && m[0] && m[1] && m[2]) { /* several: keep what was typed unless the common part continues it */
		char *lcd = waba_text_fold(m[0], strlen(m[0])), *typed = waba_text_fold(text, strlen(text));
		if (strncmp(lcd, typed, strlen(typed)) != 0) {
			free(m[0]);
			m[0] = strdup(text);
		}
		free(lcd);
		free(typed);
	}
	return m;
}

/* One line; NULL at end of input. */
static char *read_line(const char *prompt, int files, const struct wizard *w)
{
	tab_choices = files ? NULL : w->choices;
	tab_nchoices = files ? 0 : w->nchoices;
	static const char *word_breaks;
	if (!word_breaks)
		word_breaks = rl_basic_word_break_characters;
	rl_completion_entry_function = files ? rl_filename_completion_function : no_completion;
	rl_attempted_completion_function = tab_nchoices ? choice_attempt : NULL;
	rl_basic_word_break_characters = tab_nchoices ? "" : word_breaks;
	rl_completion_append_character = files || tab_nchoices ? '\0' : ' ';
	char *line = readline(prompt);
	if (line && *line)
		add_history(line);
	if (!line)
		return NULL;
	char *trimmed = waba_xstrdup_trim(line);
	free(line); /* readline's buffer */
	return trimmed;
}

int wiz_ask(struct wizard *w, const char *qid, const char *def, int files, char **out)
{
	char *id = waba_xasprintf("wizard.q.%s", qid);
	char *help_id = waba_xasprintf("wizard.q.%s.help", qid);
	struct waba_strbuf prompt = WABA_STRBUF_INIT;
	int rc = WIZ_OK;

	/* libedit prints a prompt's control bytes as text unless they sit between its
	 * invisible-text markers (RL_PROMPT_START_IGNORE / END: EL_PROMPT_ESC). */
	if (w->color)
		waba_strbuf_addf(&prompt, "%c%s%c%s%c%s%c", RL_PROMPT_START_IGNORE, C_BOLD, RL_PROMPT_END_IGNORE,
		                 wiz_text(w, id), RL_PROMPT_START_IGNORE, C_RESET, RL_PROMPT_END_IGNORE);
	else
		waba_strbuf_adds(&prompt, wiz_text(w, id));
	if (def && *def) {
		waba_strbuf_adds(&prompt, " [");
		waba_text_escape_add(&prompt, def, strlen(def));
		waba_strbuf_adds(&prompt, "]");
	}
	/* a question ends with its own question mark ("¿...? [s/n] "), anything else with ": " */
	const char *q = wiz_text(w, id);
	waba_strbuf_adds(&prompt, *q && q[strlen(q) - 1] == '?' ? " " : ": ");
	*out = NULL;
	for (;;) {
		char *line = read_line(waba_strbuf_cstr(&prompt), files, w);
		if (!line) {
			rc = WIZ_QUIT;
			break;
		}
		if (strcmp(line, "?") == 0) {
			printf("%s%s%s\n", w->color ? C_DIM : "", wiz_text(w, help_id), w->color ? C_RESET : "");
			for (size_t i = 0; i < w->nchoices; i++)
				printf("  %s (%s)\n", w->choices[i].label, w->choices[i].value);
			free(line);
			continue;
		}
		if (!*line && def) {
			free(line);
			line = waba_xstrdup(def);
		}
		*out = line;
		break;
	}
	waba_strbuf_release(&prompt);
	free(id);
	free(help_id);
	return rc;
}

/* Is `answer` one of the words of set `id` (case-insensitive)? */
static int in_set(const struct wizard *w, const char *id, const char *answer)
{
	const struct waba_set *set = waba_checklist_set(w->run->checklist, id);
	return set && waba_set_find_nocase(set, answer) != NULL;
}

int wiz_yesno(struct wizard *w, const char *qid, int def, int *out)
{
	const char *choices = wiz_text(w, def == 1   ? "wizard.yes_default"
	                                  : def == 0 ? "wizard.no_default"
	                                             : "wizard.yes_no");
	const struct wiz_choice *offered = w->choices; /* a yes/no question offers yes and no only */
	size_t noffered = w->nchoices;
	for (;;) {
		char *a;
		w->choices = NULL;
		w->nchoices = 0;
		int rc = wiz_ask(w, qid, choices, 0, &a);
		w->choices = offered;
		w->nchoices = noffered;
		if (rc == WIZ_QUIT)
			return WIZ_QUIT;
		if (strcmp(a, choices) == 0 && def >= 0) {
			*out = def;
		} else if (in_set(w, "wizard.answers.yes", a)) {
			*out = 1;
		} else if (in_set(w, "wizard.answers.no", a)) {
			*out = 0;
		} else {
			wiz_say(w, "wizard.yes_no.again", NULL, NULL);
			free(a);
			continue;
		}
		free(a);
		return WIZ_OK;
	}
}

size_t wiz_show_findings(const struct wizard *w, struct waba_report *r)
{
	struct waba_report_options o = { 0 };
	o.color = w->color;
	o.quiet = 1;
	o.lang = w->lang;
	waba_findings_sort(&r->findings);
	/* a hint phrased for the wizard (no options or JSON keys to give here) replaces the
	 * rule's: text wizard.hint.<rule id> of checklists/wizard.xml */
	for (size_t i = 0; i < r->findings.len; i++) {
		char *id = waba_xasprintf("wizard.hint.%s", r->findings.v[i].rule->id);
		const char *hint = waba_checklist_text(w->run->checklist, id, w->lang);
		if (hint)
			waba_finding_set_hint(&r->findings.v[i], "%s", hint);
		free(id);
	}
	size_t errors = waba_findings_count(&r->findings, WABA_SEV_ERROR);
	if (r->findings.len == 0)
		wiz_say(w, "wizard.answer_ok", NULL, NULL);
	else
		waba_reporter_find("text")->write(stdout, r, &o);
	fflush(stdout);
	return errors;
}
