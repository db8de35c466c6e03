/*
 * wizard.h: the pieces of `waba-preflight wizard` (private to the CLI).
 *
 *   wizard_state.c   the state file: the application format, written atomically after
 *                    every answer; which steps are done (for resuming)
 *   wizard_prompt.c  libedit prompts: default in brackets, `?` explains, yes/no,
 *                    file-name completion; the texts come from checklists/wizard.xml;
 *                    Ctrl-C / a closed terminal -> "answers saved to FILE", exit 130
 *   cmd_wizard.c     the steps in Botmaker's order (policy §7), checking each answer
 */
#ifndef CLI_WIZARD_H
#define CLI_WIZARD_H

#include <cjson/cJSON.h>
#include "cli.h"

/* ---- state file ------------------------------------------------------------------- */

struct wiz_state {
	const char *path; /* borrowed (argv or the default) */
	cJSON *root;      /* the application object; owned */
	int lock_fd;      /* the lock file held (wiz_state_lock), or -1 */
	char *lock_path;  /* owned */
};

/*
 * Take the lock of the state file `path` before loading it: an exclusive flock on
 * ".NAME.lock" beside it, holding the process ID, so that two wizards on one state file
 * cannot overwrite each other's answers. @return 0 (released by wiz_state_release), or
 * WABA_ERROR naming the process that holds it, or WABA_EIO.
 */
int wiz_state_lock(struct wiz_state *st, const char *path);

/*
 * Load the state file. A missing or empty file gives an empty application
 * (*existed = 0). @return 0, or WABA_EIO / WABA_ERROR (not JSON, not an object) with
 * the reason in waba_error_last().
 */
int wiz_state_load(struct wiz_state *st, const char *path, int *existed);

/* Write the state atomically (signals held off meanwhile). @return 0, or WABA_EIO. */
int wiz_state_save(const struct wiz_state *st);

void wiz_state_release(struct wiz_state *st);

/* The object member `key` of the root, created when absent (or not an object). */
cJSON *wiz_state_obj(struct wiz_state *st, const char *key);

/* The string at root[obj][key] (obj NULL: root[key]), or NULL. */
const char *wiz_state_str(const struct wiz_state *st, const char *obj, const char *key);

/* Set root[obj][key] to the string (NULL or "" removes it). */
void wiz_state_set_str(struct wiz_state *st, const char *obj, const char *key, const char *value);

/* Is step `id` recorded as done? Record it / forget every step. */
int wiz_state_done(const struct wiz_state *st, const char *id);
void wiz_state_mark_done(struct wiz_state *st, const char *id);
void wiz_state_forget_steps(struct wiz_state *st);

/* ---- prompts ---------------------------------------------------------------------- */

enum { WIZ_OK = 0, WIZ_QUIT = -1 };

/* One offered answer: what a person reads (in their language) and the value it stands for. */
struct wiz_choice {
	const char *label; /* "Compras e varejo" */
	const char *value; /* "RETAIL" */
};

struct wizard {
	struct cli_run *run; /* checklist, language, colour */
	struct wiz_state st;
	const char *lang; /* "pt", "es", "en" */
	int color;
	/* the secrets of the environment, taken (wiped and unset there) when the wizard starts,
	 * so they are not in /proc/PID/environ for the whole session; zeroed when it ends
	 * (waba_secret_free). `*_error`: why the variable was refused (owned), or NULL. */
	char *graph_token, *verify_token, *app_secret;
	char *graph_token_error, *webhook_secret_error;
	/* the answers the next questions offer (NULL: none): Tab completes them, `?` lists them */
	const struct wiz_choice *choices;
	size_t nchoices;
};

/* The wizard text `id` in the wizard's language (English fallback; the id itself when absent). */
const char *wiz_text(const struct wizard *w, const char *id);

/* Print text `id` with "{name}" replaced by `value` (name may be NULL), then a newline. */
void wiz_say(const struct wizard *w, const char *id, const char *name, const char *value);

/* Print indent, then value (outside text: an answer, a file name, an error) with its
 * control characters shown escaped (waba_text_escape_add), then a newline. */
void wiz_line(const char *indent, const char *value);

/* Print a section heading. */
void wiz_heading(const struct wizard *w, const char *id);

/*
 * Ask question `qid` (texts wizard.q.<qid> and wizard.q.<qid>.help). `def` is shown in
 * brackets and returned for an empty answer (may be NULL). `?` prints the help (and
 * w->choices, one per line) and asks again; Tab completes w->choices (by label or value,
 * case and accents ignored, to the label). `files`: Tab completes file names. *out is
 * malloc'd, trimmed ("" allowed).
 * @return WIZ_OK, or WIZ_QUIT at end of input.
 */
int wiz_ask(struct wizard *w, const char *qid, const char *def, int files, char **out);

/* Yes/no question; `def` -1 (no default), 0 or 1. @return WIZ_OK or WIZ_QUIT. */
int wiz_yesno(struct wizard *w, const char *qid, int def, int *out);

/*
 * Install the handlers: SIGINT / SIGTERM / SIGHUP restore the terminal, print
 * "answers saved to FILE; run again to resume" and exit 130 (129 for SIGHUP).
 */
void wiz_signals_install(const struct wizard *w);

/* Print that the answers are saved, for a quit at end of input. */
void wiz_say_saved(const struct wizard *w);

/* Print the findings of a scratch report (the check of one answer); returns its error count. */
size_t wiz_show_findings(const struct wizard *w, struct waba_report *r);

#endif
