// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

namespace natter::desktop {

class ApiClient;
class ChatController;

//! What the user does to a message already sent (#12): react, edit, delete. Each is one request;
//! the result reaches every client, this one included, as `message.updated` (an edit's answer
//! is applied at once too, under the same `rev` rule), so nothing here changes a model itself.
class MessageActions final : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Reached through Session.chat.actions")
    //! The small picker's emojis, the web app's (web/src/features/messages/frequentEmojis.ts).
    Q_PROPERTY(QStringList frequentEmojis READ frequentEmojis CONSTANT)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)

public:
    MessageActions(ApiClient *api, ChatController *chat, QObject *parent = nullptr);

    [[nodiscard]] static QStringList frequentEmojis();
    [[nodiscard]] QString errorText() const { return m_errorText; }

    //! Adds my `emoji` to the message, or takes it back when it is already mine (a chip click).
    Q_INVOKABLE void toggleReaction(const QString &messageId, const QString &emoji);
    //! False (and errorText) when the text cannot be sent as it is.
    Q_INVOKABLE bool edit(const QString &messageId, const QString &text);
    //! Deletes for everyone; the message keeps its place as "Message deleted".
    Q_INVOKABLE void remove(const QString &messageId);
    Q_INVOKABLE void clearError() { setError({}); }
    //! "Copy text" of the message menu: the plain text, to the clipboard.
    Q_INVOKABLE static void copyText(const QString &text);

Q_SIGNALS:
    void errorTextChanged();

private:
    void setError(const QString &text);

    ApiClient *m_api;
    ChatController *m_chat;
    QString m_errorText;
};

} // namespace natter::desktop
