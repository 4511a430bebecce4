// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "models/searchresultmodel.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace natter::desktop {

class ApiClient;
class ChatController;
class ConversationsController;
class UserDirectory;

//! Message search (#12): Ctrl+F in the open conversation, Ctrl+Shift+F in all of them
//! (`GET /search/messages`), and opening a result: its conversation, then the message in its
//! history (loaded back to it when needed).
class MessageSearch final : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Reached through the Session singleton")
    Q_PROPERTY(natter::desktop::SearchResultModel *results READ results CONSTANT)
    Q_PROPERTY(bool busy READ busy NOTIFY stateChanged)
    //! The search that the results answer (empty before the first).
    Q_PROPERTY(QString searchedText READ searchedText NOTIFY stateChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY stateChanged)

public:
    struct Collaborators
    {
        ApiClient *api;
        ChatController *chat;
        ConversationsController *conversations;
        UserDirectory *directory;
    };
    explicit MessageSearch(Collaborators with, QObject *parent = nullptr);

    [[nodiscard]] SearchResultModel *results() { return &m_results; }
    [[nodiscard]] bool busy() const { return m_busy; }
    [[nodiscard]] QString searchedText() const { return m_searchedText; }
    [[nodiscard]] QString errorText() const { return m_errorText; }

    //! Searches the open conversation, or every conversation when `everywhere`. An answer to
    //! an older search that comes after a newer one is dropped.
    Q_INVOKABLE void search(const QString &text, bool everywhere);
    Q_INVOKABLE void clear();
    //! Opens result `row`: its conversation, scrolled to the message.
    Q_INVOKABLE void openResult(int row);

Q_SIGNALS:
    void stateChanged();

private:
    ApiClient *m_api;
    ChatController *m_chat;
    SearchResultModel m_results;
    bool m_busy = false;
    QString m_searchedText;
    QString m_errorText;
    int m_generation = 0;
};

} // namespace natter::desktop
