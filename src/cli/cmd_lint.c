/* cmd_lint.c: `waba-preflight lint FILE|DIR|-...`: message-template lint. */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"
#include "waba/confine.h"
#include "waba/template.h"
#include "waba/text.h"

/* Largest input we read: a Graph API list response of a few thousand templates fits. */
#define LINT_MAX_BYTES ((size_t)32 << 20)

static struct waba_lint_state lint_state = WABA_LINT_STATE_INIT; /* duplicates across the files */

extern const struct waba_rule WABA_RULE_INPUT_SIZE;

static int has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);
	return n > e && strcmp(name + n - e, ext) == 0;
}

/*
 * The files of a run are found by one walk, done twice: first to plan (nothing is
 * read: is every file name plain, and do the names come in the order findings sort?
 * then the report can be streamed file by file, see cli_run_stream), then to lint.
 * Folders are listed in sorted order; entries are told apart by their directory
 * entry type, stat() only when the type is unknown or a link.
 */
struct walk {
	struct cli_run *run;
	int plan;     /* only look */
	size_t files; /* files met */
	int in_order; /* plan: every name plain, each after the one before */
	char *last;   /* plan: the last name, and the same without leading "./" */
	char *last_short;
	char *root;      /* the folder given, resolved: no link leads out of it */
	const char *top; /* ... as given */
	struct {
		dev_t dev;
		ino_t ino;
	} up[66]; /* the folders being walked: a link back is a cycle */
	int nup;
};

/* The file name findings give (waba_source_read names standard input "<stdin>", or --stdin-filename). */
static const char *shown_name(const char *path)
{
	return strcmp(path, "-") == 0 ? waba_source_stdin_name() : path;
}

/*
 * Plan one file: streaming needs its name to sort after the one before, both as
 * findings show it and as the CI formats do (leading "./" dropped: their occurrence
 * counters are per file), and to be shown unchanged (valid UTF-8, no control
 * characters, no backslash, which CI formats turn into '/').
 */
static void plan_file(struct walk *w, const char *path)
{
	const char *name = shown_name(path), *brief = name;
	while (brief[0] == '.' && brief[1] == '/' && brief[2])
		brief += 2;
	if (!w->in_order)
		return;
	if (!waba_text_is_clean(name, strlen(name), WABA_CLEAN_CONTROLS, 0) || strchr(name, '\\') ||
	    (w->last && (strcmp(name, w->last) <= 0 || strcmp(brief, w->last_short) <= 0))) {
		w->in_order = 0;
		return;
	}
	free(w->last);
	free(w->last_short);
	w->last = waba_xstrdup(name);
	w->last_short = waba_xstrdup(brief);
}

/*
 * Files are independent: up to `jobs` threads (this one among them, whenever the oldest
 * file is not ready) read, parse and check them at the same time (waba_lint_prepare),
 * while this thread walks, hands each file's result over in
 * walk order (waba_lint_commit: duplicates across files, suppressions) and streams the
 * report. A ring of RING files in flight keeps memory flat in the number of files;
 * the report is the same whatever the number of threads.
 */
#define RING 16
#define JOBS_MAX 16

/* The first member of what a thread is to free (free_list): the next one. */
struct freed {
	struct freed *next;
};

struct job {
	struct freed link; /* first: in the list of files its thread is to free */
	char *path;
	struct waba_source src;
	struct waba_lint_prepared prep;
	int walked;  /* found in a folder: opened only when regular (never blocks on a FIFO) */
	int read_rc; /* waba_source_read() */
	char *error; /* its reason (waba_error_last() is per thread) */
	int done;
	int runner; /* who linted it: 0 this thread, k the pool's k-th thread */
	/* a big template list: its elements, parsed and checked one by one at the commit */
	struct waba_json_range *ranges;
	size_t nranges;
};

