# The wizard, driven through a pseudo-terminal with scripted answers (tests/wizard/wizard_pty.py):
# no terminal -> exit 2; a full run; SIGKILL mid-way then resume; Ctrl-C -> 130 with the
# state intact; Portuguese under LANG=C.UTF-8.
foreach(case no_tty full_run kill_and_resume ctrl_c portuguese)
  add_test(NAME wizard/${case}
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/wizard/wizard_pty.py ${WABA_EXE} ${case})
  set_tests_properties(wizard/${case} PROPERTIES LABELS wizard TIMEOUT 120)
endforeach()
