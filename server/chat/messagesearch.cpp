// SPDX-License-Identifier: Apache-2.0
#include "chat/messagesearch.h"

#include "chat/access.h"
#include "chat/messageview.h"
#include "db/blockrepository.h"
#include "db/messagesearchrepository.h"
#include "natter/validation.h"

#include <QStringList>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::chat {
namespace {

//! Words of one search at most: more only slows the query down.
constexpr int kMaxWords = 8;

} // namespace

std::optional<QString> prefixQuery(const QString &typed)
{
    // Composed first, so "e" + combining acute is one letter "é", not a word break.
    const QString text = typed.normalized(QString::NormalizationForm_C);
    QStringList words;
    QString word;
    const auto flush = [&words, &word] {
        if (!word.isEmpty() && words.size() < kMaxWords)
            words.append(word + u":*"_s);
        word.clear();
    };
    for (const char32_t codePoint : text.toUcs4()) {
        const QChar::Category category = QChar::category(codePoint);
        const bool partOfWord = QChar::isLetterOrNumber(codePoint) ||
                                category == QChar::Mark_NonSpacing ||
                                category == QChar::Mark_SpacingCombining;
        if (partOfWord)
            word += QString::fromUcs4(&codePoint, 1);
        else
            flush();
    }
    flush();
    if (words.isEmpty())
        return std::nullopt;
    return words.join(u" & "_s);
}

QString snippetHtml(const QString &marked)
{
    QString html;
    html.reserve(marked.size() + 32);
    for (const QChar ch : marked) {
        switch (ch.unicode()) {
        case u'&':
            html += u"&amp;"_s;
            break;
        case u'<':
        case MessageSearchRepository::kLessThan:
            html += u"&lt;"_s;
            break;
        case u'>':
        case MessageSearchRepository::kGreaterThan:
            html += u"&gt;"_s;
            break;
        case u'"':
            html += u"&quot;"_s;
            break;
        case u'\'':
            html += u"&#39;"_s;
            break;
        case MessageSearchRepository::kHitStart:
            html += u"<mark>"_s;
            break;
        case MessageSearchRepository::kHitEnd:
            html += u"</mark>"_s;
            break;
        default:
            html += ch;
        }
    }
    return html;
}

Result<QList<SearchResult>> searchMessages(QSqlDatabase &db, const User &caller,
                                           const QString &typed, const QUuid &conversationId,
                                           const QUuid &beforeId, int limit)
{
    const QString trimmed = typed.trimmed();
    if (trimmed.isEmpty() || validation::codePointCount(trimmed) > limits::kSearchQueryMax)
        return ApiError::validation(u"q"_s,
                                    u"must be 1 to %1 characters"_s.arg(limits::kSearchQueryMax));
    const auto tsquery = prefixQuery(trimmed);
    if (!tsquery)
        return ApiError::validation(u"q"_s, u"must contain a letter or a digit"_s);
    if (!conversationId.isNull()) {
        if (auto access = requireMember(db, conversationId, caller.id); !access)
            return access.error();
    }
    auto hits =
        MessageSearchRepository(db).search(caller.id, *tsquery, conversationId, beforeId, limit);
    if (!hits)
        return hits.error();
    auto blocked = BlockRepository(db).blockedIds(caller.id);
    if (!blocked)
        return blocked.error();
    QList<SearchResult> results;
    results.reserve(hits->size());
    for (const SearchHit &hit : hits.value())
        results.append({asSeenBy(hit.message, blocked.value()), snippetHtml(hit.marked)});
    return results;
}

} // namespace natter::server::chat
