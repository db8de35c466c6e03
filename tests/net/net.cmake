# business --online against a real HTTP(S) server on loopback, started by each test
# (tests/net/run_online.py). One ctest per scenario; the list comes from the script.
execute_process(COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/run_online.py --list
                OUTPUT_VARIABLE net_scenarios OUTPUT_STRIP_TRAILING_WHITESPACE
                COMMAND_ERROR_IS_FATAL ANY)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/run_online.py)
foreach(scenario IN LISTS net_scenarios)
  add_test(NAME net/${scenario}
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/run_online.py ${WABA_EXE} ${scenario})
  set_tests_properties(net/${scenario} PROPERTIES LABELS net TIMEOUT 60 SKIP_RETURN_CODE 77)
endforeach()
