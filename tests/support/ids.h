// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QUuid>

namespace natter::testing {

//! An id as the API writes it: no braces.
[[nodiscard]] inline QString idText(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}

} // namespace natter::testing
