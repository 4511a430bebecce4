// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Dialogs
import QtQuick.Layouts
import Natter.Core
import Natter.Components

// The open group's settings (#18), from the header's info button or Ctrl+I: admins rename it,
// describe it, add and remove people and choose who else is admin; everyone sees the same
// read-only and can leave. When the last admin leaves, the server hands the role on.
AppDialog {
    id: root

    title: qsTr("Group settings")
    modal: true
    width: Math.min(480, parent ? parent.width - 40 : 480)
    height: Math.min(640, parent ? parent.height - 60 : 640)
    x: parent ? (parent.width - width) / 2 : 0
    y: parent ? Math.max(20, (parent.height - height) / 2) : 20
    closePolicy: QQC2.Popup.CloseOnEscape

    readonly property bool edited: titleField.text.trim() !== Session.chat.title
                                   || descriptionField.text.trim() !== Session.group.description

    function reload() {
        titleField.text = Session.chat.title;
        descriptionField.text = Session.group.description;
    }

    onOpened: {
        Session.group.clearError();
        root.reload();
        if (Session.group.canManage)
            titleField.forceActiveFocus();
        else
            leaveButton.forceActiveFocus();
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        RowLayout {
            Layout.fillWidth: true
            spacing: 12
            Avatar {
                name: Session.chat.title
                key: Session.chat.conversationId
                source: Session.group.pictureUrl
                size: 48
            }
            ColumnLayout {
                Layout.fillWidth: true
                spacing: 2
                QQC2.Label {
                    Layout.fillWidth: true
                    text: Session.chat.title
                    font.bold: true
                    font.pixelSize: 16
                    elide: Text.ElideRight
                }
                QQC2.Label {
                    Layout.fillWidth: true
                    text: Session.chat.members.count === 1 ? qsTr("1 member")
                                                           : qsTr("%1 members").arg(Session.chat.members.count)
                    color: Theme.mutedText
                    font.pixelSize: 12
                }
            }
            // Admins choose the group's picture (the middle square of an image, as a profile's).
            SecondaryButton {
                objectName: "groupPictureButton"
                visible: Session.group.canManage
                enabled: !Session.group.busy
                text: Session.group.pictureUrl.length > 0 ? qsTr("Change picture…")
                                                          : qsTr("Choose picture…")
                onClicked: groupPicturePicker.open()
            }
            SecondaryButton {
                objectName: "removeGroupPictureButton"
                visible: Session.group.canManage && Session.group.pictureUrl.length > 0
                enabled: !Session.group.busy
                flat: true
                text: qsTr("Remove")
                onClicked: Session.group.removePicture()
            }
        }

        QQC2.Label {
            text: qsTr("Group name")
            font.weight: Font.DemiBold
            font.pixelSize: 12
            Layout.topMargin: 6
        }
        QQC2.TextField {
            id: titleField

            objectName: "groupNameField"
            Layout.fillWidth: true
            readOnly: !Session.group.canManage
            maximumLength: 100
            placeholderText: qsTr("Group name")
            onAccepted: if (root.edited) Session.group.save(titleField.text, descriptionField.text)
        }
        QQC2.Label {
            text: qsTr("Description")
            font.weight: Font.DemiBold
            font.pixelSize: 12
        }
        QQC2.ScrollView {
            Layout.fillWidth: true
            Layout.preferredHeight: 56
            QQC2.TextArea {
                id: descriptionField

                objectName: "groupDescriptionField"
                readOnly: !Session.group.canManage
                wrapMode: TextEdit.Wrap
                placeholderText: Session.group.canManage ? qsTr("What is this group about?")
                                                         : qsTr("No description.")
                // Tab leaves the field, as in every other form of the app.
                Keys.onTabPressed: event => {
                    event.accepted = true;
                    if (saveButton.visible)
                        saveButton.forceActiveFocus();
                    else
                        memberList.forceActiveFocus();
                }
            }
        }
        QQC2.Label {
            Layout.fillWidth: true
            visible: !Session.group.canManage
            text: qsTr("Only admins can change the name, the description and the members.")
            color: Theme.mutedText
            font.pixelSize: 12
            wrapMode: Text.Wrap
        }
        InlineError {
            objectName: "groupError"
            Layout.fillWidth: true
            text: Session.group.errorText
        }

        QQC2.Label {
            text: qsTr("Members")
            font.weight: Font.DemiBold
            font.pixelSize: 12
            Layout.topMargin: 6
        }
        RowLayout {
            Layout.fillWidth: true
            visible: Session.group.canManage
            QQC2.TextField {
                id: addField

                objectName: "groupAddField"
                Layout.fillWidth: true
                placeholderText: qsTr("Add someone by username")
                onAccepted: if (addField.text.trim().length > 0) Session.chat.addMember(addField.text)
            }
            SecondaryButton {
                text: qsTr("Add")
                enabled: addField.text.trim().length > 0
                onClicked: Session.chat.addMember(addField.text)
            }
        }
        InlineError {
            Layout.fillWidth: true
            text: Session.chat.memberErrorText
        }
        ListView {
            id: memberList

            objectName: "groupMemberList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: 120
            clip: true
            activeFocusOnTab: true
            keyNavigationEnabled: true
            model: Session.chat.members
            QQC2.ScrollBar.vertical: QQC2.ScrollBar {}
            delegate: GroupMemberRow {
                id: memberRow

                canManage: Session.group.canManage
                presence: Session.presence.revision >= 0 ? Session.presence.statusOf(memberRow.userId) : ""
                focus: ListView.isCurrentItem
                onProfileRequested: username => root.profileRequested(username)
                onAdminChanged: (userId, admin) => Session.group.setAdmin(userId, admin)
                onRemoveRequested: (userId, displayName) => confirmRemove.ask(userId, displayName)
            }
        }
        // [Leave group]            [Close] [Save changes]
        RowLayout {
            Layout.fillWidth: true
            Layout.topMargin: 4
            spacing: Theme.spacing
            SecondaryButton {
                id: leaveButton

                objectName: "groupLeaveButton"
                destructive: true
                text: qsTr("Leave group")
                icon.source: "qrc:/Natter/Components/icons/logout.svg"
                icon.color: Theme.danger
                onClicked: confirmLeave.open()
            }
            Item {
                Layout.fillWidth: true
            }
            SecondaryButton {
                text: qsTr("Close")
                onClicked: root.close()
            }
            PrimaryButton {
                id: saveButton

                objectName: "groupSaveButton"
                visible: Session.group.canManage
                enabled: root.edited && !Session.group.busy
                text: qsTr("Save changes")
                onClicked: Session.group.save(titleField.text, descriptionField.text)
            }
        }
    }

    signal profileRequested(string username)

    Connections {
        target: Session.group
        function onSaved() { root.reload(); }
    }
    Connections {
        target: Session.chat
        function onMemberAdded() { addField.clear(); }
        function onConversationChanged() {
            if (!Session.chat.isOpen || !Session.chat.isGroup)
                root.close();
        }
    }

    AppDialog {
        id: confirmRemove

        property string userId: ""
        property string name: ""

        function ask(id, displayName) {
            confirmRemove.userId = id;
            confirmRemove.name = displayName;
            confirmRemove.open();
        }

        objectName: "confirmRemoveMemberDialog"
        parent: QQC2.Overlay.overlay
        anchors.centerIn: parent
        modal: true
        title: qsTr("Remove %1 from the group?").arg(confirmRemove.name)
        standardButtons: QQC2.Dialog.Cancel | QQC2.Dialog.Ok
        onAccepted: Session.chat.removeMember(confirmRemove.userId)

        QQC2.Label {
            text: qsTr("They stop receiving its messages. An admin can add them again.")
            color: Theme.mutedText
        }
    }
    AppDialog {
        id: confirmLeave

        objectName: "confirmLeaveDialog"
        parent: QQC2.Overlay.overlay
        anchors.centerIn: parent
        width: 420
        modal: true
        title: qsTr("Leave %1?").arg(Session.chat.title)
        standardButtons: QQC2.Dialog.Cancel | QQC2.Dialog.Ok
        onAccepted: {
            Session.chat.leave();
            root.close();
        }

        QQC2.Label {
            width: parent ? parent.width : 380
            wrapMode: Text.Wrap
            text: Session.group.canManage
                  ? qsTr("You stop receiving its messages. If you are its last admin, the member who has been in it longest becomes admin.")
                  : qsTr("You stop receiving its messages. An admin can add you again.")
            color: Theme.mutedText
        }
    }

    FileDialog {
        id: groupPicturePicker

        title: qsTr("Choose the group's picture")
        nameFilters: [qsTr("Images (*.png *.jpg *.jpeg *.webp *.gif)")]
        onAccepted: Session.group.uploadPicture(groupPicturePicker.selectedFile)
    }
}
