# Fails when the test binary holds a gtest suite that tests/CMakeLists.txt did not register
# with ctest (a TEST line its pattern missed): such tests would never run.
# Usage: cmake -DBINARY=path -DSUITES="a;b;c" -P check_suites.cmake
cmake_minimum_required(VERSION 3.25)
execute_process(COMMAND ${BINARY} --gtest_list_tests OUTPUT_VARIABLE listing RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${BINARY} --gtest_list_tests failed (${rc})")
endif()
string(REGEX MATCHALL "(^|\n)[A-Za-z0-9_/]+\\." found "${listing}")
set(missing "")
foreach(f IN LISTS found)
  # A parameterised suite is listed as Prefix/Suite.
  string(REGEX REPLACE "^\n?([A-Za-z0-9_]+/)?([A-Za-z0-9_]+)\\.$" "\\2" suite "${f}")
  if(NOT suite IN_LIST SUITES)
    list(APPEND missing ${suite})
  endif()
endforeach()
if(missing)
  message(FATAL_ERROR "suites not registered with ctest: ${missing}")
endif()
list(LENGTH found n)
message(STATUS "${n} suites, all registered")
