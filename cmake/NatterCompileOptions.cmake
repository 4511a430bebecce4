# SPDX-License-Identifier: Apache-2.0
# One place for the flags every Natter target shares.
add_library(natter_compile_options INTERFACE)
target_compile_options(natter_compile_options INTERFACE -Wall -Wextra -Wpedantic)
target_compile_definitions(natter_compile_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_FOREACH
    QT_NO_KEYWORDS)

if(NATTER_SANITIZE)
    target_compile_options(natter_compile_options INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(natter_compile_options INTERFACE -fsanitize=address,undefined)
endif()

# Debug information: line tables unless asked for more. A crash backtrace and a sanitizer
# report need functions, files and lines, which -g1 keeps; it compiled files of this project
# in 15-33 % less CPU time than full -g (three files measured), and CI builds everything
# three times (tests, sanitizers, fuzzing). -DNATTER_DEBUG_INFO=full keeps variables and types
# for a debugger session.
set(NATTER_DEBUG_INFO lines CACHE STRING "Debug information of Debug and RelWithDebInfo builds: lines or full")
set_property(CACHE NATTER_DEBUG_INFO PROPERTY STRINGS lines full)
if(NATTER_DEBUG_INFO STREQUAL "lines")
    # Directory-wide, so moc's and qmlcachegen's generated files get it too; the last -g wins.
    add_compile_options($<$<CONFIG:Debug,RelWithDebInfo>:-g1>)
endif()
