// SPDX-License-Identifier: Apache-2.0
#include "app/traysettings.h"

#include <QSettings>
#include <QWindow>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {
namespace {

const auto kKeepRunningKey = u"window/keepRunningInTray"_s;

} // namespace

TraySettings::TraySettings(QSettings *settings, QObject *parent)
    : QObject(parent), m_settings(settings)
{}

void TraySettings::setAvailable(bool available)
{
    if (m_available == available)
        return;
    m_available = available;
    Q_EMIT changed();
}

bool TraySettings::keepRunning() const
{
    // Unset means "the default": on wherever there is a tray to come back from.
    return m_settings->value(kKeepRunningKey, m_available).toBool();
}

void TraySettings::setKeepRunning(bool keep)
{
    if (m_settings->contains(kKeepRunningKey) && keepRunning() == keep)
        return;
    m_settings->setValue(kKeepRunningKey, keep);
    m_settings->sync();
    Q_EMIT changed();
}

bool TraySettings::hideInsteadOfClosing(QObject *window)
{
    auto *shown = qobject_cast<QWindow *>(window);
    // Without a tray a hidden window could not be brought back: close for real.
    if (!shown || !m_available || !keepRunning())
        return false;
    shown->hide();
    return true;
}

} // namespace natter::desktop