struct pool {
	pthread_mutex_t mu;
	pthread_cond_t work, done;
	struct job ring[RING];
	size_t head, next, tail; /* oldest not handed over; next to take; next free */
	int stop;
	size_t nthreads;
	pthread_t th[JOBS_MAX];
	const struct waba_checklist *cl;
	int started;
	/* files committed, for the thread k that linted them to free (its memory: glibc frees
	 * another thread's under that thread's arena lock, which they would fight over) */
	struct freed *to_free[JOBS_MAX + 1];
};

static size_t lint_jobs = 0; /* --jobs; 0: one per processor */
/* threads for the files: no more than there are files (one file is linted on the main
 * thread, its big list still split across lint_jobs) */
static size_t file_jobs = 0;

/*
 * The templates of one big file (a JSON array of thousands) are checked by up to
 * lint_jobs threads, taking SLICE templates at a time; each template's findings stay
 * in its own slot, so the report is the same whatever the number of threads.
 */
#define SPLIT_MIN 64
#define SLICE 16

struct split {
	struct waba_lint_prepared *prep;
	const struct waba_checklist *cl;
	atomic_size_t next;
};

static void *split_run(void *arg)
{
	struct split *s = arg;
	size_t i;
	while ((i = atomic_fetch_add(&s->next, SLICE)) < s->prep->set.len)
		waba_lint_check(s->prep, i, i + SLICE, s->cl);
	return NULL;
}

static void lint_check(struct job *j, const struct waba_checklist *cl)
{
	struct split s = { &j->prep, cl, 0 };
	pthread_t th[JOBS_MAX];
	size_t helpers = 0;
	if (lint_jobs > 1 && j->prep.set.len >= SPLIT_MIN) {
		waba_source_index(&j->src); /* locations are then only read */
		waba_rule_find("");         /* the rule registry is built on first use: before the threads */
		while (helpers + 1 < lint_jobs && pthread_create(&th[helpers], NULL, split_run, &s) == 0)
			helpers++;
	}
	split_run(&s);
	for (size_t k = 0; k < helpers; k++)
		pthread_join(th[k], NULL);
}

/*
 * One big template list (a JSON array, or a Graph API list response) is parsed element
 * by element instead of whole: each template's bytes parsed on their own (its own
 * arena, offsets into the whole file), checked, committed in order and freed, by up to
 * lint_jobs threads, with at most WINDOW templates in flight; the report is flushed
 * template by template when it streams. Memory does not grow with the number of
 * templates, and the parse uses every thread. Files that waba_json_split_list() does
 * not take (malformed, another layout) are parsed whole as before. WABA_PREFLIGHT_LINT_SLICES=0
 * turns this off, =1 takes lists of any length (tests compare the two paths).
 */
#define SLICES_MIN 64
#define WINDOW 128
#define BATCH 8

static size_t slices_min(void)
{
	const char *e = getenv("WABA_PREFLIGHT_LINT_SLICES");
	if (e && strcmp(e, "0") == 0)
		return (size_t)-1;
	if (e && strcmp(e, "1") == 0)
		return 1;
	return SLICES_MIN;
}

/* Is src a template list to take element by element? Fills j->ranges. */
static void job_split(struct job *j)
{
	size_t min = slices_min();
	if (min == (size_t)-1 || has_ext(j->src.name, ".txt"))
		return;
	if (waba_json_split_list(&j->src, &j->ranges, &j->nranges) < 0)
		return;
	if (j->nranges < min) {
		free(j->ranges);
		j->ranges = NULL;
		j->nranges = 0;
	}
}

struct unit {
	struct waba_lint_prepared p;
	int state;  /* 0: not taken, 1: being parsed, 2: ready, 3: did not parse */
	int runner; /* who parsed it: 0 the committing thread, k the k-th helper */
};

/* A committed template, for the helper that parsed it to free (as the folder's files). */
struct unit_freed {
	struct freed link; /* first */
	struct waba_lint_prepared p;
};

