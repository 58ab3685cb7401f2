# The companion of the `asynclift` library target: a library of the other kind (shared when
# `asynclift` is static, the default; static when BUILD_SHARED_LIBS makes it shared), linked from
# the same object files, so both kinds come out of one build without compiling anything twice.
# Included from lib/CMakeLists.txt; the target is made when lib/CMakeLists.txt has been read to
# its end, so it links to every library `asynclift` links to, wherever that is added.
#
# Also here, because only lib/ sees the imported targets asynclift links to: what an installed
# asynclift needs from other packages, for the CMake package file (find_dependency lines) and
# the pkg-config file (Libs.private), left in the global properties ASYNCLIFT_FIND_DEPENDENCIES
# and ASYNCLIFT_PC_LIBS_PRIVATE. Install and export rules are in cmake/packaging.cmake.

function(asynclift_make_companion_library)
  get_target_property(type asynclift TYPE)
  if(type STREQUAL "SHARED_LIBRARY")
    set(companion asynclift_static)
    add_library(asynclift_static STATIC)
  else()
    set(companion asynclift_shared)
    add_library(asynclift_shared SHARED)
  endif()
  # asynclift's own objects, plus the tree-sitter objects listed among its sources.
  target_sources(${companion} PRIVATE
    $<TARGET_OBJECTS:asynclift>
    $<TARGET_OBJECTS:asynclift_ts_runtime>
    $<TARGET_OBJECTS:asynclift_ts_python>)
  target_include_directories(${companion} PUBLIC
    "$<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>" "$<INSTALL_INTERFACE:include>")
  target_compile_features(${companion} INTERFACE cxx_std_20)
  get_target_property(libraries asynclift LINK_LIBRARIES)
  if(libraries)
    target_link_libraries(${companion} PRIVATE ${libraries})
  endif()
  set_target_properties(${companion} PROPERTIES
    OUTPUT_NAME asynclift LINKER_LANGUAGE CXX POSITION_INDEPENDENT_CODE ON)
endfunction()

# pkg-config helpers: the -L/-l flags for a library (an imported target, recursively through its
# link interface; a file; a flag; a name), appended to ASYNCLIFT_PC_LIBS_PRIVATE in the caller.
function(asynclift_pc_add_library item)
  if(item IN_LIST asynclift_pc_seen OR item MATCHES "^\\$<" OR item MATCHES "^::@")
    return()
  endif()
  set(asynclift_pc_seen ${asynclift_pc_seen} "${item}" PARENT_SCOPE)
  set(flags "")
  if(TARGET "${item}")
    get_target_property(type "${item}" TYPE)
    get_target_property(imported "${item}" IMPORTED)
    set(location "")
    if(imported AND NOT type STREQUAL "INTERFACE_LIBRARY")
      get_target_property(configs "${item}" IMPORTED_CONFIGURATIONS)
      foreach(config IN ITEMS RELEASE RELWITHDEBINFO MINSIZEREL NOCONFIG ${configs})
        get_target_property(location "${item}" IMPORTED_LOCATION_${config})
        if(location)
          break()
        endif()
      endforeach()
      if(NOT location)
        get_target_property(location "${item}" IMPORTED_LOCATION)
      endif()
    endif()
    if(location)
      asynclift_pc_file_flags("${location}" flags)
      # A library comes before the libraries it needs.
      set(ASYNCLIFT_PC_LIBS_PRIVATE "${ASYNCLIFT_PC_LIBS_PRIVATE} ${flags}")
      set(flags "")
    endif()
    get_target_property(interface "${item}" INTERFACE_LINK_LIBRARIES)
    if(interface)
      foreach(sub IN LISTS interface)
        string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" sub "${sub}")
        asynclift_pc_add_library("${sub}")
      endforeach()
    endif()
  elseif(item MATCHES "^-")
    set(flags "${item}")
  elseif(IS_ABSOLUTE "${item}")
    asynclift_pc_file_flags("${item}" flags)
  elseif(NOT item STREQUAL "")
    set(flags "-l${item}")
  endif()
  if(flags)
    set(ASYNCLIFT_PC_LIBS_PRIVATE "${ASYNCLIFT_PC_LIBS_PRIVATE} ${flags}")
  endif()
  set(asynclift_pc_seen ${asynclift_pc_seen} PARENT_SCOPE)
  set(ASYNCLIFT_PC_LIBS_PRIVATE "${ASYNCLIFT_PC_LIBS_PRIVATE}" PARENT_SCOPE)
endfunction()
function(asynclift_pc_file_flags file out)
  get_filename_component(dir "${file}" DIRECTORY)
  get_filename_component(name "${file}" NAME)
  if(name MATCHES "^lib(.+)\\.(so|a)(\\..*)?$")
    set(flags "-l${CMAKE_MATCH_1}")
    if(NOT dir IN_LIST CMAKE_C_IMPLICIT_LINK_DIRECTORIES)
      set(flags "-L${dir} ${flags}")
    endif()
  else()
    set(flags "${file}")
  endif()
  set(${out} "${flags}" PARENT_SCOPE)
endfunction()

# What the installed package needs from other packages, worked out from asynclift's link
# libraries (PRIVATE: only a consumer linking the static library needs them at link time, but
# the exported targets name them either way).
#
#  - CMake: an imported target `Pkg::Name` comes from find_package(Pkg), and, when Name is not
#    Pkg itself, from its component Name (ICU::uc → find_dependency(ICU COMPONENTS uc)).
#  - pkg-config: Libs.private lists the libraries themselves (from the files the imported
#    targets point to), so `pkg-config --static` gives a C program all it needs to link
#    libasynclift.a.
function(asynclift_describe_dependencies)
  get_target_property(libraries asynclift LINK_LIBRARIES)
  if(NOT libraries)
    set(libraries "")
  endif()
  list(FILTER libraries EXCLUDE REGEX "^::@")

  set(packages "")
  foreach(dep IN LISTS libraries)
    if(TARGET "${dep}" AND dep MATCHES "^([A-Za-z0-9_.+-]+)::(.+)$")
      set(package "${CMAKE_MATCH_1}")
      set(name "${CMAKE_MATCH_2}")
      list(APPEND packages "${package}")
      string(TOLOWER "${package}" package_lower)
      string(TOLOWER "${name}" name_lower)
      if(NOT package_lower STREQUAL name_lower)
        list(APPEND components_${package} "${name}")
      endif()
    endif()
  endforeach()
  list(REMOVE_DUPLICATES packages)
  set(find_dependencies "")
  foreach(package IN LISTS packages)
    if(components_${package})
      list(REMOVE_DUPLICATES components_${package})
      list(JOIN components_${package} " " components)
      string(APPEND find_dependencies "find_dependency(${package} COMPONENTS ${components})\n")
    else()
      string(APPEND find_dependencies "find_dependency(${package})\n")
    endif()
  endforeach()

  set(ASYNCLIFT_PC_LIBS_PRIVATE "")
  set(asynclift_pc_seen "")
  foreach(dep IN LISTS libraries)
    asynclift_pc_add_library("${dep}")
  endforeach()

  set_property(GLOBAL PROPERTY ASYNCLIFT_FIND_DEPENDENCIES "${find_dependencies}")
  set_property(GLOBAL PROPERTY ASYNCLIFT_PC_LIBS_PRIVATE "${ASYNCLIFT_PC_LIBS_PRIVATE}")
endfunction()

cmake_language(DEFER CALL asynclift_make_companion_library)
cmake_language(DEFER CALL asynclift_describe_dependencies)
