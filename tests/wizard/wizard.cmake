# The wizard, driven through a pseudo-terminal with scripted answers (tests/wizard/wizard_pty.py):
# no terminal -> exit 2; a full run; SIGKILL mid-way then resume; Ctrl-C -> 130 with the
# state intact; Portuguese under LANG=C.UTF-8.
foreach(case no_tty full_run kill_and_resume ctrl_c portuguese)
  add_test(NAME wizard/${case}
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/wizard/wizard_pty.py ${WABA_EXE} ${case})
  set_tests_properties(wizard/${case} PROPERTIES LABELS wizard TIMEOUT 120)
endforeach()

# Journeys as a person meets them, on the screen of a terminal emulator (pyte; tests/wizard/
# journeys.py): each in English, Portuguese and Spanish. Needs Debian's python3 with python3-pyte.
find_program(WABA_PYTE_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH)
foreach(case clean plain template_optional review_lists force goto_section ctrl_c_resume ctrl_d_first wrong_answers config_verdict categories readiness_columns photo_fix)
  foreach(lang en pt es)
    add_test(NAME wizard/journey/${case}/${lang}
             COMMAND ${WABA_PYTE_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/wizard/journeys.py ${WABA_EXE} ${case} ${lang})
    set_tests_properties(wizard/journey/${case}/${lang} PROPERTIES LABELS wizard TIMEOUT 120)
  endforeach()
endforeach()
