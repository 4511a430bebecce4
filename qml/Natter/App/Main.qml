// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import Natter.Core
import Natter.Components
import Natter.Auth
import Natter.Conversations
import Natter.Chat
import Natter.People

QQC2.ApplicationWindow {
    id: root

    width: 1100
    height: 720
    minimumWidth: 640
    minimumHeight: 420
    visible: true
    title: Session.windowTitle
    color: Theme.window
    // The controls take the web app's colours (Theme), light or dark as the system is.
    palette.window: Theme.window
    palette.windowText: Theme.text
    palette.base: Theme.base
    palette.alternateBase: Theme.surface2
    palette.text: Theme.text
    palette.button: Theme.surface2
    palette.buttonText: Theme.text
    palette.highlight: Theme.brand
    palette.highlightedText: Theme.textOnBrand
    palette.placeholderText: Theme.mutedText
    palette.mid: Theme.divider
    palette.light: Theme.base
    palette.midlight: Theme.surface2
    palette.shadow: Theme.divider
    palette.toolTipBase: Theme.text
    palette.toolTipText: Theme.base

    // Close to tray (#18): with a tray and the setting on, closing only hides the window.
    onClosing: close => close.accepted = !Session.tray.hideInsteadOfClosing(root)

    Binding {
        target: Session
        property: "windowActive"
        value: root.active
    }

    Shortcut {
        sequence: "Ctrl+K"
        enabled: Session.state === Session.Ready
        onActivated: switcher.open()
    }
    // Message search (#12): in the open conversation, or everywhere.
    Shortcut {
        sequence: "Ctrl+F"
        enabled: Session.state === Session.Ready
        onActivated: searchDialog.show(false)
    }
    Shortcut {
        sequence: "Ctrl+Shift+F"
        enabled: Session.state === Session.Ready
        onActivated: searchDialog.show(true)
    }
    // The open group's settings (#18).
    Shortcut {
        sequence: "Ctrl+I"
        enabled: Session.state === Session.Ready && Session.chat.isGroup
        onActivated: groupSettings.open()
    }
    Shortcut {
        sequence: "Ctrl+Q"
        onActivated: Qt.quit()
    }

    StackLayout {
        id: pages

        anchors.fill: parent
        // Focus goes where the user types next, and never stays in a page that is hidden
        // (keys typed right after sign-in used to land in the hidden name field).
        // Once the page is shown, as Qt.callLater (which Qt 6.4's qmllint cannot type).
        onCurrentIndexChanged: focusLater.restart()
        Component.onCompleted: focusLater.restart()
        Timer {
            id: focusLater

            interval: 0
            onTriggered: pages.focusCurrentPage()
        }
        function focusCurrentPage() {
            const page = pages.children[pages.currentIndex];
            if (page && page.takeFocus)
                page.takeFocus();
        }
        currentIndex: {
            switch (Session.state) {
            case Session.NeedsServer:
                return 0;
            case Session.SignedOut:
            case Session.SigningIn:
                return 1;
            case Session.NeedsUsername:
                return 2;
            default:
                return 3;
            }
        }

        ServerPage {}
        SignInPage {}
        UsernamePage {}

        ColumnLayout {
            function takeFocus() {
                if (Session.chat.isOpen)
                    chatView.focusComposer();
                else
                    sidebar.focusSearch();
            }

            spacing: 0

            ConnectionBanner {
                Layout.fillWidth: true
            }
            QQC2.SplitView {
                Layout.fillWidth: true
                Layout.fillHeight: true

                ConversationList {
                    id: sidebar

                    // A narrow window keeps most of its width for the chat.
                    QQC2.SplitView.preferredWidth: root.width < 860 ? 240 : 320
                    QQC2.SplitView.minimumWidth: 200
                    onFindPeopleRequested: userSearch.open()
                    onNewGroupRequested: newGroup.open()
                    onJoinWithLinkRequested: joinInvite.open()
                    onSettingsRequested: settings.open()
                }
                Item {
                    QQC2.SplitView.fillWidth: true

                    ChatView {
                        id: chatView

                        anchors.fill: parent
                        visible: Session.chat.isOpen
                        onProfileRequested: username => profile.show(username)
                        onMembersRequested: members.open()
                        onGroupSettingsRequested: groupSettings.open()
                        onReportRequested: (username, messageId) => report.show(username, messageId)
                    }
                    Rectangle {
                        anchors.fill: parent
                        visible: !Session.chat.isOpen
                        color: Theme.chatBackground
                        QQC2.Label {
                            anchors.centerIn: parent
                            text: qsTr("Pick a conversation, or press Ctrl+K to jump to one.")
                            color: Theme.mutedText
                        }
                    }
                }
            }
        }
    }

    SearchDialog {
        id: searchDialog
    }
    QuickSwitcher {
        id: switcher

        objectName: "quickSwitcher"
    }
    NewGroupDialog {
        id: newGroup

        objectName: "newGroupDialog"
    }
    JoinInviteDialog {
        id: joinInvite

        objectName: "joinInviteDialog"
    }
    UserSearchDialog {
        id: userSearch

        objectName: "userSearchDialog"

        onProfileRequested: username => profile.show(username)
    }
    ProfileDialog {
        id: profile

        objectName: "profileDialog"

        onReportRequested: username => report.show(username)
    }
    ReportDialog {
        id: report

        objectName: "reportDialog"
    }
    ProfileEditDialog {
        id: profileEdit

        objectName: "profileEditDialog"
    }
    SettingsDialog {
        id: settings

        objectName: "settingsDialog"

        onEditProfileRequested: profileEdit.open()
    }
    GroupSettingsDialog {
        id: groupSettings

        objectName: "groupSettingsDialog"

        onProfileRequested: username => profile.show(username)
    }
    MembersPanel {
        id: members

        objectName: "membersPanel"

        onProfileRequested: username => profile.show(username)
    }

    QQC2.ToolTip {
        id: toast

        x: (root.width - width) / 2
        y: root.height - height - 80
        timeout: 3000
    }
    Connections {
        target: Session
        function onNotice(text) { toast.show(text, 3000); }
    }
    Connections {
        target: Session.people
        function onNotice(text) { toast.show(text, 3000); }
    }
    Connections {
        target: Session.conversations
        function onOpenRequested(conversationId) { Session.chat.open(conversationId); }
    }
}
