// SPDX-License-Identifier: Apache-2.0
#include "models/searchresultmodel.h"

#include "models/conversationlistmodel.h"
#include "models/userdirectory.h"

#include <QLocale>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {
namespace {

//! The hit highlight: a soft yellow that reads on the light and the dark surface.
constexpr QStringView kHighlight = u"#f5d76e";

QString escapedAgain(QString part)
{
    // The server escaped the text already (its entities stay as they are): only markup
    // characters that should not be there are neutralised.
    return part.replace(u'<', u"&lt;"_s).replace(u'>', u"&gt;"_s).replace(u'"', u"&quot;"_s);
}

} // namespace

SearchResultModel::SearchResultModel(const ConversationListModel *conversations,
                                     const UserDirectory *directory, QObject *parent)
    : QAbstractListModel(parent), m_conversations(conversations), m_directory(directory)
{}

int SearchResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_results.size());
}

QHash<int, QByteArray> SearchResultModel::roleNames() const
{
    return {{MessageIdRole, "messageId"},
            {ConversationIdRole, "conversationId"},
            {SeqRole, "seq"},
            {ConversationTitleRole, "conversationTitle"},
            {SenderNameRole, "senderName"},
            {TimeTextRole, "timeText"},
            {SnippetRole, "snippet"}};
}

QVariant SearchResultModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Result &result = m_results.at(index.row());
    switch (role) {
    case MessageIdRole:
        return result.message.idString();
    case ConversationIdRole:
        return result.conversationId.toString(QUuid::WithoutBraces);
    case SeqRole:
        return result.message.seq;
    case ConversationTitleRole: {
        const auto conversation =
            m_conversations ? m_conversations->find(result.conversationId) : std::nullopt;
        return conversation ? m_conversations->titleOf(*conversation) : QString();
    }
    case SenderNameRole:
        return m_directory ? m_directory->displayName(result.message.senderId) : QString();
    case TimeTextRole: {
        const QDateTime local = result.message.createdAt.toLocalTime();
        return local.date() == QDate::currentDate()
                   ? QLocale().toString(local.time(), u"HH:mm"_s)
                   : QLocale().toString(local.date(), QLocale::ShortFormat);
    }
    case Qt::DisplayRole:
    case SnippetRole:
        return snippetMarkup(result.snippet, kHighlight.toString());
    default:
        return {};
    }
}

std::optional<SearchResultModel::Result> SearchResultModel::at(int row) const
{
    if (row < 0 || row >= m_results.size())
        return std::nullopt;
    return m_results.at(row);
}

void SearchResultModel::setResults(QList<Result> results)
{
    // A new search is a new list: one reset, not an edit of the old one.
    beginResetModel();
    m_results = std::move(results);
    endResetModel();
    Q_EMIT countChanged();
}

QString SearchResultModel::snippetMarkup(const QString &snippet, const QString &highlight)
{
    const QString open = u"<span style=\"background-color:%1;\">"_s.arg(highlight.toHtmlEscaped());
    QString out;
    bool inMark = false;
    qsizetype from = 0;
    while (from <= snippet.size()) {
        const QString tag = inMark ? u"</mark>"_s : u"<mark>"_s;
        const qsizetype at = snippet.indexOf(tag, from);
        if (at < 0) {
            out += escapedAgain(snippet.mid(from));
            break;
        }
        out += escapedAgain(snippet.mid(from, at - from));
        out += inMark ? u"</span>"_s : open;
        inMark = !inMark;
        from = at + tag.size();
    }
    if (inMark)
        out += u"</span>"_s;
    return out;
}

} // namespace natter::desktop
