-- SPDX-License-Identifier: Apache-2.0
-- Account deletion (issue #14): the row stays so messages keep a sender, shown as
-- "Deleted account"; the profile is erased and the username given up (0016 holds it 30 days).
ALTER TABLE users ADD COLUMN deleted_at timestamptz;
