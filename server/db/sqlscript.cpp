// SPDX-License-Identifier: Apache-2.0
#include "db/sqlscript.h"

namespace natter::server {
namespace {

//! Length of a `$tag$` opener at `at`, or 0 when there is none.
qsizetype dollarTagLength(const QString &text, qsizetype at)
{
    if (text.at(at) != u'$')
        return 0;
    qsizetype end = at + 1;
    while (end < text.size() && (text.at(end).isLetterOrNumber() || text.at(end) == u'_'))
        ++end;
    if (end < text.size() && text.at(end) == u'$' && !(end > at + 1 && text.at(at + 1).isDigit()))
        return end - at + 1;
    return 0;
}

} // namespace

QStringList splitSqlStatements(const QString &script)
{
    QStringList statements;
    QString current;
    qsizetype i = 0;
    const qsizetype n = script.size();
    auto flush = [&] {
        const QString statement = current.trimmed();
        if (!statement.isEmpty())
            statements.append(statement);
        current.clear();
    };
    while (i < n) {
        const QChar ch = script.at(i);
        if (ch == u'-' && i + 1 < n && script.at(i + 1) == u'-') {
            const qsizetype end = script.indexOf(u'\n', i);
            i = end < 0 ? n : end + 1;
            current.append(u'\n');
        } else if (ch == u'/' && i + 1 < n && script.at(i + 1) == u'*') {
            int depth = 0;
            do {
                if (script.mid(i, 2) == u"/*") {
                    ++depth;
                    i += 2;
                } else if (script.mid(i, 2) == u"*/") {
                    --depth;
                    i += 2;
                } else {
                    ++i;
                }
            } while (i < n && depth > 0);
            current.append(u' ');
        } else if (ch == u'\'' || ch == u'"') {
            qsizetype end = i + 1;
            while (end < n) {
                if (script.at(end) == ch) {
                    if (end + 1 < n && script.at(end + 1) == ch) {
                        end += 2; // doubled quote inside the literal
                        continue;
                    }
                    break;
                }
                ++end;
            }
            current.append(script.mid(i, end - i + 1));
            i = end + 1;
        } else if (const qsizetype tagLength = dollarTagLength(script, i); tagLength > 0) {
            const QString tag = script.mid(i, tagLength);
            const qsizetype close = script.indexOf(tag, i + tagLength);
            const qsizetype end = close < 0 ? n : close + tagLength;
            current.append(script.mid(i, end - i));
            i = end;
        } else if (ch == u';') {
            flush();
            ++i;
        } else {
            current.append(ch);
            ++i;
        }
    }
    flush();
    return statements;
}

} // namespace natter::server
