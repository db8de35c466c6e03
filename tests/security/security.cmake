# Untrusted repository files and other local users (issue #17, docs/security.md):
# one ctest per defence, run by Debian's python3 (aiosmtpd for the loopback SMTP server).
find_program(WABA_SECURITY_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(WABA_SECURITY_PYTHON)
  foreach(case attach config-paths config-search recipient lint-walk long-lines escapes no-echo wizard-lock wizard-env decode-ceiling umask)
    add_test(NAME security/${case}
             COMMAND ${WABA_SECURITY_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/security.py ${WABA_EXE} ${case})
    set_tests_properties(security/${case} PROPERTIES LABELS security SKIP_RETURN_CODE 77 TIMEOUT 300)
  endforeach()
endif()
