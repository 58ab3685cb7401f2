# Packaging: the shared and the static library, `cmake --install`, the CMake package
# (find_package(asynclift) → asynclift::asynclift), pkg-config, and CPack (.deb, .tar.gz).
# Included at the end of the top-level CMakeLists.txt, after every target exists.
#
# Both kinds of library come out of one build. The in-tree target `asynclift` has the kind
# BUILD_SHARED_LIBS gives it (static by default, which the CLI and the tests link); a companion
# target of the other kind is linked from the very same object files ($<TARGET_OBJECTS>, all
# compiled as position-independent code), so there is no second compilation. Both are named
# libasynclift (.so and .a) and both are installed and exported:
#
#   asynclift::asynclift_shared   libasynclift.so.<soversion>; exports only the C API and the
#                                 public C++ API (cmake/asynclift.map hides asynclift::detail,
#                                 tree-sitter and everything else)
#   asynclift::asynclift_static   libasynclift.a
#   asynclift::asynclift          the shared one, or the static one when the consumer sets
#                                 ASYNCLIFT_USE_STATIC_LIBS before find_package
#
# The companion target is made in lib/ (cmake/library_kinds.cmake), where the imported targets
# asynclift links to are visible. The static library keeps its dependencies (ICU, simdjson, …)
# as link-time requirements of consumers: the CMake package finds them with find_dependency,
# pkg-config lists them in Libs.private.
#
# Soname: while the major version is 0 the C++ ABI may change with every minor release, so the
# soname carries MAJOR.MINOR (libasynclift.so.0.1); from 1.0 on, MAJOR alone.

include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(ASYNCLIFT_SOVERSION "${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR}")
  set(asynclift_compatibility SameMinorVersion)
else()
  set(ASYNCLIFT_SOVERSION "${PROJECT_VERSION_MAJOR}")
  set(asynclift_compatibility SameMajorVersion)
endif()
set(ASYNCLIFT_SYMBOL_VERSION "ASYNCLIFT_${ASYNCLIFT_SOVERSION}")

# ---- both kinds of library (the companion is made by cmake/library_kinds.cmake) ----------

get_target_property(asynclift_type asynclift TYPE)
if(asynclift_type STREQUAL "SHARED_LIBRARY")
  set(asynclift_shared_target asynclift)
  set(asynclift_static_target asynclift_static)
else()
  set(asynclift_shared_target asynclift_shared)
  set(asynclift_static_target asynclift)
endif()
# Users' code must be compiled as C++20 to use the C++ headers (the C header needs only C11).
target_compile_features(asynclift INTERFACE cxx_std_20)

configure_file("${PROJECT_SOURCE_DIR}/cmake/asynclift.map.in"
               "${PROJECT_BINARY_DIR}/asynclift.map" @ONLY)
set_target_properties(${asynclift_shared_target} PROPERTIES
  VERSION "${PROJECT_VERSION}" SOVERSION "${ASYNCLIFT_SOVERSION}"
  EXPORT_NAME asynclift_shared
  LINK_DEPENDS "${PROJECT_BINARY_DIR}/asynclift.map")
target_link_options(${asynclift_shared_target} PRIVATE
  "LINKER:--version-script=${PROJECT_BINARY_DIR}/asynclift.map" "LINKER:--no-undefined")
set_target_properties(${asynclift_static_target} PROPERTIES EXPORT_NAME asynclift_static)
add_library(asynclift::asynclift_shared ALIAS ${asynclift_shared_target})
add_library(asynclift::asynclift_static ALIAS ${asynclift_static_target})

# ---- install --------------------------------------------------------------------------------

set(ASYNCLIFT_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/asynclift" CACHE STRING
    "Where asyncliftConfig.cmake is installed, relative to the prefix")

install(TARGETS ${asynclift_shared_target} ${asynclift_static_target}
  EXPORT asyncliftTargets
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT runtime
          NAMELINK_COMPONENT development
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT development
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT runtime
  INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
# Every public header (asynclift.h, *.hpp), whatever is added later; never a third-party one.
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/asynclift"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" COMPONENT development
  FILES_MATCHING PATTERN "*.h" PATTERN "*.hpp")
