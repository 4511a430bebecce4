// SPDX-License-Identifier: Apache-2.0
// The desktop app formats messages exactly as the web app does: both run the shared cases in
// tests/shared/message-format-cases.json (web: src/lib/messageFormat.test.ts).
#include "core/mentions.h"
#include "core/messageformat.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter::desktop::format;

namespace {

QJsonArray inlinesJson(const QList<Inline> &inlines);

QJsonValue inlineJson(const Inline &piece)
{
    switch (piece.kind) {
    case Inline::Kind::Text:
        return piece.text;
    case Inline::Kind::Code:
        return QJsonObject{{u"code"_s, piece.text}};
    case Inline::Kind::Break:
        return QJsonObject{{u"br"_s, true}};
    case Inline::Kind::Bold:
        return QJsonObject{{u"bold"_s, inlinesJson(piece.children)}};
    case Inline::Kind::Italic:
        return QJsonObject{{u"italic"_s, inlinesJson(piece.children)}};
    case Inline::Kind::Mention:
        return QJsonObject{{u"mention"_s, piece.text}};
    }
    return {};
}

QJsonArray inlinesJson(const QList<Inline> &inlines)
{
    QJsonArray out;
    for (const Inline &piece : inlines)
        out.append(inlineJson(piece));
    return out;
}

//! The blocks in the compact form the shared cases are written in.
QJsonArray blocksJson(const QList<Block> &blocks)
{
    QJsonArray out;
    for (const Block &block : blocks) {
        switch (block.kind) {
        case Block::Kind::Paragraph:
            out.append(QJsonObject{{u"paragraph"_s, inlinesJson(block.inlines)}});
            break;
        case Block::Kind::Quote:
            out.append(QJsonObject{{u"quote"_s, inlinesJson(block.inlines)}});
            break;
        case Block::Kind::CodeBlock:
            out.append(QJsonObject{{u"codeblock"_s, block.code}});
            break;
        }
    }
    return out;
}

} // namespace

class TestMessageFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sharedCases_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QJsonArray>("expected");
        QFile file(qEnvironmentVariable("NATTER_SOURCE_DIR") +
                   u"/tests/shared/message-format-cases.json"_s);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const QJsonArray cases = QJsonDocument::fromJson(file.readAll())[u"cases"_s].toArray();
        QVERIFY(cases.size() > 30);
        for (const QJsonValue &entry : cases) {
            const QString input = entry[u"input"_s].toString();
            QTest::newRow(qPrintable(input.left(40).replace(u'\n', u'|')))
                << input << entry[u"blocks"_s].toArray();
        }
    }

    void sharedCases()
    {
        QFETCH(QString, input);
        QFETCH(QJsonArray, expected);
        const QJsonArray actual = blocksJson(parseMessage(input));
        QVERIFY2(actual == expected, qPrintable(QString::fromUtf8(
                                         QJsonDocument(actual).toJson(QJsonDocument::Compact))));
    }

    void mentionsOfMembersAreMarkedAsTheServerFindsThem_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        // The server's rule (natter_mentions): not after a word character, any case, whole name.
        QTest::newRow("start") << u"@Bob hi"_s
                               << u"[{\"paragraph\":[{\"mention\":\"@Bob\"},\" hi\"]}]"_s;
        QTest::newRow("email") << u"bob@bob.org"_s << u"[{\"paragraph\":[\"bob@bob.org\"]}]"_s;
        QTest::newRow("longer name") << u"@bobby"_s << u"[{\"paragraph\":[\"@bobby\"]}]"_s;
        QTest::newRow("not a member")
            << u"@carol and @bob."_s
            << u"[{\"paragraph\":[\"@carol and \",{\"mention\":\"@bob\"},\".\"]}]"_s;
        QTest::newRow("in bold") << u"*@bob*"_s
                                 << u"[{\"paragraph\":[{\"bold\":[{\"mention\":\"@bob\"}]}]}]"_s;
        QTest::newRow("not in code") << u"`@bob`"_s << u"[{\"paragraph\":[{\"code\":\"@bob\"}]}]"_s;
    }

    void mentionsOfMembersAreMarkedAsTheServerFindsThem()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const QJsonArray actual = blocksJson(markMentions(parseMessage(input), {u"bob"_s}));
        QCOMPARE(QString::fromUtf8(QJsonDocument(actual).toJson(QJsonDocument::Compact)), expected);
    }

    void mentionsAreStyledWithTheirColourAndEscaped()
    {
        const QString styled = toStyledText(markMentions(parseMessage(u"<@bob>"_s), {u"bob"_s}),
                                            u"#888"_s, u"#5b4cf0"_s);
        QCOMPARE(styled, u"&lt;<b><font color=\"#5b4cf0\">@bob</font></b>&gt;"_s);
    }

    void styledTextEscapesEverythingFromTheMessage()
    {
        const QString styled = toStyledText(
            parseMessage(u"*<img src=x onerror=alert(1)>* _&amp;_ `</font>`\n> <a href=\"x\">\n"
                         "```\n</pre><b>\n```"_s),
            u"#888888"_s);
        QCOMPARE(styled, u"<b>&lt;img src=x onerror=alert(1)&gt;</b> <i>&amp;amp;</i> "
                         "<code>&lt;/font&gt;</code><br>"
                         "<font color=\"#888888\">▎</font> &lt;a href=&quot;x&quot;&gt;"
                         "<pre>&lt;/pre&gt;&lt;b&gt;</pre>"_s);
    }

    void styledTextHasOnlyItsOwnTagsForRandomInput()
    {
        // A fuzz-style pass: whatever mix of markers and markup a message holds, every '<' in
        // the result opens one of the tags the formatter itself writes.
        const QStringList alphabet = {u"*"_s,
                                      u"_"_s,
                                      u"`"_s,
                                      u"```"_s,
                                      u">"_s,
                                      u" "_s,
                                      u"\n"_s,
                                      u"<b>"_s,
                                      u"</"_s,
                                      u"a"_s,
                                      u"é"_s,
                                      u"😀"_s,
                                      u"https://x.y/_"_s,
                                      u"&amp;"_s,
                                      u"\""_s};
        const QStringList ownTags = {
            u"<b>"_s,    u"</b>"_s,    u"<i>"_s,   u"</i>"_s,   u"<br>"_s,
            u"<code>"_s, u"</code>"_s, u"<pre>"_s, u"</pre>"_s, u"<font color=\"#888\">"_s,
            u"</font>"_s};
        quint32 seed = 12345;
        const auto random = [&seed](int bound) {
            seed = seed * 1103515245u + 12345u;
            return int((seed >> 8) % quint32(bound));
        };
        for (int round = 0; round < 2000; ++round) {
            QString text;
            for (int i = random(40); i > 0; --i)
                text += alphabet.at(random(int(alphabet.size())));
            QString styled = toStyledText(parseMessage(text), u"#888"_s);
            for (const QString &tag : ownTags)
                styled.remove(tag);
            QVERIFY2(!styled.contains(u'<') && !styled.contains(u'>') && !styled.contains(u'"'),
                     qPrintable(text));
        }
    }
};

QTEST_APPLESS_MAIN(TestMessageFormat)
#include "tst_messageformat.moc"
