// SPDX-License-Identifier: Apache-2.0
#include "wsclient.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace natter::testing {

WsClient::WsClient(QObject *parent) : QObject(parent)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        auto frame = Frame::parse(text.toUtf8());
        if (frame)
            m_frames.append(frame.value());
        else
            qWarning("unparsable frame from the server: %s", qPrintable(text));
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] { m_closed = true; });
}

bool WsClient::open(const QUrl &url, const QString &bearer, const QString &origin)
{
    QNetworkRequest request(url);
    if (!bearer.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + bearer.toLatin1());
    if (!origin.isEmpty())
        request.setRawHeader("Origin", origin.toLatin1());
    m_closed = false;
    m_frames.clear();
    QSignalSpy connected(&m_socket, &QWebSocket::connected);
    m_socket.open(request);
    const QDeadlineTimer deadline(5000);
    while (connected.isEmpty() && !m_closed && !deadline.hasExpired())
        QTest::qWait(10);
    return !connected.isEmpty();
}

bool WsClient::connectAs(const QUrl &url, const QString &token)
{
    if (!open(url))
        return false;
    send(u"auth"_s, {{u"token"_s, token}});
    return waitForType(u"auth.ok"_s).has_value();
}

void WsClient::sendText(const QByteArray &text)
{
    m_socket.sendTextMessage(QString::fromUtf8(text));
}

void WsClient::sendBinary(const QByteArray &data)
{
    m_socket.sendBinaryMessage(data);
}

void WsClient::send(const QString &type, const QJsonObject &data, const QString &id)
{
    sendText(Frame{type, id, data, std::nullopt}.serialize());
}

std::optional<Frame> WsClient::request(const QString &type, const QJsonObject &data, int timeoutMs)
{
    const QString id = u"req-%1"_s.arg(m_nextId++);
    send(type, data, id);
    return waitFor([&id](const Frame &frame) { return frame.id == id; }, timeoutMs);
}

std::optional<Frame> WsClient::waitFor(const std::function<bool(const Frame &)> &match,
                                       int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        for (qsizetype i = 0; i < m_frames.size(); ++i) {
            if (match(m_frames.at(i)))
                return m_frames.takeAt(i);
        }
        if (deadline.hasExpired() || m_closed)
            return std::nullopt;
        QTest::qWait(5);
    }
}

std::optional<Frame> WsClient::waitForType(const QString &type, int timeoutMs)
{
    return waitFor([&type](const Frame &frame) { return frame.type == type; }, timeoutMs);
}

QList<Frame> WsClient::drain(const QString &type, int settleMs)
{
    QTest::qWait(settleMs);
    QList<Frame> taken;
    for (qsizetype i = 0; i < m_frames.size();) {
        if (m_frames.at(i).type == type)
            taken.append(m_frames.takeAt(i));
        else
            ++i;
    }
    return taken;
}

QList<Frame> WsClient::collect(const QString &type, int count, int timeoutMs)
{
    QList<Frame> frames;
    QDeadlineTimer deadline(timeoutMs);
    while (frames.size() < count && !deadline.hasExpired())
        frames += drain(type, 20);
    return frames;
}

int WsClient::waitForClose(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!m_closed && !deadline.hasExpired())
        QTest::qWait(10);
    return m_closed ? int(m_socket.closeCode()) : -1;
}

void WsClient::close()
{
    m_socket.close();
    (void)waitForClose(2000);
}

void WsClient::abort()
{
    m_socket.abort();
    m_closed = true;
}

bool WsClient::isOpen() const
{
    return !m_closed && m_socket.state() == QAbstractSocket::ConnectedState;
}

QList<qint64> seqsOf(const QList<Frame> &frames)
{
    QList<qint64> seqs;
    for (const Frame &frame : frames)
        seqs.append(frame.data.value(u"message"_s).toObject().value(u"seq"_s).toInteger());
    return seqs;
}

} // namespace natter::testing