struct slicer {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct job *j;
	const struct waba_checklist *cl;
	struct unit ring[WINDOW];
	size_t next, head; /* next element to take; oldest not committed */
	int started;
	struct freed *to_free[JOBS_MAX + 1];
};

/*
 * Free a list of what a thread allocated and another committed (glibc frees another
 * thread's memory under that thread's arena lock, which they would fight over): each
 * node begins with its next and is released, then freed.
 */
static void free_list(struct freed *list, void (*release)(void *node))
{
	while (list) {
		struct freed *next = list->next;
		release(list);
		free(list);
		list = next;
	}
}

/* Free this thread's list *head (taken under mu, held on entry and on return): 1 when it had one. */
static int free_mine(pthread_mutex_t *mu, struct freed **head, void (*release)(void *node))
{
	struct freed *list = *head;
	if (!list)
		return 0;
	*head = NULL;
	pthread_mutex_unlock(mu);
	free_list(list, release);
	pthread_mutex_lock(mu);
	return 1;
}

static void release_unit(void *node)
{
	waba_lint_prepared_release(&((struct unit_freed *)node)->p);
}

/* Parse and check element k (no lock held): 2, or 3 when it does not parse. */
static int unit_run(struct slicer *s, size_t k)
{
	struct waba_lint_prepared *p = &s->ring[k % WINDOW].p;
	if (waba_lint_parse_range(p, &s->j->src, s->j->ranges[k].from, s->j->ranges[k].to) < 0)
		return 3;
	waba_lint_check(p, 0, p->set.len, s->cl);
	return 2;
}

/* Take a batch and parse it (called with the lock held, returns with it held); 0 when none is free. */
static int slicer_work(struct slicer *s, int self)
{
	size_t n = s->j->nranges, from = s->next, to = from + BATCH;
	int state[BATCH];
	if (from >= n || from >= s->head + WINDOW)
		return 0;
	if (to > n)
		to = n;
	if (to > s->head + WINDOW)
		to = s->head + WINDOW;
	s->next = to;
	for (size_t k = from; k < to; k++) {
		s->ring[k % WINDOW].state = 1;
		s->ring[k % WINDOW].runner = self;
	}
	pthread_mutex_unlock(&s->mu);
	for (size_t k = from; k < to; k++)
		state[k - from] = unit_run(s, k);
	pthread_mutex_lock(&s->mu);
	for (size_t k = from; k < to; k++)
		s->ring[k % WINDOW].state = state[k - from];
	pthread_cond_broadcast(&s->cv);
	return 1;
}

static void *slicer_thread(void *arg)
{
	struct slicer *s = arg;
	pthread_mutex_lock(&s->mu);
	int self = ++s->started;
	while (s->next < s->j->nranges) {
		if (free_mine(&s->mu, &s->to_free[self], release_unit))
			continue;
		if (!slicer_work(s, self))
			pthread_cond_wait(&s->cv, &s->mu);
	}
	pthread_mutex_unlock(&s->mu);
	return NULL;
}

static int lint_commit_whole(struct cli_run *run, struct job *j);

/* Commit template k of a list: its items and findings; the parse's findings belong to the file's first item. */
static void slice_commit(struct cli_run *run, struct waba_lint_prepared *p, size_t k, int first_item,
                         const struct waba_item *carried)
{
	struct waba_findings parse = p->parse;
	if (k > 0)
		p->parse = (struct waba_findings)WABA_FINDINGS_INIT;
	waba_lint_commit_keep(&run->report, p, &lint_state); /* p freed by the caller */
	if (k > 0) {
		for (size_t i = 0; i < parse.len; i++)
			parse.v[i].item = carried ? WABA_ITEM_CARRIED : first_item;
		waba_findings_take(&run->report.findings, &parse);
		waba_findings_release(&parse);
	}
}

