/*
 * confine.h: paths that a file names (an application's photo and templates, a
 * configuration's checklists and baseline) stay inside the folder of that file, and
 * what is opened from them is a regular file (docs/security.md).
 *
 * A repository's files are untrusted input in CI: "../../.ssh/id_rsa", an absolute
 * path, or a symbolic link to /proc/self/environ must not be read, attached to an
 * e-mail or written. Paths typed on the command line are the person's own and are
 * not confined.
 */
#ifndef WABA_CONFINE_H
#define WABA_CONFINE_H

/*
 * Is `path` (as it will be opened: already joined to its folder) inside `root` once
 * symbolic links are resolved? A path that does not exist yet is judged by its folder
 * (a file about to be written). `named_by` is the file that wrote the path, for the
 * message. @return 0; WABA_EINVAL "'PATH' is outside the folder of 'FILE' ..." ;
 * WABA_ENOTFOUND / WABA_EIO when `root` cannot be resolved.
 */
int waba_path_check_inside(const char *root, const char *path, const char *named_by);

/*
 * Open `path` for reading without blocking on a FIFO and refuse anything but a regular
 * file (FIFOs, devices, sockets, folders). When `root` is not NULL the file opened
 * must also be the one inside `root` (compared by device and inode after opening, so
 * a link swapped in between is caught). *fd is a blocking descriptor, close-on-exec.
 * @return 0; WABA_ENOTFOUND, WABA_EIO (not a regular file), WABA_EINVAL (outside).
 */
int waba_open_regular(const char *path, const char *root, const char *named_by, int *fd);
/* The same, with the file's status as fstat() gave it after opening in *st. */
struct stat;
int waba_open_regular_stat(const char *path, const char *root, const char *named_by, int *fd, struct stat *st);

/* 1 when the resolved path `real` is the resolved folder `root` or lies below it. */
int waba_path_below(const char *root, const char *real);

#endif
