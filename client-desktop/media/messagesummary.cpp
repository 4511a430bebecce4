// SPDX-License-Identifier: Apache-2.0
#include "media/messagesummary.h"

#include <QObject>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {

QString messageSummary(const Message &message)
{
    if (message.deleted)
        return QObject::tr("Message deleted");
    QString text = message.bodyText.simplified();
    if (!text.isEmpty() || message.attachments.isEmpty())
        return text;
    const auto count = message.attachments.size();
    return count == 1 ? u"Image"_s : u"%1 images"_s.arg(count);
}

} // namespace natter::desktop
