// SPDX-License-Identifier: Apache-2.0
#include "ui/trayicon.h"

#include <QMenu>
#include <QPainter>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {

TrayIcon::TrayIcon(QIcon base, QObject *parent)
    : QObject(parent), m_base(std::move(base)), m_menu(std::make_unique<QMenu>())
{
    m_menu->addAction(tr("Open Natter"), this, &TrayIcon::openRequested);
    m_menu->addSeparator();
    m_menu->addAction(tr("Quit"), this, &TrayIcon::quitRequested);
    m_tray.setContextMenu(m_menu.get());
    connect(&m_tray, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                // The context menu has its own reason; a click or double click opens.
                if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                    Q_EMIT openRequested();
            });
    setUnread(0);
    m_tray.show();
}

TrayIcon::~TrayIcon() = default;

void TrayIcon::setUnread(int unread)
{
    if (unread == m_unread)
        return;
    m_unread = unread;
    m_tray.setToolTip(toolTipFor(unread));
    m_tray.setIcon(QIcon(drawCount(m_base, unread)));
}

QString TrayIcon::toolTipFor(int unread)
{
    return unread > 0 ? tr("Natter: %n unread", nullptr, unread) : u"Natter"_s;
}

QPixmap TrayIcon::drawCount(const QIcon &base, int unread, int size)
{
    QPixmap pixmap = base.pixmap(size, size);
    if (pixmap.isNull()) {
        pixmap = QPixmap(size, size);
        pixmap.fill(Qt::transparent);
    }
    if (unread <= 0)
        return pixmap;
    const QString text = unread > 99 ? u"99+"_s : QString::number(unread);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    // The badge takes the lower right corner, big enough to read at tray sizes (16-24 px).
    const qreal badge = size * 0.62;
    const QRectF circle(size - badge, size - badge, badge, badge);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0xe0, 0x3e, 0x3e));
    painter.drawEllipse(circle);
    QFont font = painter.font();
    font.setBold(true);
    font.setPixelSize(int(badge * (text.size() > 2 ? 0.42 : 0.6)));
    painter.setFont(font);
    painter.setPen(Qt::white);
    painter.drawText(circle, Qt::AlignCenter, text);
    return pixmap;
}

} // namespace natter::desktop