static int lint_slices(struct cli_run *run, struct job *j)
{
	struct slicer *s = waba_xcalloc(1, sizeof(*s));
	pthread_t th[JOBS_MAX];
	size_t helpers = 0, n = j->nranges;
	int rc = 0, within = cli_run_flush_within(run), first_item = -1;
	struct waba_item carried = { NULL, NULL, NULL, NULL, NULL, NULL, NULL };
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	s->j = j;
	s->cl = run->checklist;
	if (lint_jobs > 1) {
		waba_source_index(&j->src); /* locations are then only read */
		waba_rule_find("");         /* the rule registry is built on first use: before the threads */
	}
	while (helpers + 1 < lint_jobs && pthread_create(&th[helpers], NULL, slicer_thread, s) == 0)
		helpers++;
	pthread_mutex_lock(&s->mu);
	for (size_t k = 0; k < n; k++) {
		struct unit *u = &s->ring[k % WINDOW];
		while (u->state < 2) {
			if (!slicer_work(s, 0))
				pthread_cond_wait(&s->cv, &s->mu);
		}
		pthread_mutex_unlock(&s->mu);
		if (u->state == 3 && k == 0) {
			rc = -1; /* not one template committed: the whole document instead */
		} else if (u->state == 3) {
			rc = cli_fail(_("'%s': template %zu could not be read again"), j->path, k + 1);
		} else {
			run->report.continues = k > 0 && within;
			run->report.carried = k > 0 && within ? &carried : NULL;
			slice_commit(run, &u->p, k, first_item, run->report.carried);
			if (k == 0) {
				first_item = (int)run->report.nitems - 1;
				const struct waba_item *it = &run->report.items[first_item];
				carried.kind = waba_xstrdup(it->kind);
				carried.name = it->name ? waba_xstrdup(it->name) : NULL;
				carried.file = it->file ? waba_xstrdup(it->file) : NULL;
			}
			if (within && k + 1 < n)
				rc = cli_run_flush(run);
		}
		struct unit_freed *keep = NULL;
		if (u->state == 2 && u->runner > 0) { /* freed by the helper that parsed it */
			keep = waba_xmalloc(sizeof(*keep));
			keep->p = u->p;
		} else if (u->state == 2) {
			waba_lint_prepared_release(&u->p);
		}
		pthread_mutex_lock(&s->mu);
		if (keep) {
			keep->link.next = s->to_free[u->runner];
			s->to_free[u->runner] = &keep->link;
		}
		u->state = 0;
		if (rc != 0)
			s->next = n; /* the threads take no more work */
		s->head = k + 1;
		pthread_cond_broadcast(&s->cv);
		if (rc != 0)
			break;
	}
	pthread_mutex_unlock(&s->mu);
	for (size_t k = 0; k < helpers; k++)
		pthread_join(th[k], NULL);
	for (size_t k = 0; k <= JOBS_MAX; k++)
		free_list(s->to_free[k], release_unit);
	for (size_t k = 0; k < WINDOW; k++)
		if (s->ring[k].state == 2)
			waba_lint_prepared_release(&s->ring[k].p);
	pthread_cond_destroy(&s->cv);
	pthread_mutex_destroy(&s->mu);
	free(s);
	if (rc == 0 || rc == -1) {
		if (rc == -1)
			rc = lint_commit_whole(run, j);
		else
			rc = cli_run_flush(run);
	}
	/* the last part of the file (flushed above) was its own: the next file starts afresh */
	run->report.continues = 0;
	run->report.carried = NULL;
	free(carried.kind);
	free(carried.name);
	free(carried.file);
	return rc;
}

static void job_run(struct job *j, const struct waba_checklist *cl)
{
	j->src = (struct waba_source)WABA_SOURCE_INIT;
	j->read_rc = j->walked ? waba_source_read_inside(&j->src, j->path, NULL, NULL, LINT_MAX_BYTES)
	                       : waba_source_read(&j->src, j->path, LINT_MAX_BYTES);
	if (j->read_rc < 0)
		j->error = waba_xstrdup(waba_error_last());
	else if (job_split(j), !j->ranges) {
		waba_lint_parse(&j->prep, &j->src);
		lint_check(j, cl);
	}
}

