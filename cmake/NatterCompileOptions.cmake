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
