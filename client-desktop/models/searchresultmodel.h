// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/message.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace natter::desktop {

class ConversationListModel;
class UserDirectory;

//! One search's results (#12, `GET /search/messages`), newest first: where each was said, by
//! whom, when, and its snippet with the hits highlighted. A new search replaces the list.
class SearchResultModel final : public QAbstractListModel
{
    Q_OBJECT
    QML_ANONYMOUS
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role
    {
        MessageIdRole = Qt::UserRole + 1,
        ConversationIdRole,
        SeqRole,
        ConversationTitleRole,
        SenderNameRole,
        TimeTextRole,
        //! Rich text: the snippet with its `<mark>` hits as highlighted spans, nothing else.
        SnippetRole,
    };
    Q_ENUM(Role)

    struct Result
    {
        Message message;
        QUuid conversationId;
        QString snippet; //!< as the server sent it: escaped text with <mark>…</mark>
    };

    SearchResultModel(const ConversationListModel *conversations, const UserDirectory *directory,
                      QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    [[nodiscard]] int count() const { return int(m_results.size()); }
    [[nodiscard]] std::optional<Result> at(int row) const;

    void setResults(QList<Result> results);

    //! The server's snippet as Qt rich text: `<mark>` becomes a highlighted span and anything
    //! else that looks like markup is escaped again, so a snippet can never bring its own.
    [[nodiscard]] static QString snippetMarkup(const QString &snippet, const QString &highlight);

Q_SIGNALS:
    void countChanged();

private:
    const ConversationListModel *m_conversations;
    const UserDirectory *m_directory;
    QList<Result> m_results;
};

} // namespace natter::desktop
