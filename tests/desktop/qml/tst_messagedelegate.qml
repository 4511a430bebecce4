// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtTest
import Natter.Chat

// TestCase itself is invisible; the items under test live beside it in a visible root.
Item {
    id: root

    width: 600
    height: 300

    TestCase {
        id: testCase

        name: "MessageDelegate"
        when: windowShown
        width: 600
        height: 300

        Component {
            id: delegateComponent

            MessageDelegate {
                availableWidth: 600
                bodyText: "Hello there"
                formattedText: "Hello there"
                formattedTextHasCode: false
                senderName: "Bob"
                senderId: "5f0c3c1e-0000-4000-8000-0000000000b0"
                isMine: false
                status: MessageDelegate.Status.Sent
                timeText: "09:15"
                showDaySeparator: false
                dayLabel: "Today"
                showSender: true
                localId: 0
                errorText: ""
                messageId: "5f0c3c1e-0000-4000-8000-000000000001"
                seq: 7
                replyTo: ({})
                edited: false
                deleted: false
                reactions: []
                mentionsMe: false
                unreadMarker: false
                attachments: []
                isSystem: false
            }
        }

        SignalSpy {
            id: retries

            signalName: "retryRequested"
        }
        SignalSpy {
            id: discards

            signalName: "discardRequested"
        }
        SignalSpy {
            id: toggles

            signalName: "reactionToggled"
        }
        SignalSpy {
            id: quoteClicks

            signalName: "quoteActivated"
        }
        SignalSpy {
            id: replies

            signalName: "replyRequested"
        }

        function make(properties) {
            const item = createTemporaryObject(delegateComponent, root, properties);
            verify(item);
            return item;
        }

        function test_theirsShowsSenderNotTicks() {
            const item = make({});
            verify(findChild(item, "senderLabel").visible);
            compare(findChild(item, "bodyLabel").text, "Hello there");
            verify(!findChild(item, "ticks").visible);
            verify(!findChild(item, "failedRow").visible);
        }

        function test_mineShowsTicksByStatus() {
            const item = make({
                    "isMine": true
                });
            verify(!findChild(item, "senderLabel").visible);
            const ticks = findChild(item, "ticks");
            verify(ticks.visible);
            compare(ticks.icon, "check");
            item.status = MessageDelegate.Status.Delivered;
            compare(ticks.icon, "checks");
            item.status = MessageDelegate.Status.Read;
            compare(ticks.icon, "checks");
            item.status = MessageDelegate.Status.Sending;
            compare(ticks.icon, "clock");
            tryCompare(ticks, "status", Image.Ready); // the SVG icon really loads
        }

        function test_failedOffersRetryAndDiscard() {
            const item = make({
                    "isMine": true,
                    "status": MessageDelegate.Status.Failed,
                    "localId": 42,
                    "errorText": "You are not a member"
                });
            verify(findChild(item, "failedRow").visible);
            verify(!findChild(item, "ticks").visible);
            retries.target = item;
            discards.target = item;
            retries.clear();
            discards.clear();
            waitForRendering(item);
            mouseClick(findChild(item, "retryButton"));
            compare(retries.count, 1);
            compare(retries.signalArguments[0][0], 42);
            mouseClick(findChild(item, "discardButton"));
            compare(discards.count, 1);
        }

        // #18: a system line is centred muted text with no bubble, no sender and no actions.
        function test_systemLineHasNoBubbleNorActions() {
            const item = make({
                    "isSystem": true,
                    "bodyText": "Ana added Cara",
                    "formattedText": "Ana added Cara"
                });
            const line = findChild(item, "systemLine");
            verify(line.visible);
            compare(findChild(line.item, "systemLineText").text, "Ana added Cara");
            verify(!findChild(item, "senderLabel").visible);
            verify(!findChild(item, "bodyLabel").visible);
            verify(!findChild(item, "ticks").visible);
            verify(!item.actionable);
            waitForRendering(item);
            mouseMove(item, item.width / 2, item.height / 2);
            verify(!findChild(item, "hoverBar").active);
            // A text message keeps its bubble and no system line.
            const text = make({});
            verify(!findChild(text, "systemLine").visible);
            verify(findChild(text, "bodyLabel").visible);
        }

        function test_daySeparatorOnlyWhenAsked() {
            const item = make({
                    "showDaySeparator": true,
                    "dayLabel": "Yesterday"
                });
            verify(findChild(item, "daySeparator").visible);
            const plain = make({
                    "showDaySeparator": false
                });
            verify(!findChild(plain, "daySeparator").visible);
        }

        function test_bodyShowsTheFormattedText() {
            // The model escapes the message and adds only its own tags (tst_desktop_messageformat).
            const item = make({
                    "bodyText": "*bold* <i>",
                    "formattedText": "<b>bold</b> &lt;i&gt;"
                });
            const label = findChild(item, "bodyLabel");
            compare(label.textFormat, Text.StyledText);
            compare(label.text, "<b>bold</b> &lt;i&gt;");
            const code = make({
                    "formattedText": "<code>make</code>",
                    "formattedTextHasCode": true
                });
            compare(findChild(code, "bodyLabel").textFormat, Text.RichText);
        }

        // #12: the conversation features of a message.
        function test_newMessagesSeparatorOnlyOnTheMarkedRow() {
            verify(findChild(make({ "unreadMarker": true }), "unreadSeparator").visible);
            verify(!findChild(make({}), "unreadSeparator").visible);
        }

        function test_editedAndDeleted() {
            const edited = make({
                    "edited": true
                });
            verify(findChild(edited, "editedMarker").visible);
            verify(!findChild(make({}), "editedMarker").visible);
            const gone = make({
                    "deleted": true,
                    "formattedText": "",
                    "reactions": [{ "emoji": "👍", "count": 1, "mine": false, "who": "Bob" }]
                });
            const label = findChild(gone, "bodyLabel");
            compare(label.text, "Message deleted");
            verify(label.font.italic);
            verify(!findChild(gone, "reactionsRow").visible);
            verify(!gone.actionable);
        }

        function test_reactionChipsShowCountsAndToggle() {
            const item = make({
                    "reactions": [{ "emoji": "👍", "count": 2, "mine": true, "who": "Bob and you" },
                                  { "emoji": "🎉", "count": 1, "mine": false, "who": "Bob" }]
                });
            verify(findChild(item, "reactionsRow").visible);
            waitForRendering(item);
            const row = findChild(item, "reactionsRow").item;
            const chips = [];
            for (let i = 0; i < row.children.length; ++i) {
                if (row.children[i].objectName === "reactionChip")
                    chips.push(row.children[i]);
            }
            compare(chips.length, 2);
            compare(findChild(chips[0], "reactionCount").text, "2");
            verify(findChild(chips[0], "reactionCount").font.bold); // mine
            verify(!findChild(chips[1], "reactionCount").font.bold);
            toggles.target = item;
            toggles.clear();
            mouseClick(chips[1]);
            compare(toggles.count, 1);
            compare(toggles.signalArguments[0][0], item.messageId);
            compare(toggles.signalArguments[0][1], "🎉");
        }

        function test_replyShowsTheQuoteWhichLeadsToTheOriginal() {
            const item = make({
                    "replyTo": { "id": "x", "seq": 3, "senderName": "Alice", "text": "lunch?", "deleted": false }
                });
            const quote = findChild(item, "replyQuote");
            verify(quote.visible);
            compare(findChild(quote.item, "replyQuoteText").text, "lunch?");
            quoteClicks.target = item;
            quoteClicks.clear();
            waitForRendering(item);
            mouseClick(quote.item);
            compare(quoteClicks.count, 1);
            compare(quoteClicks.signalArguments[0][0], 3);
            verify(!findChild(make({}), "replyQuote").visible);
        }

        function test_hoverShowsTheActions() {
            const item = make({
                    "isMine": true
                });
            waitForRendering(item);
            verify(!findChild(item, "hoverBar").visible);
            mouseMove(item, item.width - 40, item.height / 2);
            tryVerify(() => findChild(item, "hoverBar").visible);
            const bar = findChild(item, "hoverBar").item;
            verify(findChild(bar, "editButton").visible);
            verify(findChild(bar, "deleteButton").visible);
            replies.target = item;
            replies.clear();
            mouseClick(findChild(bar, "replyButton"));
            compare(replies.count, 1);
            compare(replies.signalArguments[0][0], item.messageId);
            // Someone else's message: no edit; no delete unless I am a group admin.
            const theirs = make({});
            mouseMove(theirs, 40, theirs.height / 2);
            tryVerify(() => findChild(theirs, "hoverBar").visible);
            verify(!findChild(findChild(theirs, "hoverBar").item, "editButton").visible);
            verify(!findChild(findChild(theirs, "hoverBar").item, "deleteButton").visible);
            theirs.amAdmin = true;
            verify(findChild(findChild(theirs, "hoverBar").item, "deleteButton").visible);
        }
    }
}
