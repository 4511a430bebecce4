// SPDX-License-Identifier: Apache-2.0
// Every list model under QAbstractItemModelTester, through the changes the app makes to it:
// appends, history pages, pending rows and their confirmation, moves, removals.
#include "app/timeline.h"
#include "models/conversationlistmodel.h"
#include "models/memberlistmodel.h"
#include "models/mentioncompletionmodel.h"
#include "models/messagelistmodel.h"
#include "models/searchresultmodel.h"
#include "models/userdirectory.h"
#include "models/usersearchmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::desktop;

namespace {

const QUuid kConversation = QUuid::fromString(u"00000000-0000-0000-0000-0000000000c1"_s);
const QUuid kMe = QUuid::fromString(u"00000000-0000-0000-0000-00000000000a"_s);
const QUuid kBob = QUuid::fromString(u"00000000-0000-0000-0000-00000000000b"_s);

Message message(qint64 seq, const QUuid &sender = kBob, const QString &clientMsgId = {},
                const QUuid &conversation = kConversation)
{
    Message m;
    m.id = QUuid::createUuid();
    m.conversationId = conversation;
    m.seq = seq;
    m.senderId = sender;
    m.bodyText = u"message %1"_s.arg(seq);
    m.createdAt = QDateTime(QDate(2026, 11, 20), QTime(9, 0)).addSecs(seq * 60);
    m.clientMsgId = clientMsgId;
    return m;
}

User user(const QUuid &id, const QString &name)
{
    User u;
    u.id = id;
    u.username = name;
    u.displayName = name.at(0).toUpper() + name.mid(1);
    u.createdAt = QDateTime::currentDateTimeUtc();
    return u;
}

Conversation conversation(const QString &title, int minutesAgo)
{
    Conversation c;
    c.id = QUuid::createUuid();
    c.type = ConversationType::Group;
    c.title = title;
    c.createdAt = QDateTime::currentDateTimeUtc().addSecs(-60 * minutesAgo);
    return c;
}

QList<qint64> seqs(const MessageListModel &model)
{
    QList<qint64> result;
    for (int row = 0; row < model.rowCount(); ++row)
        result.append(model.index(row).data(MessageListModel::SeqRole).toLongLong());
    return result;
}

QStringList titles(const QAbstractItemModel &model)
{
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row)
        result.append(model.index(row, 0).data(ConversationListModel::TitleRole).toString());
    return result;
}

} // namespace

class TestModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void messagesAppendInOrderWithoutDuplicates()
    {
        UserDirectory directory;
        MessageListModel model(kConversation, kMe, &directory);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);

        const Message m1 = message(1), m2 = message(2), m3 = message(3);
        model.addMessages({m1, m3});
        model.addMessages({m2});
        model.addMessages({m2, m3}); // duplicates from a reconnect catch-up
        QCOMPARE(seqs(model), (QList<qint64>{1, 2, 3}));
        QCOMPARE(inserts.size(), 3);
        QCOMPARE(resets.size(), 0);
        QCOMPARE(model.newestSeq(), 3);
        QCOMPARE(model.oldestSeq(), 1);
    }

    void historyPageIsOneInsertAtTheTop()
    {
        UserDirectory directory;
        MessageListModel model(kConversation, kMe, &directory);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<Message> latest;
        for (qint64 seq = 51; seq <= 100; ++seq)
            latest.append(message(seq));
        model.addMessages(latest);

        QList<Message> page; // newest first, as the server sends it
        for (qint64 seq = 50; seq >= 1; --seq)
            page.append(message(seq));
        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.prependHistory(page);
        QCOMPARE(inserts.size(), 1);
        QCOMPARE(inserts.at(0).at(1).toInt(), 0);
        QCOMPARE(inserts.at(0).at(2).toInt(), 49);
        QCOMPARE(resets.size(), 0);
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(model.oldestSeq(), 1);

        // A page overlapping what is there adds nothing.
        model.prependHistory({message(10), message(60)});
        QCOMPARE(model.rowCount(), 100);
    }

    void pendingRowIsReplacedByTheStoredMessage()
    {
        UserDirectory directory;
        MessageListModel model(kConversation, kMe, &directory);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addMessages({message(1)});

        OutboxItem item;
        item.localId = 7;
        item.conversationId = kConversation;
        item.clientMsgId = u"c-7"_s;
        item.bodyText = u"hello"_s;
        item.createdAt = QDateTime::currentDateTimeUtc();
        model.addPending(item);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(1).data(MessageListModel::StatusRole).toInt(),
                 int(MessageListModel::Status::Sending));

        model.markPendingFailed(7, u"no"_s);
        QCOMPARE(model.index(1).data(MessageListModel::StatusRole).toInt(),
                 int(MessageListModel::Status::Failed));
        model.markPendingSending(7);

        // Someone else's message lands first: it goes above the pending row.
        model.addMessages({message(2)});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(2).data(MessageListModel::LocalIdRole).toLongLong(), 7);

        model.addMessages({message(3, kMe, u"c-7"_s)});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(seqs(model), (QList<qint64>{1, 2, 3}));
        QCOMPARE(model.index(2).data(MessageListModel::StatusRole).toInt(),
                 int(MessageListModel::Status::Sent));
        QVERIFY(model.index(2).data(MessageListModel::IsMineRole).toBool());
    }

    void confirmationOutOfPlaceMovesTheRow()
    {
        UserDirectory directory;
        MessageListModel model(kConversation, kMe, &directory);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        OutboxItem first{1, kConversation, u"a"_s, u"a"_s, QDateTime::currentDateTimeUtc(), false,
                         {}};
        OutboxItem second{2, kConversation, u"b"_s, u"b"_s, QDateTime::currentDateTimeUtc(), false,
                          {}};
        model.addPending(first);
        model.addPending(second);
        // The second is confirmed first (the first failed for now).
        model.addMessages({message(1, kMe, u"b"_s)});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0).data(MessageListModel::SeqRole).toLongLong(), 1);
        QCOMPARE(model.index(1).data(MessageListModel::LocalIdRole).toLongLong(), 1);
    }

    void removalsOfPendingAndBlockedSenders()
    {
        UserDirectory directory;
        MessageListModel model(kConversation, kMe, &directory);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QUuid carol = QUuid::createUuid();
        model.addMessages(
            {message(1), message(2, carol), message(3, carol), message(4), message(5, carol)});
        model.addPending(
            {9, kConversation, u"x"_s, u"x"_s, QDateTime::currentDateTimeUtc(), true, u"e"_s});
        model.removePending(9);
        QCOMPARE(model.rowCount(), 5);
        model.removeMessagesFrom(carol);
        QCOMPARE(seqs(model), (QList<qint64>{1, 4}));
        model.removeUpToSeq(1);
        QCOMPARE(seqs(model), (QList<qint64>{4}));
    }

    void receiptsChangeOnlyTheStatusOfMine()
    {
        UserDirectory directory;
        MessageListModel model(kConversation, kMe, &directory);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addMessages({message(1, kMe), message(2, kMe), message(3, kMe)});
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        model.setReceiptWatermarks(2, 1);
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.at(0).at(2).value<QList<int>>(), QList<int>{MessageListModel::StatusRole});
        auto status = [&](int row) {
            return model.index(row).data(MessageListModel::StatusRole).toInt();
        };
        QCOMPARE(status(0), int(MessageListModel::Status::Read));
        QCOMPARE(status(1), int(MessageListModel::Status::Delivered));
        QCOMPARE(status(2), int(MessageListModel::Status::Sent));
        model.setReceiptWatermarks(1, 0); // never backwards
        QCOMPARE(status(1), int(MessageListModel::Status::Delivered));
    }

    void daySeparatorsAndSenderRuns()
    {
        UserDirectory directory;
        directory.insert(user(kBob, u"bob"_s));
        MessageListModel model(kConversation, kMe, &directory);
        Message a = message(1), b = message(2), c = message(3, kMe);
        Message d = message(4);
        d.createdAt = a.createdAt.addDays(1);
        model.addMessages({a, b, c, d});
        auto role = [&](int row, int r) { return model.index(row).data(r); };
        QVERIFY(role(0, MessageListModel::ShowDaySeparatorRole).toBool());
        QVERIFY(!role(1, MessageListModel::ShowDaySeparatorRole).toBool());
        QVERIFY(role(3, MessageListModel::ShowDaySeparatorRole).toBool());
        QVERIFY(role(0, MessageListModel::ShowSenderRole).toBool());
        QVERIFY(!role(1, MessageListModel::ShowSenderRole).toBool());
        QVERIFY(role(2, MessageListModel::ShowSenderRole).toBool());
        QCOMPARE(role(0, MessageListModel::SenderNameRole).toString(), u"Bob"_s);
        const QDate today(2026, 11, 20);
        QCOMPARE(MessageListModel::dayLabel(today, today), u"Today"_s);
        QCOMPARE(MessageListModel::dayLabel(today.addDays(-1), today), u"Yesterday"_s);
    }

    void conversationsMoveToTheTopOnNewMessages()
    {
        UserDirectory directory;
        ConversationListModel model(&directory);
        model.setMyUserId(kMe);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        Conversation a = conversation(u"A"_s, 1), b = conversation(u"B"_s, 2),
                     c = conversation(u"C"_s, 3);
        model.setConversations({c, a, b});
        QCOMPARE(titles(model), (QStringList{u"A"_s, u"B"_s, u"C"_s}));

        QSignalSpy moves(&model, &QAbstractItemModel::rowsMoved);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        Message m = message(1, kBob, {}, c.id);
        m.createdAt = QDateTime::currentDateTimeUtc();
        model.applyMessage(m, true);
        QCOMPARE(titles(model), (QStringList{u"C"_s, u"A"_s, u"B"_s}));
        QCOMPARE(moves.size(), 1);
        QCOMPARE(resets.size(), 0);
        QCOMPARE(model.totalUnread(), 1);
        QCOMPARE(model.index(0).data(ConversationListModel::LastMessageTextRole).toString(),
                 u"Someone: message 1"_s);
        model.markRead(c.id, 1);
        QCOMPARE(model.totalUnread(), 0);

        // A stale message (older seq) changes nothing.
        model.applyMessage(message(0, kBob, {}, c.id), true);
        QCOMPARE(model.totalUnread(), 0);

        model.remove(a.id);
        QCOMPARE(titles(model), (QStringList{u"C"_s, u"B"_s}));
        model.setConversations({b});
        QCOMPARE(titles(model), (QStringList{u"B"_s}));
    }

    // #20 item 3: the conversation's details, fetched when it is opened, were answered
    // before the read reached the server and brought the badge back.
    // #16 item 1: every source enters one timeline; whichever copy comes first is shown,
    // once, in seq order, and a gap asks to be filled.
    void timelineTakesEverySourceThroughOneIngest()
    {
        UserDirectory directory;
        Timeline timeline(kConversation, kMe, &directory, nullptr);
        QAbstractItemModelTester tester(timeline.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy gaps(&timeline, &Timeline::gapDetected);

        // The newest page when opening: 51..100.
        QList<Message> latest;
        for (qint64 seq = 51; seq <= 100; ++seq)
            latest.append(message(seq));
        QCOMPARE(timeline.ingest(latest, Timeline::Source::Latest).size(), 50);
        QCOMPARE(timeline.knownSeq(), 100);
        QVERIFY(!timeline.historyComplete());

        // My message: the server's answer and then the socket's copy of it.
        OutboxItem pending{
            7, kConversation, u"c-101"_s, u"mine"_s, QDateTime::currentDateTimeUtc(), false, {}};
        timeline.model()->addPending(pending);
        const Message mine = message(101, kMe, u"c-101"_s);
        QCOMPARE(timeline.ingest({mine}, Timeline::Source::OutboxEcho).size(), 1);
        QCOMPARE(timeline.ingest({mine}, Timeline::Source::Live).size(), 0);
        QCOMPARE(timeline.model()->rowCount(), 51);

        // 103 before 102: held, and the gap is asked for; the catch-up page fills it.
        QCOMPARE(timeline.ingest({message(103)}, Timeline::Source::Live).size(), 0);
        QCOMPARE(gaps.size(), 1);
        QCOMPARE(gaps.at(0).at(1).toLongLong(), 101);
        const QList<Message> filled =
            timeline.ingest({message(102), message(103)}, Timeline::Source::CatchUp);
        QCOMPARE(filled.size(), 2);
        QCOMPARE(seqs(*timeline.model()).last(), 103);

        // History pages go above; the first message completes it.
        QList<Message> older;
        for (qint64 seq = 1; seq <= 50; ++seq)
            older.append(message(seq));
        QCOMPARE(timeline.ingest(older, Timeline::Source::History).size(), 0);
        QVERIFY(timeline.historyComplete());
        QCOMPARE(timeline.model()->rowCount(), 103);
        QCOMPARE(seqs(*timeline.model()).first(), 1);
    }

    // #12: changes to messages, by rev, as one row's dataChanged; never a row added or removed.
    // #12: a newest page that does not join up with the stretch held (a cache from long ago)
    // replaces it; the stretch held the first message, but the timeline now does not, so
    // older pages are asked for again (opening at a first unread message far back, and
    // scrolling up, stopped at the newest page).
    void aDroppedStretchNoLongerCountsAsCompleteHistory()
    {
        UserDirectory directory;
        Timeline timeline(kConversation, kMe, &directory, nullptr);
        QAbstractItemModelTester tester(timeline.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<Message> early;
        for (qint64 seq = 1; seq <= 30; ++seq)
            early.append(message(seq));
        timeline.ingest(early, Timeline::Source::Latest);
        QVERIFY(timeline.historyComplete());

        QSignalSpy completeness(&timeline, &Timeline::historyCompleteChanged);
        QList<Message> newest;
        for (qint64 seq = 131; seq <= 180; ++seq)
            newest.append(message(seq));
        timeline.ingest(newest, Timeline::Source::Latest);
        QCOMPARE(timeline.model()->oldestSeq(), 131);
        QCOMPARE(timeline.model()->rowCount(), 50);
        QVERIFY(!timeline.historyComplete());
        QCOMPARE(completeness.count(), 1);
    }

    void updatesReplaceARowOnlyWhenNewer()
    {
        UserDirectory directory;
        directory.insert(user(kMe, u"me"_s));
        directory.insert(user(kBob, u"bob"_s));
        Timeline timeline(kConversation, kMe, &directory, nullptr);
        QAbstractItemModelTester tester(timeline.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const MessageListModel *model = timeline.model();
        QList<Message> page{message(1), message(2, kMe), message(3)};
        timeline.ingest(page, Timeline::Source::Latest);
        QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(model, &QAbstractItemModel::rowsRemoved);

        Message edited = page.at(1);
        edited.bodyText = u"fixed"_s;
        edited.editedAt = QDateTime::currentDateTimeUtc();
        edited.rev = 5;
        edited.reactions = {{u"👍"_s, {kBob, kMe}}};
        edited.mentions = {kBob};
        QCOMPARE(timeline.applyUpdates({edited}).size(), 1);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
        const QModelIndex row = model->index(1);
        QCOMPARE(row.data(MessageListModel::BodyTextRole).toString(), u"fixed"_s);
        QVERIFY(row.data(MessageListModel::EditedRole).toBool());
        const QVariantMap chip = row.data(MessageListModel::ReactionsRole).toList().at(0).toMap();
        QCOMPARE(chip.value(u"count"_s).toInt(), 2);
        QVERIFY(chip.value(u"mine"_s).toBool());
        QCOMPARE(chip.value(u"who"_s).toString(), u"Bob and you"_s);
        QVERIFY(row.data(MessageListModel::FormattedTextRole).toString().isEmpty() == false);

        // The same or an older rev is stale, whichever way it comes (a live frame, a page).
        Message stale = page.at(1);
        stale.rev = 4;
        QCOMPARE(timeline.applyUpdates({stale}).size(), 0);
        timeline.ingest({stale}, Timeline::Source::Latest);
        QCOMPARE(model->index(1).data(MessageListModel::BodyTextRole).toString(), u"fixed"_s);
        QCOMPARE(changed.size(), 1);

        // Deleted: the row stays, without text.
        Message deleted = edited;
        deleted.deleted = true;
        deleted.bodyText.clear();
        deleted.reactions.clear();
        deleted.rev = 9;
        timeline.applyUpdates({deleted});
        QVERIFY(model->index(1).data(MessageListModel::DeletedRole).toBool());
        QVERIFY(!model->index(1).data(MessageListModel::EditedRole).toBool());
        QCOMPARE(model->index(1).data(MessageListModel::FormattedTextRole).toString(), QString());
        QCOMPARE(model->rowCount(), 3);
        QVERIFY(inserted.isEmpty() && removed.isEmpty());
        QVERIFY(!model->newestOwnMessage().has_value());

        // An update that overtakes its message.new: the newer state wins when the message comes.
        Message fourth = message(4);
        Message fourthEdited = fourth;
        fourthEdited.bodyText = u"4 edited"_s;
        fourthEdited.rev = 11;
        QCOMPARE(timeline.applyUpdates({fourthEdited}).size(), 0);
        timeline.ingest({fourth}, Timeline::Source::Live);
        QCOMPARE(model->index(3).data(MessageListModel::BodyTextRole).toString(), u"4 edited"_s);
        QCOMPARE(model->rowOfSeq(4), 3);
        QCOMPARE(model->rowOfSeq(99), -1);
    }

    void newMessagesMarkerSitsOnTheFirstUnreadFromOthers()
    {
        MessageListModel model(kConversation, kMe, nullptr);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addMessages({message(1), message(2), message(3, kMe), message(4), message(5)});
        const auto markedRows = [&] {
            QList<int> rows;
            for (int row = 0; row < model.rowCount(); ++row) {
                if (model.index(row).data(MessageListModel::UnreadMarkerRole).toBool())
                    rows.append(row);
            }
            return rows;
        };
        QVERIFY(markedRows().isEmpty());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setUnreadMarker(2); // my own 3 is not news: the line goes above 4
        QCOMPARE(markedRows(), QList<int>{3});
        QCOMPARE(changed.size(), 1);
        model.setUnreadMarker(0); // what I answered (1, 2) is not news either
        QCOMPARE(markedRows(), QList<int>{3});
        model.setUnreadMarker(-1);
        QVERIFY(markedRows().isEmpty());
        model.setUnreadMarker(5); // everything read: no line
        QVERIFY(markedRows().isEmpty());
        model.addMessages({message(6)});
        QCOMPARE(markedRows(), QList<int>{5});
        // I answer: the line moves past what I answered, and the old row hears of it.
        model.setUnreadMarker(3);
        changed.clear();
        model.addMessages({message(7, kMe), message(8)});
        QCOMPARE(markedRows(), QList<int>{7});
        QVERIFY(!changed.isEmpty());
    }

    void mentionsOfMeAreMarked()
    {
        UserDirectory directory;
        directory.insert(user(kMe, u"me"_s));
        MessageListModel model(kConversation, kMe, &directory);
        Message named = message(1);
        named.bodyText = u"hi @Me and @nobody"_s;
        named.mentions = {kMe};
        model.addMessages({named, message(2)});
        QVERIFY(model.index(0).data(MessageListModel::MentionsMeRole).toBool());
        QVERIFY(!model.index(1).data(MessageListModel::MentionsMeRole).toBool());
        const QString styled = model.index(0).data(MessageListModel::FormattedTextRole).toString();
        QVERIFY2(styled.contains(u"<font color=\"#7b6cf6\">@Me</font>"_s), qPrintable(styled));
        QVERIFY2(!styled.contains(u">@nobody<"_s), qPrintable(styled));
    }

    void mentionsAreCountedApartUntilRead()
    {
        ConversationListModel model(nullptr);
        model.setMyUserId(kMe);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        Conversation c = conversation(u"Hike"_s, 5);
        c.id = kConversation;
        model.setConversations({c});
        Message plain = message(1);
        Message named = message(2);
        named.mentions = {kMe};
        model.applyMessage(plain, true);
        model.applyMessage(named, true);
        const QModelIndex row = model.index(0);
        QCOMPARE(row.data(ConversationListModel::UnreadCountRole).toInt(), 2);
        QCOMPARE(row.data(ConversationListModel::MentionCountRole).toInt(), 1);
        model.markRead(kConversation, 2);
        QCOMPARE(model.index(0).data(ConversationListModel::MentionCountRole).toInt(), 0);

        // The preview follows an edit or a deletion of the newest message.
        Message gone = named;
        gone.deleted = true;
        gone.bodyText.clear();
        gone.rev = 3;
        model.applyMessageUpdate(gone);
        QCOMPARE(model.index(0).data(ConversationListModel::LastMessageTextRole).toString(),
                 u"Message deleted"_s);
    }

    void mentionCompletionsMatchUsernamesAndNames()
    {
        MemberListModel members;
        members.setMyUserId(kMe);
        MentionCompletionModel completions;
        completions.setSourceModel(&members);
        QAbstractItemModelTester tester(&completions,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        User bob = user(kBob, u"bob"_s);
        bob.displayName = u"Robert Martin"_s;
        User me = user(kMe, u"bobcat"_s);
        User carol = user(QUuid::createUuid(), u"carol"_s);
        members.setMembers({{me, MemberRole::Member, {}, 0},
                            {bob, MemberRole::Member, {}, 0},
                            {carol, MemberRole::Member, {}, 0}});
        const auto usernames = [&] {
            QStringList out;
            for (int row = 0; row < completions.rowCount(); ++row)
                out.append(completions.usernameAt(row));
            out.sort();
            return out;
        };
        QCOMPARE(usernames(), (QStringList{u"bob"_s, u"carol"_s})); // never me
        completions.setPrefix(u"BO"_s);
        QCOMPARE(usernames(), QStringList{u"bob"_s});
        completions.setPrefix(u"mart"_s); // a word of the display name
        QCOMPARE(usernames(), QStringList{u"bob"_s});
        completions.setPrefix(u"z"_s);
        QCOMPARE(completions.count(), 0);
    }

    void searchSnippetsKeepOnlyTheirHighlights()
    {
        const QString markup = SearchResultModel::snippetMarkup(
            u"a &lt;b&gt; <mark>café</mark> <img src=x> <mark>tail"_s, u"#ff0"_s);
        QCOMPARE(markup, u"a &lt;b&gt; <span style=\"background-color:#ff0;\">café</span> "
                         "&lt;img src=x&gt; <span style=\"background-color:#ff0;\">tail</span>"_s);
    }

    void aStaleSnapshotDoesNotBringUnreadBack()
    {
        UserDirectory directory;
        ConversationListModel model(&directory);
        model.setMyUserId(kMe);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        Conversation c = conversation(u"C"_s, 1);
        c.lastMessage = message(4, kBob, {}, c.id);
        c.unreadCount = 4;
        model.setConversations({c});
        QCOMPARE(model.totalUnread(), 4);

        // Opened before any message is shown: nothing is read yet.
        model.markRead(c.id, 0);
        QCOMPARE(model.totalUnread(), 4);
        model.markRead(c.id, 4); // the page is shown
        QCOMPARE(model.totalUnread(), 0);
        model.upsert(c); // the server's answer from before the read
        QCOMPARE(model.totalUnread(), 0);
        model.setConversations({c}); // and a list refresh from then
        QCOMPARE(model.totalUnread(), 0);

        // A newer message after the read counts again.
        Conversation later = c;
        later.lastMessage = message(5, kBob, {}, c.id);
        later.unreadCount = 5;
        model.upsert(later);
        QCOMPARE(model.totalUnread(), 1);
    }

    void aStaleSnapshotDoesNotUndoAPreferenceHeardSince()
    {
        // Archived on another device while this one's request for the conversation was on its
        // way: the answer, read before the change, must not bring it back (issue 19's
        // tst_desktop_groups failure).
        UserDirectory directory;
        ConversationListModel model(&directory);
        model.setMyUserId(kMe);
        Conversation c = conversation(u"Later"_s, 1);
        c.lastMessage = message(1, kBob, {}, c.id);
        model.setConversations({c});
        const quint64 asked = model.preferencesHeard(); // the request goes out
        ConversationPreferences archived;
        archived.archived = true;
        archived.archivedAtSeq = 1;
        model.applyPreferences(c.id, archived); // the change arrives first
        QCOMPARE(model.archivedCount(), 1);
        model.upsert(c, asked); // then the answer, read before it
        QCOMPARE(model.archivedCount(), 1);
        model.setConversations({c}, asked); // or a list refresh from then
        QCOMPARE(model.archivedCount(), 1);

        // An answer asked for after the change is the server's word.
        model.upsert(c, model.preferencesHeard());
        QCOMPARE(model.archivedCount(), 0);
    }

    void aStaleSnapshotOfANewConversationDoesNotUndoAPreferenceHeardBeforeIt()
    {
        // A group new to this device, archived on another while its details were on their way:
        // the change arrives before the row does (issue 19's tst_desktop_groups, again).
        UserDirectory directory;
        ConversationListModel model(&directory);
        model.setMyUserId(kMe);
        Conversation c = conversation(u"Later"_s, 1);
        c.lastMessage = message(1, kBob, {}, c.id);
        const quint64 asked = model.preferencesHeard(); // the request goes out
        ConversationPreferences archived;
        archived.archived = true;
        archived.archivedAtSeq = 1;
        model.applyPreferences(c.id, archived); // the change arrives, for no listed row
        QCOMPARE(model.rowCount(), 0);
        model.upsert(c, asked); // then the row, read before the change
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.archivedCount(), 1);
    }

    void directMessagesAreTitledByThePeer()
    {
        UserDirectory directory;
        ConversationListModel model(&directory);
        model.setMyUserId(kMe);
        Conversation dm = conversation({}, 1);
        dm.type = ConversationType::Dm;
        dm.members = {Member{user(kMe, u"me"_s), MemberRole::Member, {}, 0},
                      Member{user(kBob, u"bob"_s), MemberRole::Member, {}, 0}};
        dm.membersIncluded = true;
        model.upsert(dm);
        QCOMPARE(model.index(0).data(ConversationListModel::TitleRole).toString(), u"Bob"_s);
        QCOMPARE(model.index(0).data(ConversationListModel::PeerUsernameRole).toString(), u"bob"_s);

        // An update from the list endpoint without members keeps the known ones.
        Conversation update = dm;
        update.members.clear();
        update.membersIncluded = false;
        model.upsert(update);
        QCOMPARE(model.index(0).data(ConversationListModel::TitleRole).toString(), u"Bob"_s);

        ConversationFilterModel filter;
        QAbstractItemModelTester filterTester(
            &filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setSourceModel(&model);
        filter.setFilterText(u"bo"_s);
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(filter.idAt(0), dm.idString());
        filter.setFilterText(u"zed"_s);
        QCOMPARE(filter.rowCount(), 0);
    }

    void membersKeepAdminsFirst()
    {
        MemberListModel model;
        model.setMyUserId(kMe);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const Member me{user(kMe, u"zoe"_s), MemberRole::Admin, {}};
        const Member bob{user(kBob, u"bob"_s), MemberRole::Member, {}, 0};
        const Member amy{user(QUuid::createUuid(), u"amy"_s), MemberRole::Member, {}, 0};
        model.setMembers({bob, me});
        model.addMember(amy);
        QCOMPARE(model.index(0).data(MemberListModel::UsernameRole).toString(), u"zoe"_s);
        QCOMPARE(model.index(1).data(MemberListModel::UsernameRole).toString(), u"amy"_s);
        QVERIFY(model.index(0).data(MemberListModel::IsMeRole).toBool());
        QVERIFY(model.isAdmin(kMe));
        model.removeMember(kBob);
        QCOMPARE(model.rowCount(), 2);
        model.setMembers({me});
        QCOMPARE(model.rowCount(), 1);
    }

    void searchResultsKeepTheCommonPrefix()
    {
        UserSearchModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const User a = user(QUuid::createUuid(), u"alice"_s);
        const User b = user(QUuid::createUuid(), u"alina"_s);
        const User c = user(QUuid::createUuid(), u"albert"_s);
        model.setUsers({a, b, c});
        QSignalSpy removals(&model, &QAbstractItemModel::rowsRemoved);
        model.setUsers({a, b});
        QCOMPARE(removals.size(), 1);
        QCOMPARE(model.rowCount(), 2);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestModels)
#include "tst_models.moc"
