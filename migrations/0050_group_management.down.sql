-- SPDX-License-Identifier: Apache-2.0
DELETE FROM messages WHERE kind = 'system';
ALTER TABLE messages DROP CONSTRAINT messages_system_only_for_system,
    DROP COLUMN system, DROP COLUMN kind;
ALTER TABLE conversations DROP COLUMN description;