if(TARGET asynclift_cli)
  install(TARGETS asynclift_cli RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT runtime)
endif()

# What the installed package needs from other packages (worked out in lib/, where the imported
# targets asynclift links to are visible: cmake/library_kinds.cmake).
get_property(ASYNCLIFT_FIND_DEPENDENCIES GLOBAL PROPERTY ASYNCLIFT_FIND_DEPENDENCIES)
get_property(ASYNCLIFT_PC_LIBS_PRIVATE GLOBAL PROPERTY ASYNCLIFT_PC_LIBS_PRIVATE)

install(EXPORT asyncliftTargets
  NAMESPACE asynclift::
  DESTINATION "${ASYNCLIFT_INSTALL_CMAKEDIR}" COMPONENT development)
configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/asyncliftConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/asyncliftConfig.cmake"
  INSTALL_DESTINATION "${ASYNCLIFT_INSTALL_CMAKEDIR}")
write_basic_package_version_file("${PROJECT_BINARY_DIR}/asyncliftConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}" COMPATIBILITY ${asynclift_compatibility})
install(FILES "${PROJECT_BINARY_DIR}/asyncliftConfig.cmake"
              "${PROJECT_BINARY_DIR}/asyncliftConfigVersion.cmake"
  DESTINATION "${ASYNCLIFT_INSTALL_CMAKEDIR}" COMPONENT development)

# pkg-config: relocatable (paths relative to the .pc file), so an install to any --prefix and
# an unpacked .deb both work.
set(pc_dir "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}" OR IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(ASYNCLIFT_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
  set(ASYNCLIFT_PC_LIBDIR "${CMAKE_INSTALL_FULL_LIBDIR}")
  set(ASYNCLIFT_PC_INCLUDEDIR "${CMAKE_INSTALL_FULL_INCLUDEDIR}")
else()
  file(RELATIVE_PATH pc_up "/root/${pc_dir}" "/root")
  string(REGEX REPLACE "/$" "" pc_up "${pc_up}")
  set(ASYNCLIFT_PC_PREFIX "\${pcfiledir}/${pc_up}")
  set(ASYNCLIFT_PC_LIBDIR "\${prefix}/${CMAKE_INSTALL_LIBDIR}")
  set(ASYNCLIFT_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
configure_file("${PROJECT_SOURCE_DIR}/cmake/asynclift.pc.in"
               "${PROJECT_BINARY_DIR}/asynclift.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/asynclift.pc" DESTINATION "${pc_dir}"
        COMPONENT development)

# ---- CPack ----------------------------------------------------------------------------------
# `cpack -G DEB` (or TGZ) in the build folder. Offline: dpkg-shlibdeps, when installed, reads
# the local dpkg database only.

set(ASYNCLIFT_PACKAGE_MAINTAINER "asynclift maintainers <asynclift@localhost>" CACHE STRING
    "Maintainer field of the Debian package")
set(CPACK_PACKAGE_NAME asynclift)
set(CPACK_PACKAGE_VENDOR asynclift)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "asynclift decides, exactly as CPython 3.8-3.13 would, whether Python source needs to run as async code and which scope and compile errors CPython raises for it. This package holds the asynclift command-line tool, the shared and static libraries, the C and C++ headers, and the CMake and pkg-config files.")
set(CPACK_GENERATOR "TGZ;DEB")
set(CPACK_SOURCE_GENERATOR "")
set(CPACK_PACKAGE_CONTACT "${ASYNCLIFT_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${ASYNCLIFT_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
find_program(ASYNCLIFT_DPKG_SHLIBDEPS dpkg-shlibdeps)
mark_as_advanced(ASYNCLIFT_DPKG_SHLIBDEPS)
if(ASYNCLIFT_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libc6, libstdc++6, libgcc-s1")
endif()
set(CPACK_STRIP_FILES ON)
include(CPack)
