# SPDX-License-Identifier: Apache-2.0
# `cpack -G DEB` in the build folder makes the desktop app's package, `natter`, from the
# `desktop` install component only: the server's package is a separate component and .deb.
include(GNUInstallDirs)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/natter.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications COMPONENT desktop)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/natter.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps COMPONENT desktop)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/natter.png
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/256x256/apps COMPONENT desktop)

if(NOT DEFINED CPACK_PACKAGE_NAME)
    set(CPACK_PACKAGE_NAME natter)
endif()
set(CPACK_PACKAGE_VENDOR "Natter")
set(CPACK_PACKAGE_CONTACT "Natter maintainers <natter@localhost>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_STRIP_FILES ON)
list(APPEND CPACK_COMPONENTS_ALL desktop)
set(CPACK_DEBIAN_DESKTOP_PACKAGE_NAME natter)
set(CPACK_DEBIAN_DESKTOP_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_DESKTOP_PACKAGE_SECTION net)
set(CPACK_COMPONENT_DESKTOP_DESCRIPTION
    "Natter desktop app\n A native Qt Quick client for Natter, the self-hostable realtime chat.")
# Libraries by dpkg-shlibdeps; the QML modules it loads at run time by name.
set(CPACK_DEBIAN_DESKTOP_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_DESKTOP_PACKAGE_DEPENDS
    "qml6-module-qtquick, qml6-module-qtquick-controls, qml6-module-qtquick-layouts, qml6-module-qtquick-window, qml6-module-qtquick-templates, qml6-module-qtqml-workerscript, qml6-module-qtqml-models, qt6-qpa-plugins, libqt6sql6-sqlite, libqt6svg6, qml6-module-qtquick-dialogs, qml6-module-qt-labs-folderlistmodel, qt6-image-formats-plugins")
# The emoji picker draws with Noto Color Emoji (#12); without it emojis fall back to text glyphs.
set(CPACK_DEBIAN_DESKTOP_PACKAGE_RECOMMENDS "gnome-keyring | kwalletmanager, xdg-utils, fonts-noto-color-emoji")
include(CPack)
