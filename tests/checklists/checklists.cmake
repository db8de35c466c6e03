# checklists.cmake: every checklist id the sources look up is in checklists/, and a missing
# one stops the program at start-up (tools/checklist_needs.py, waba_checklist_check_needs).
add_test(NAME checklists/needs
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_needs.py ${WABA_EXE} ${CMAKE_SOURCE_DIR})
set_tests_properties(checklists/needs PROPERTIES LABELS checklists)
