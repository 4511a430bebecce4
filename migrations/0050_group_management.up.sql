-- SPDX-License-Identifier: Apache-2.0
-- Groups run by their admins (issue 18): a description next to the title, and system lines in
-- the timeline ("Ana added Cara", "Ben left", "Ana renamed the group to ...").
--
-- A system line is a message like any other (it takes the conversation's next seq in the same
-- transaction as the change it records), so every member and every later page of history sees
-- it in order, and it travels through the same message.new fan-out. `kind` tells the clients
-- to show it as a line rather than a bubble; `system` holds what happened, for clients that
-- want to word it themselves; `body_text` holds the sentence as it read when it happened, so a
-- client that knows nothing of system lines still shows something sensible.
ALTER TABLE conversations ADD COLUMN description text NOT NULL DEFAULT ''
    CONSTRAINT conversations_description_length CHECK (char_length(description) <= 500);

ALTER TABLE messages
    ADD COLUMN kind text NOT NULL DEFAULT 'text'
        CONSTRAINT messages_kind_known CHECK (kind IN ('text', 'system')),
    ADD COLUMN system jsonb,
    ADD CONSTRAINT messages_system_only_for_system CHECK ((kind = 'system') = (system IS NOT NULL));
