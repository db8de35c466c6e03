# One verdict for check, email and the e-mail body in a second language, with a
# configuration that turns a rule off or demotes it (tests/verdict/test_verdict.py).
find_program(WABA_VERDICT_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH)
foreach(mode off warning)
  add_test(NAME verdict/${mode}
           COMMAND ${WABA_VERDICT_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/verdict/test_verdict.py ${WABA_EXE} ${mode})
  set_tests_properties(verdict/${mode} PROPERTIES LABELS cli TIMEOUT 120)
endforeach()
