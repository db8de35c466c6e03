# `waba-preflight email`: messages parsed back with Python's email package, delivery to
# aiosmtpd on loopback. Needs Debian's python3 with python3-aiosmtpd.
find_program(WABA_EMAIL_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(WABA_EMAIL_PYTHON)
  foreach(case mime inject refuse language stdout smtp smtp-auth smtp-down starttls url-credentials)
    add_test(NAME email/${case}
             COMMAND ${WABA_EMAIL_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/email/test_email.py ${WABA_EXE} ${case})
    set_tests_properties(email/${case} PROPERTIES LABELS email SKIP_RETURN_CODE 77 TIMEOUT 120)
  endforeach()
endif()