static void job_release(struct job *j)
{
	if (j->read_rc == 0 && j->done && !j->ranges)
		waba_lint_prepared_release(&j->prep);
	free(j->ranges);
	waba_source_release(&j->src);
	free(j->path);
	free(j->error);
	memset(j, 0, sizeof(*j));
}

static void release_job(void *node)
{
	job_release(node);
}

static void *worker(void *arg)
{
	struct pool *p = arg;
	pthread_mutex_lock(&p->mu);
	int self = ++p->started;
	for (;;) {
		if (free_mine(&p->mu, &p->to_free[self], release_job))
			continue;
		while (p->next == p->tail && !p->stop)
			pthread_cond_wait(&p->work, &p->mu);
		if (p->stop)
			break;
		struct job *j = &p->ring[p->next++ % RING];
		j->runner = self;
		pthread_mutex_unlock(&p->mu);
		job_run(j, p->cl);
		pthread_mutex_lock(&p->mu);
		j->done = 1;
		pthread_cond_broadcast(&p->done);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

static struct pool *pool;

/* Hand one linted file over to the report (this thread, in walk order). */
static int lint_commit(struct cli_run *run, struct job *j)
{
	const char *path = j->path;
	struct stat st;
	if (j->read_rc < 0) {
		if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
		    (size_t)st.st_size > LINT_MAX_BYTES) {
			/* too big to be a template file: a finding, not a failure */
			waba_error_clear();
			cJSON *item = cJSON_CreateObject();
			cJSON_AddStringToObject(item, "kind", "template");
			cJSON_AddStringToObject(item, "input", path);
			cJSON_AddNullToObject(item, "name");
			cJSON_AddNullToObject(item, "language");
			cJSON_AddNullToObject(item, "category");
			waba_report_add_item(&run->report, "template", path, path, item);
			struct waba_loc loc = { path, 0, 0, 0, 0 };
			waba_findings_add(&run->report.findings, &WABA_RULE_INPUT_SIZE, loc,
			                  _("the file has %lld bytes; template files over %zu MiB are not read"),
			                  (long long)st.st_size, LINT_MAX_BYTES >> 20);
			waba_report_end_item(&run->report);
			return cli_run_flush(run);
		}
		return cli_fail("%s", j->error);
	}
	if (j->ranges)
		return lint_slices(run, j);
	waba_lint_commit_keep(&run->report, &j->prep, &lint_state); /* freed by job_release() */
	return cli_run_flush(run);
}

/* A list that did not parse element by element after all: the whole document, as before. */
static int lint_commit_whole(struct cli_run *run, struct job *j)
{
	free(j->ranges);
	j->ranges = NULL;
	j->nranges = 0;
	waba_lint_parse(&j->prep, &j->src);
	lint_check(j, run->checklist);
	j->done = 1;
	waba_lint_commit(&run->report, &j->prep, &lint_state);
	return cli_run_flush(run);
}

/* Hand over the oldest file in flight, once it is linted: while it is not, this thread
 * lints the files no thread has taken yet instead of waiting (a thread put to sleep and
 * woken for every file costs more CPU than linting one). */
static int pool_commit_oldest(struct cli_run *run)
{
	struct job *j = &pool->ring[pool->head % RING];
	pthread_mutex_lock(&pool->mu);
	while (!j->done) {
		if (pool->next != pool->tail) {
			struct job *mine = &pool->ring[pool->next++ % RING];
			mine->runner = 0;
			pthread_mutex_unlock(&pool->mu);
			job_run(mine, pool->cl);
			pthread_mutex_lock(&pool->mu);
			mine->done = 1;
			continue;
		}
		pthread_cond_wait(&pool->done, &pool->mu);
	}
	pthread_mutex_unlock(&pool->mu);
	int rc = lint_commit(run, j);
	if (j->runner > 0) { /* freed by the thread that linted it, when it next takes a file */
		struct job *keep = waba_xmalloc(sizeof(*keep));
		*keep = *j;
		memset(j, 0, sizeof(*j));
		pthread_mutex_lock(&pool->mu);
		keep->link.next = pool->to_free[keep->runner];
		pool->to_free[keep->runner] = &keep->link;
		pthread_mutex_unlock(&pool->mu);
	} else {
		job_release(j);
	}
	pool->head++;
	return rc;
}

static void pool_start(const struct waba_checklist *cl, size_t n)
{
	pool = waba_xcalloc(1, sizeof(*pool));
	pthread_mutex_init(&pool->mu, NULL);
	pthread_cond_init(&pool->work, NULL);
	pthread_cond_init(&pool->done, NULL);
	pool->cl = cl;
	waba_rule_find(""); /* the rule registry is built on first use: before the threads */
	for (size_t i = 0; i < n; i++)
		if (pthread_create(&pool->th[pool->nthreads], NULL, worker, pool) == 0)
			pool->nthreads++;
	if (pool->nthreads == 0) { /* no thread could start: lint here, one file at a time */
		pthread_cond_destroy(&pool->work);
		pthread_cond_destroy(&pool->done);
		pthread_mutex_destroy(&pool->mu);
		free(pool);
		pool = NULL;
	}
}

/* Hand over every file still in flight (rc == 0), or drop them (rc != 0); stop the threads. */
static int pool_finish(struct cli_run *run, int rc)
{
	if (!pool)
		return rc;
	while (rc == 0 && pool->head != pool->tail)
		rc = pool_commit_oldest(run);
	pthread_mutex_lock(&pool->mu);
	pool->stop = 1;
	pthread_cond_broadcast(&pool->work);
	pthread_mutex_unlock(&pool->mu);
	for (size_t i = 0; i < pool->nthreads; i++)
		pthread_join(pool->th[i], NULL);
	for (size_t k = 0; k <= JOBS_MAX; k++)
		free_list(pool->to_free[k], release_job);
	for (; pool->head != pool->tail; pool->head++)
		job_release(&pool->ring[pool->head % RING]);
	pthread_cond_destroy(&pool->work);
	pthread_cond_destroy(&pool->done);
	pthread_mutex_destroy(&pool->mu);
	free(pool);
	pool = NULL;
	return rc;
}

/* Lint one file: queue it for the threads, handing over the oldest when the ring is full. */
static int lint_file(struct cli_run *run, const char *path, int walked)
{
	if (!pool && file_jobs > 1)
		pool_start(run->checklist, file_jobs - 1); /* this thread lints too (pool_commit_oldest) */
	if (!pool) {
		struct job j = { 0 };
		j.path = waba_xstrdup(path);
		j.walked = walked;
		job_run(&j, run->checklist);
		j.done = 1;
		int rc = lint_commit(run, &j);
		job_release(&j);
		return rc;
	}
	int rc = 0;
	if (pool->tail - pool->head == RING && (rc = pool_commit_oldest(run)) != 0)
		return rc;
	struct job *j = &pool->ring[pool->tail % RING];
	memset(j, 0, sizeof(*j));
	j->path = waba_xstrdup(path);
	j->walked = walked;
	pthread_mutex_lock(&pool->mu);
	pool->tail++;
	pthread_cond_signal(&pool->work);
	pthread_mutex_unlock(&pool->mu);
	return 0;
}

static int visit_file(struct walk *w, const char *path, int walked)
{
	w->files++;
	if (w->plan) {
		plan_file(w, path);
		return 0;
	}
	return lint_file(w->run, path, walked);
}

/* Is the link at p one to follow: does it resolve inside the folder given? */
static int link_inside(struct walk *w, const char *p)
{
	char *real = realpath(p, NULL);
	int in = real && w->root && waba_path_below(w->root, real);
	free(real);
	if (!in && !w->plan && !w->run->common.quiet)
		cli_warn(_("'%s' is skipped: a symbolic link out of '%s'"), p, w->top);
	return in;
}

/* A folder's entries, hidden ones left out: names in one block, sorted by name. */
struct entry {
	size_t off;         /* into the block */
	unsigned char type; /* d_type */
};
struct listing {
	struct waba_strbuf names;
	struct entry *v;
	size_t n, cap;
};

static const char *sort_base; /* the block being sorted (qsort has no context argument) */

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(sort_base + ((const struct entry *)a)->off, sort_base + ((const struct entry *)b)->off);
}

