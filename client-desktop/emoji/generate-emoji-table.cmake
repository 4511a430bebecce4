# SPDX-License-Identifier: Apache-2.0
# Turns Unicode's emoji-test.txt (Debian's unicode-data package) into the picker's compact
# table, run at build time: `cmake -DSOURCE=emoji-test.txt -DOUTPUT=emoji.tsv -P this-file`.
#
# Output, UTF-8, one line each:
#   `=<group>`            a category ("Smileys & Emotion"), in Unicode's (CLDR's) order
#   `<emoji>\t<name>`     an emoji of the category above, fully qualified, with its CLDR name
# Kept out: the "Component" group (skin tones and hair styles alone); the skin-tone variants
# (U+1F3FB..U+1F3FF), which would multiply the people by six: the picker shows the default; and
# the ZWJ sequences (U+200D: "heart on fire", families, "man facepalming"), which Qt 6.4's text
# shaping draws as their separate parts side by side, whatever the font.
if(NOT EXISTS "${SOURCE}")
    message(FATAL_ERROR "${SOURCE} not found: install Debian's unicode-data (scripts/deps.sh)")
endif()
file(READ "${SOURCE}" text)
# One list element per line: the lines hold ';' (CMake's list separator) and no brackets.
string(REPLACE ";" "|" text "${text}")
string(REPLACE "\n" ";" lines "${text}")

set(out "")
set(group "")
set(count 0)
foreach(line IN LISTS lines)
    if(line MATCHES "^# group: (.+)$")
        set(group "${CMAKE_MATCH_1}")
        if(NOT group STREQUAL "Component")
            string(APPEND out "=${group}\n")
        endif()
    elseif(NOT group STREQUAL "Component"
           AND line MATCHES "^([0-9A-F ]+)\\|[ ]*fully-qualified[ ]*# ([^ ]+) E[0-9.]+ (.+)$")
        set(points "${CMAKE_MATCH_1}")
        set(emoji "${CMAKE_MATCH_2}")
        set(name "${CMAKE_MATCH_3}")
        if(NOT points MATCHES "1F3F[B-F]" AND NOT points MATCHES "200D")
            string(APPEND out "${emoji}\t${name}\n")
            math(EXPR count "${count} + 1")
        endif()
    endif()
endforeach()
if(count LESS 1000)
    message(FATAL_ERROR "${SOURCE}: only ${count} emojis read; is it Unicode's emoji-test.txt?")
endif()
file(WRITE "${OUTPUT}" "${out}")
