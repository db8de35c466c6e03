# The application file: examples/application.json is valid against docs/application.schema.json
# (the schema itself checked against JSON Schema 2020-12), and the bad examples are not.
add_test(NAME profile/application-schema
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/profile/check_schema.py
                 ${CMAKE_SOURCE_DIR}/docs/application.schema.json ${CMAKE_SOURCE_DIR}/examples/application.json)
set_tests_properties(profile/application-schema PROPERTIES LABELS docs)
