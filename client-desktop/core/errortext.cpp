// SPDX-License-Identifier: Apache-2.0
#include "core/errortext.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {

QString describe(const ApiError &error)
{
    if (error.code == ErrorCode::ValidationFailed && !error.fields.isEmpty())
        return error.fields.cbegin().value();
    if (error.code == ErrorCode::Unavailable)
        return u"Cannot reach the server. Check the address and your connection."_s;
    if (!error.message.isEmpty())
        return error.message;
    return u"Something went wrong (%1)."_s.arg(errorCodeName(error.code));
}

} // namespace natter::desktop
