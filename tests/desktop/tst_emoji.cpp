// SPDX-License-Identifier: Apache-2.0
// The full emoji picker's data (#12): the table generated from Unicode's emoji-test.txt, the
// model's categories, search, recent emojis and arrow-key moves. No server.
#include "app/messageactions.h"
#include "emoji/emojicatalog.h"
#include "emoji/emojipickermodel.h"

#include <QAbstractItemModelTester>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter::desktop;

namespace {

const auto kThumbsUp = u"\U0001F44D"_s;
const auto kThumbsDown = u"\U0001F44E"_s;
const auto kRocket = u"\U0001F680"_s;
const auto kGrinning = u"\U0001F600"_s;
const auto kRedHeart = u"\u2764\uFE0F"_s;

QStringList shownEmojis(const EmojiPickerModel &model)
{
    QStringList emojis;
    for (int i = 0; i < model.emojiCount(); ++i)
        emojis.append(model.emojiAt(i));
    return emojis;
}

QStringList sectionTitles(const EmojiPickerModel &model)
{
    QStringList titles;
    const QVariantList sections = model.sections();
    for (const QVariant &section : sections)
        titles.append(section.toMap().value(u"title"_s).toString());
    return titles;
}

} // namespace

class TestEmoji : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void catalogIsUnicodesList()
    {
        const EmojiCatalog &catalog = EmojiCatalog::instance();
        QCOMPARE(catalog.groups(),
                 QStringList({u"Smileys & Emotion"_s, u"People & Body"_s, u"Animals & Nature"_s,
                              u"Food & Drink"_s, u"Travel & Places"_s, u"Activities"_s,
                              u"Objects"_s, u"Symbols"_s, u"Flags"_s}));
        // Unicode 15's fully-qualified emojis without skin-tone variants and ZWJ sequences: 1,650.
        QVERIFY2(catalog.emojis().size() > 1600,
                 qPrintable(QString::number(catalog.emojis().size())));
        QCOMPARE(catalog.emojis().constFirst().text, kGrinning);
        QCOMPARE(catalog.emojis().constFirst().name, u"grinning face"_s);
        QCOMPARE(catalog.emojis().constLast().group, int(catalog.groups().size()) - 1);
        QCOMPARE(catalog.nameOf(kThumbsUp), u"thumbs up"_s);
        QCOMPARE(catalog.nameOf(kRedHeart), u"red heart"_s);
        for (const EmojiCatalog::Emoji &emoji : catalog.emojis()) {
            for (const char32_t point : emoji.text.toUcs4())
                QVERIFY2((point < 0x1F3FB || point > 0x1F3FF) && point != 0x200D,
                         qPrintable(emoji.name));
        }
        // The small picker's six are in the full one (by their exact sequences).
        const QStringList frequent = MessageActions::frequentEmojis();
        for (const QString &emoji : frequent)
            QVERIFY2(!catalog.nameOf(emoji).isEmpty(), qPrintable(emoji));
    }

    void groupedByCategoryInRowsOfColumns()
    {
        EmojiPickerModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setColumns(8);
        QCOMPARE(sectionTitles(model), EmojiCatalog::instance().groups());
        QCOMPARE(model.emojiCount(), int(EmojiCatalog::instance().emojis().size()));
        int expectedFirst = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex index = model.index(row);
            if (index.data(EmojiPickerModel::IsHeaderRole).toBool())
                continue;
            const QStringList emojis = index.data(EmojiPickerModel::EmojisRole).toStringList();
            QVERIFY(!emojis.isEmpty() && emojis.size() <= 8);
            QCOMPARE(index.data(EmojiPickerModel::FirstIndexRole).toInt(), expectedFirst);
            QCOMPARE(model.rowOf(expectedFirst), row);
            expectedFirst += int(emojis.size());
        }
        QCOMPARE(expectedFirst, model.emojiCount());
        // A section's heading is its first row, then its first emoji.
        const QVariantMap people = model.sections().at(1).toMap();
        QVERIFY(model.index(people.value(u"row"_s).toInt())
                    .data(EmojiPickerModel::IsHeaderRole)
                    .toBool());
        QCOMPARE(model.nameAt(people.value(u"first"_s).toInt()), u"waving hand"_s);

        model.setColumns(5);
        QCOMPARE(model.index(1).data(EmojiPickerModel::EmojisRole).toStringList().size(), 5);
    }

    void searchMatchesTheStartOfWordsInNames()
    {
        EmojiPickerModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFilter(u"thumbs"_s);
        QCOMPARE(shownEmojis(model), QStringList({kThumbsUp, kThumbsDown}));
        QCOMPARE(sectionTitles(model), QStringList({u"Search results"_s}));
        model.setFilter(u"  Thumbs UP "_s);
        QCOMPARE(shownEmojis(model), QStringList({kThumbsUp}));
        model.setFilter(u"heart"_s);
        QVERIFY(shownEmojis(model).contains(kRedHeart));
        QVERIFY(!shownEmojis(model).contains(kGrinning));
        // "art" starts no word of "red heart", but does of "artist palette".
        model.setFilter(u"art"_s);
        QVERIFY(!shownEmojis(model).contains(kRedHeart));
        QVERIFY(shownEmojis(model).contains(u"\U0001F3A8"_s));
        model.setFilter(u"wales"_s);
        QCOMPARE(model.emojiCount(), 1);
        QCOMPARE(model.nameAt(0), u"flag: Wales"_s);
        model.setFilter(u"zzzz"_s);
        QCOMPARE(model.emojiCount(), 0);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.step(0, 1, 0), -1);
        model.setFilter({});
        QCOMPARE(model.emojiCount(), int(EmojiCatalog::instance().emojis().size()));
    }

    void arrowKeysMoveThroughTheGrid()
    {
        EmojiPickerModel model;
        model.setColumns(8);
        QCOMPARE(model.step(0, 1, 0), 1);
        QCOMPARE(model.step(0, -1, 0), 0); // stays at the start
        QCOMPARE(model.step(0, 0, -1), 0); // the first row has nothing above
        QCOMPARE(model.step(3, 0, 1), 11);
        QCOMPARE(model.step(11, 0, -1), 3);
        QCOMPARE(model.step(model.emojiCount() - 1, 1, 0), model.emojiCount() - 1);
        // Down from the last row of a category skips the next heading, same column or the
        // shorter row's last emoji; up comes back over it.
        const int peopleFirst = model.sections().at(1).toMap().value(u"first"_s).toInt();
        const int lastSmileyRow = model.rowOf(peopleFirst - 1);
        const int lastRowFirst =
            model.index(lastSmileyRow).data(EmojiPickerModel::FirstIndexRole).toInt();
        QCOMPARE(model.step(lastRowFirst, 0, 1), peopleFirst);
        QCOMPARE(model.step(peopleFirst, 0, -1), lastRowFirst);
        const int lastRowCount = peopleFirst - lastRowFirst;
        if (lastRowCount < 8)
            QCOMPARE(model.step(peopleFirst + 7, 0, -1), peopleFirst - 1);
        // Left and right go on across rows and categories.
        QCOMPARE(model.step(peopleFirst, -1, 0), peopleFirst - 1);
    }

    void recentEmojisComeFirstAndAreRemembered()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(u"natter.ini"_s), QSettings::IniFormat);
        {
            EmojiPickerModel model;
            QAbstractItemModelTester tester(&model,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
            model.setSettings(&settings);
            QCOMPARE(sectionTitles(model).constFirst(), u"Smileys & Emotion"_s);
            model.remember(kRocket);
            model.remember(kThumbsUp);
            model.remember(kRocket);
            QCOMPARE(sectionTitles(model).constFirst(), u"Recently used"_s);
            QCOMPARE(model.emojiAt(0), kRocket);
            QCOMPARE(model.emojiAt(1), kThumbsUp);
            QCOMPARE(model.nameAt(0), u"rocket"_s);
            // The recent ones count again in their category.
            QCOMPARE(model.emojiCount(), int(EmojiCatalog::instance().emojis().size()) + 2);
            // A search shows matches only, not the recent row.
            model.setFilter(u"rocket"_s);
            QCOMPARE(shownEmojis(model), QStringList({kRocket}));
        }
        settings.sync();
        QSettings reopened(dir.filePath(u"natter.ini"_s), QSettings::IniFormat);
        EmojiPickerModel model;
        model.setSettings(&reopened);
        QCOMPARE(model.recent(), QStringList({kRocket, kThumbsUp}));
        QCOMPARE(model.emojiAt(0), kRocket);

        // At most kMaxRecent, the oldest dropped.
        const QList<EmojiCatalog::Emoji> &all = EmojiCatalog::instance().emojis();
        for (int i = 0; i < EmojiPickerModel::kMaxRecent; ++i)
            model.remember(all.at(100 + i).text);
        QCOMPARE(model.recent().size(), EmojiPickerModel::kMaxRecent);
        QVERIFY(!model.recent().contains(kThumbsUp));
        QCOMPARE(model.emojiAt(0), all.at(100 + EmojiPickerModel::kMaxRecent - 1).text);
    }
};

QTEST_GUILESS_MAIN(TestEmoji)
#include "tst_emoji.moc"
