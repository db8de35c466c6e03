# Translations (docs/translating.md): the pt and es catalogues are complete, they cover every
# message in the sources, commands really speak them under LANG=C.UTF-8, and every checklist
# <text> exists in pt, es and en.
find_program(WABA_BASH bash)
foreach(part catalogues current commands)
  add_test(NAME i18n/${part}
           COMMAND ${WABA_BASH} ${CMAKE_CURRENT_SOURCE_DIR}/i18n/run_i18n.sh ${part} ${WABA_EXE} ${CMAKE_SOURCE_DIR})
  set_tests_properties(i18n/${part} PROPERTIES LABELS i18n SKIP_RETURN_CODE 77)
endforeach()
add_test(NAME i18n/checklist-texts
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/i18n/check_texts.py ${CMAKE_SOURCE_DIR}/checklists)
set_tests_properties(i18n/checklist-texts PROPERTIES LABELS i18n)
# One term per language: the glossary's words not to use (docs/translating.md) in no pt/es text.
add_test(NAME i18n/glossary
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/i18n/glossary.py ${CMAKE_SOURCE_DIR})
set_tests_properties(i18n/glossary PROPERTIES LABELS i18n)
