# html.cmake: the HTML report (--format html) in a real browser: headless Chromium
# (Debian's `chromium`) renders the pages of tests/html/render_check.py at a phone's and
# a desktop's size (screenshots, layout, anchored findings, the hostile corpus inert).
# Skipped (77) where chromium is not installed. The page parsed back with libxml2:
# tests/unit/test_report_html.c.
add_test(NAME html/chromium
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/render_check.py ${WABA_EXE}
                 ${CMAKE_CURRENT_BINARY_DIR}/html)
set_tests_properties(html/chromium PROPERTIES LABELS html SKIP_RETURN_CODE 77 TIMEOUT 300)