static void list_dir(DIR *d, struct listing *l)
{
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue; /* ., .., .git, hidden files */
		if (l->n == l->cap) {
			l->cap = l->cap ? l->cap * 2 : 16;
			l->v = waba_xrealloc(l->v, l->cap * sizeof(*l->v));
		}
		l->v[l->n].off = l->names.len;
		l->v[l->n].type = e->d_type;
		l->n++;
		waba_strbuf_add(&l->names, e->d_name, strlen(e->d_name) + 1);
	}
	if (l->n > 1) { /* qsort may not take an empty array (UBSan, tests/hostile) */
		sort_base = l->names.buf;
		qsort(l->v, l->n, sizeof(*l->v), cmp_entry);
	}
}

static int walk_dir(struct walk *w, const char *dir, int depth)
{
	struct cli_run *run = w->run;
	struct listing l = { WABA_STRBUF_INIT, NULL, 0, 0 };
	DIR *d;
	int rc = 0;
	if (depth > 64) {
		if (w->plan)
			return w->in_order = 0;
		return cli_fail(_("'%s' is nested too deeply"), dir);
	}
	d = opendir(dir);
	if (!d) {
		if (w->plan)
			return w->in_order = 0;
		return cli_fail(_("cannot open '%s': %s"), dir, strerror(errno));
	}
	struct stat self;
	memset(&self, 0, sizeof(self));
	if (fstat(dirfd(d), &self) == 0) {
		for (int k = 0; k < w->nup; k++)
			if (w->up[k].dev == self.st_dev && w->up[k].ino == self.st_ino) { /* a link back up: a cycle */
				closedir(d);
				if (!w->plan && !run->common.quiet)
					cli_warn(_("'%s' is skipped: a symbolic link to a folder that contains it"), dir);
				return 0;
			}
	}
	w->up[w->nup].dev = self.st_dev;
	w->up[w->nup].ino = self.st_ino;
	w->nup++;
	list_dir(d, &l);
	closedir(d);
	size_t dl = strlen(dir);
	int bare = strcmp(dir, ".") == 0 || strcmp(dir, "./") == 0; /* "a.json", as the user would write it */
	struct waba_strbuf path = WABA_STRBUF_INIT;
	for (size_t i = 0; i < l.n && rc == 0; i++) {
		const char *name = l.names.buf + l.v[i].off;
		struct stat st;
		int type = l.v[i].type;
		waba_strbuf_reset(&path);
		if (!bare) {
			waba_strbuf_add(&path, dir, dl);
			if (!dl || dir[dl - 1] != '/')
				waba_strbuf_addc(&path, '/');
		}
		waba_strbuf_adds(&path, name);
		const char *p = waba_strbuf_cstr(&path);
		if (cli_ignored(run, p))
			continue;
		if (type != DT_DIR && type != DT_REG) { /* unknown, or a link to follow if it stays inside */
			if (lstat(p, &st) != 0)
				continue;
			if (S_ISLNK(st.st_mode) && (!link_inside(w, p) || stat(p, &st) != 0))
				continue;
			/* FIFOs, devices, sockets: never opened */
			type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
		}
		if (type == DT_DIR) {
			char *sub = waba_xstrdup(p);
			rc = walk_dir(w, sub, depth + 1);
			free(sub);
		} else if (type == DT_REG && (has_ext(p, ".json") || has_ext(p, ".txt"))) {
			rc = visit_file(w, p, 1);
		}
	}
	w->nup--;
	waba_strbuf_release(&path);
	waba_strbuf_release(&l.names);
	free(l.v);
	return rc;
}

