# SPDX-License-Identifier: Apache-2.0
# The full emoji picker (#12). Its table is generated at build time from Unicode's
# emoji-test.txt as Debian's unicode-data package ships it (scripts/deps.sh), not typed by hand.
set(NATTER_EMOJI_TEST "/usr/share/unicode/emoji/emoji-test.txt" CACHE FILEPATH
    "Unicode's emoji-test.txt (Debian package unicode-data)")
if(NOT EXISTS "${NATTER_EMOJI_TEST}")
    message(FATAL_ERROR "${NATTER_EMOJI_TEST} not found: install unicode-data (make deps)")
endif()
set(natter_emoji_table "${CMAKE_CURRENT_BINARY_DIR}/emoji/emoji.tsv")
add_custom_command(OUTPUT "${natter_emoji_table}"
    COMMAND ${CMAKE_COMMAND} -DSOURCE=${NATTER_EMOJI_TEST} -DOUTPUT=${natter_emoji_table}
        -P ${CMAKE_CURRENT_LIST_DIR}/generate-emoji-table.cmake
    DEPENDS "${NATTER_EMOJI_TEST}" "${CMAKE_CURRENT_LIST_DIR}/generate-emoji-table.cmake"
    COMMENT "Generating the emoji table from ${NATTER_EMOJI_TEST}")
target_sources(natter_desktop_core PRIVATE emoji/emojicatalog.cpp emoji/emojipickermodel.cpp)
# The QML registration includes each header by its bare name.
target_include_directories(natter_desktop_core PRIVATE ${CMAKE_CURRENT_LIST_DIR})
qt_add_resources(natter_desktop_core "natter_emoji" PREFIX "/natter/emoji"
    BASE "${CMAKE_CURRENT_BINARY_DIR}/emoji" FILES "${natter_emoji_table}")
