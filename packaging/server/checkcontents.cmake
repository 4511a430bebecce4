# SPDX-License-Identifier: Apache-2.0
# Runs before CPack builds the server package: a package without the web app would install a
# server that answers browsers with nothing.
file(GLOB_RECURSE index "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*/share/natter/web/index.html")
if(NOT index)
    message(FATAL_ERROR "natter-server package: the web app is missing; run `make web` first")
endif()
