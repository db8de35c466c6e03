# `webhook` against HTTPS servers on loopback started by each test (tests/webhook/run_webhook.py):
# one ctest per scenario; the list comes from the script.
execute_process(COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/run_webhook.py --list
                OUTPUT_VARIABLE webhook_scenarios OUTPUT_STRIP_TRAILING_WHITESPACE
                COMMAND_ERROR_IS_FATAL ANY)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/run_webhook.py)
foreach(scenario IN LISTS webhook_scenarios)
  add_test(NAME webhook/${scenario}
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/run_webhook.py ${WABA_EXE} ${scenario}
                   $<TARGET_FILE:waba_check_junit>)
  set_tests_properties(webhook/${scenario} PROPERTIES LABELS "net;webhook" TIMEOUT 120 SKIP_RETURN_CODE 77)
endforeach()
