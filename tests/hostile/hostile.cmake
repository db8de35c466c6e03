# Hostile input for every command (tests/hostile/hostile.py): one ctest per command,
# so they run in parallel and a failure names the command.
foreach(cmd check business phone photo name profile lint email rules wizard)
  add_test(NAME hostile/${cmd}
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/hostile.py ${WABA_EXE} ${cmd})
  set_tests_properties(hostile/${cmd} PROPERTIES LABELS hostile TIMEOUT 900)
endforeach()
