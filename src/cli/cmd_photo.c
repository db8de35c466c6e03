/* cmd_photo.c: `waba-preflight photo FILE [--fix OUT.png [--crop] [--background COLOR]] [--preview OUT.png]` */
#include "cli.h"
#include "waba/photo.h"

static int write_png(const char *path, const struct waba_strbuf *png)
{
	if (waba_atomic_write(path, png->buf, png->len, 0666) < 0)
		return cli_fail("%s", waba_error_last()); /* already "cannot write 'PATH': why" */
	return 0;
}

int cmd_photo(int argc, char **argv)
{
	struct cli_run run;
	struct cli_strlist args = { 0 };
	struct waba_photo photo = { 0 }, fixed = { 0 };
	struct waba_strbuf png = WABA_STRBUF_INIT;
	struct waba_photo_fix_options fo;
	struct waba_photo_fix_done done;
	struct waba_strbuf how = WABA_STRBUF_INIT;
	const char *fix = NULL, *preview = NULL, *background = NULL;
	int crop = 0, rc;
	cli_run_init(&run, "photo");
	const struct cli_opt opts[] = {
		CLI_OPT_COMMON(&run.common),
		CLI_OPT_STRING("fix", &fix, "OUT.png",
		               N_("write a compliant square PNG to OUT.png (640x640; a smaller photo keeps its size)")),
		CLI_OPT_FLAG("crop", &crop, N_("with --fix: centre-crop to square instead of padding")),
		CLI_OPT_STRING(
		    "background", &background, N_("COLOR"),
		    N_("with --fix: padding and flattening colour, #rrggbb (default: the photo's own background, else white)")),
		CLI_OPT_STRING("preview", &preview, "OUT.png",
		               N_("write how the photo looks in the contact list's circle")),
		CLI_OPT_END(),
	};
	rc = cli_run_parse(&run, opts, argc, argv, &args, N_("FILE"),
	                   N_("check the profile photo; --fix writes a compliant one"));
	if (rc != CLI_CONTINUE)
		return rc;
	if (args.len != 1) {
		free(args.v);
		return cli_fail("%s", _("photo: give exactly one image file (try --help)"));
	}
	if ((crop || background) && !fix) {
		free(args.v);
		return cli_fail("%s", _("photo: --crop and --background go with --fix"));
	}
	if ((rc = cli_run_setup(&run)) != 0)
		goto done;
	waba_photo_fix_defaults(&fo, run.checklist);
	fo.crop = crop;
	fo.background_given = background != NULL;
	if (background && waba_photo_parse_color(background, fo.background) < 0) {
		rc = cli_fail(_("option --background: '%s' is not a colour (#rrggbb, #rgb, white or black)"), background);
		goto done;
	}
	if (waba_photo_load(&photo, args.v[0], run.checklist) < 0) {
		rc = cli_fail("%s", waba_error_last());
		goto done;
	}
	const struct waba_photo *shown = &photo;
	const char *refused = NULL;
	if (fix && photo.rgba && waba_photo_fixable(&photo, &fo, run.checklist) < 0)
		refused = waba_error_last(); /* too small: reported, then exit 2 */
	if (fix && photo.rgba && !refused) {
		if (waba_photo_fix(&png, &fixed, &done, &photo, &fo, fix, run.checklist) < 0) {
			rc = cli_fail(_("cannot fix '%s': %s"), args.v[0], waba_error_last());
			goto done;
		}
		if ((rc = write_png(fix, &png)) != 0)
			goto done;
		waba_photo_fix_describe(&how, &done);
		waba_photo_report_fix(&run.report, args.v[0], &photo, fix, &fixed, waba_strbuf_cstr(&how), crop,
		                      run.checklist);
		shown = &fixed;
	} else {
		waba_photo_report(&run.report, args.v[0], &photo, run.checklist);
	}
	if (preview && shown->rgba) {
		waba_strbuf_reset(&png);
		if (waba_photo_preview_png(&png, shown, run.checklist) < 0) {
			rc = cli_fail(_("cannot render '%s': %s"), preview, waba_error_last());
			goto done;
		}
		if ((rc = write_png(preview, &png)) != 0)
			goto done;
		cli_note(_("wrote '%s': how the contact list's circle shows '%s'"), preview,
		         shown == &fixed ? fix : args.v[0]);
	}
	rc = cli_run_finish(&run);
	if (refused && rc != CLI_EXIT_FAIL)
		rc = cli_fail(_("'%s' was not fixed: %s"), args.v[0], refused);
	else if ((fix || preview) && !photo.rgba && rc != CLI_EXIT_FAIL)
		rc = cli_fail(_("'%s' could not be decoded, so nothing was written (see the findings)"), args.v[0]);
done:
	waba_strbuf_release(&how);
	waba_strbuf_release(&png);
	waba_photo_release(&fixed);
	waba_photo_release(&photo);
	cli_run_release(&run);
	free(args.v);
	return rc;
}
