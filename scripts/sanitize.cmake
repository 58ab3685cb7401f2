# Included by scripts/sanitize.sh into its builds (CMAKE_PROJECT_INCLUDE) and by fuzz/CMakeLists.txt. The shared library
# is linked with --no-undefined (cmake/packaging.cmake), but clang's sanitizer runtimes come
# from the executable that loads it: allow undefined symbols there, once every target exists.
function(asynclift_sanitize_shared_library_undefs)
  foreach(t asynclift asynclift_shared)
    if(TARGET ${t})
      get_target_property(type ${t} TYPE)
      if(type STREQUAL "SHARED_LIBRARY")
        target_link_options(${t} PRIVATE "LINKER:-z,undefs")
      endif()
    endif()
  endforeach()
endfunction()
cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL asynclift_sanitize_shared_library_undefs)