/* Walk the command line's files and folders in order. */
static int walk_args(struct walk *w, const struct cli_strlist *args)
{
	int rc = 0;
	for (size_t i = 0; i < args->len && rc == 0; i++) {
		struct stat st;
		const char *path = args->v[i];
		int is_stdin = strcmp(path, "-") == 0, exists = !is_stdin && stat(path, &st) == 0;
		if (exists && S_ISDIR(st.st_mode)) {
			size_t before = w->files;
			w->root = realpath(path, NULL);
			w->top = path;
			w->nup = 0;
			rc = walk_dir(w, path, 0);
			free(w->root);
			w->root = NULL;
			if (rc == 0 && w->files == before) {
				if (w->plan)
					w->in_order = 0;
				else
					rc = cli_fail(_("no *.json or *.txt template files in '%s'"), path);
			}
		} else if (is_stdin || !cli_ignored(w->run, path)) {
			if (w->plan && !is_stdin && (!exists || access(path, R_OK) != 0))
				w->in_order = 0; /* it fails: as before, with no report written */
			rc = visit_file(w, path, 0);
		}
	}
	return rc;
}

int cmd_lint(int argc, char **argv)
{
	struct cli_run run;
	struct cli_strlist args = { 0 };
	int rc;
	cli_run_init(&run, "lint");
	const char *jobs_opt = NULL;
	const struct cli_opt opts[] = {
		CLI_OPT_COMMON(&run.common),
		CLI_OPT_STRING("jobs", &jobs_opt, N_("N"),
		               N_("files linted at the same time (default: one per processor)")),
		CLI_OPT_END(),
	};
	rc = cli_run_parse(&run, opts, argc, argv, &args, N_("FILE|DIR|-..."),
	                   N_("lint message-template drafts: Meta's template JSON (an object, an array, or a "
	                      "Graph API list response) or .txt drafts; folders are searched for *.json and "
	                      "*.txt"));
	if (rc != CLI_CONTINUE)
		return rc;
	if (args.len == 0) {
		free(args.v);
		return cli_fail("%s", _("lint: give template files, folders or '-' for standard input (try --help)"));
	}
	if (jobs_opt) {
		char *end;
		long n = strtol(jobs_opt, &end, 10);
		if (*jobs_opt < '0' || *jobs_opt > '9' || *end || n < 1 || n > JOBS_MAX) {
			free(args.v);
			return cli_fail(_("lint: --jobs takes a number from 1 to %d, not '%.8s%s'"), JOBS_MAX, jobs_opt,
			                strlen(jobs_opt) > 8 ? "..." : "");
		}
		lint_jobs = (size_t)n;
	} else {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		lint_jobs = n < 1 ? 1 : n > JOBS_MAX ? JOBS_MAX : (size_t)n;
	}
	if ((rc = cli_run_setup(&run)) != 0)
		goto done;
	struct walk plan = { .run = &run, .plan = 1, .in_order = 1 }, lint = { .run = &run };
	walk_args(&plan, &args);
	file_jobs = plan.files < lint_jobs ? plan.files : lint_jobs;
	free(plan.last);
	free(plan.last_short);
	if (plan.in_order && (rc = cli_run_stream(&run)) != 0)
		goto done;
	rc = pool_finish(&run, walk_args(&lint, &args));
	if (rc == 0)
		rc = cli_run_finish(&run);
done:
	waba_lint_state_release(&lint_state);
	cli_run_release(&run);
	free(args.v);
	return rc;
}
