# SPDX-License-Identifier: Apache-2.0
# The server's Debian package, natter-server_<version>_<arch>.deb: the binary, the built web
# app, the systemd units, the env file template and the docs, plus maintainer scripts that
# create the `natter` user, its folders and /etc/natter/natter.env with a fresh signing key.
#   make package-server
#   (= cpack --config build/CPackServerConfig.cmake -B build/packages, after `make web`)
# It has its own CPack configuration, so it never mixes with the desktop app's package.
include(GNUInstallDirs)
set(NATTER_SERVER_PACKAGING_DIR ${CMAKE_CURRENT_LIST_DIR})
set(NATTER_PACKAGING_DIR ${PROJECT_SOURCE_DIR}/packaging)

# The web app must be built first (make web); the pre-build check below refuses a package
# without it instead of shipping an API-only server by accident.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/web/dist/
        DESTINATION ${CMAKE_INSTALL_DATADIR}/natter/web COMPONENT server OPTIONAL
        PATTERN "*.map" EXCLUDE)
install(FILES ${NATTER_PACKAGING_DIR}/systemd/natter@.service
              ${NATTER_PACKAGING_DIR}/systemd/natter-backup.service
              ${NATTER_PACKAGING_DIR}/systemd/natter-backup.timer
        DESTINATION lib/systemd/system COMPONENT server)
install(FILES ${NATTER_PACKAGING_DIR}/systemd/natter.env.example
              ${NATTER_PACKAGING_DIR}/caddy/Caddyfile
        DESTINATION ${CMAKE_INSTALL_DATADIR}/natter COMPONENT server)
install(FILES ${NATTER_PACKAGING_DIR}/grafana/natter-dashboard.json
        DESTINATION ${CMAKE_INSTALL_DATADIR}/natter/grafana COMPONENT server)
install(FILES ${PROJECT_SOURCE_DIR}/docs/operations.md ${PROJECT_SOURCE_DIR}/docs/deploy.md
              ${PROJECT_SOURCE_DIR}/docs/auth.md ${NATTER_SERVER_PACKAGING_DIR}/copyright
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/natter-server COMPONENT server)

configure_file(${NATTER_SERVER_PACKAGING_DIR}/CPackServerConfig.cmake.in
               ${PROJECT_BINARY_DIR}/CPackServerConfig.cmake @ONLY)
