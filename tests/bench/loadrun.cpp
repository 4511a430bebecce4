// SPDX-License-Identifier: Apache-2.0
#include "loadrun.h"

#include "natter/events.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTimer>
#include <QWebSocket>

using namespace Qt::Literals::StringLiterals;

namespace natter::bench {
namespace {
constexpr int kJoinWindowMs = 2000;
} // namespace

LoadRun::LoadRun(LoadOptions options, QObject *parent)
    : QObject(parent), m_options(std::move(options)),
      m_runTag(QString::number(QRandomGenerator::global()->bounded(100000, 999999)))
{
    m_people.resize(size_t(m_options.users));
}

void LoadRun::start()
{
    signUp(0);
}

void LoadRun::request(Person &person, const QByteArray &method, const QString &path,
                      const QJsonObject &body, std::function<void(int, const QJsonObject &)> done)
{
    if (!person.network)
        person.network = std::make_unique<QNetworkAccessManager>();
    QUrl url = m_options.server;
    url.setPath(path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    if (!person.token.isEmpty())
        request.setRawHeader("Authorization"_ba, "Bearer "_ba + person.token.toUtf8());
    QNetworkReply *reply = person.network->sendCustomRequest(
        request, method,
        body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
        reply->deleteLater();
        done(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
             QJsonDocument::fromJson(reply->readAll()).object());
    });
}

void LoadRun::signUp(int index)
{
    if (index == m_options.users) {
        createGroup();
        return;
    }
    Person &person = m_people[size_t(index)];
    person.username = u"bench%1_%2"_s.arg(m_runTag).arg(index);
    request(person, "POST"_ba, u"/api/v1/auth/dev/login"_s, {{u"name"_s, person.username}},
            [this, index](int status, const QJsonObject &answer) {
                Person &p = m_people[size_t(index)];
                p.token = answer.value(u"access_token"_s).toString();
                if (status != 200 || p.token.isEmpty())
                    return Q_EMIT failed(
                        u"development login answered %1 (is NATTER_DEV_LOGIN=1?)"_s.arg(status));
                request(p, "PUT"_ba, u"/api/v1/users/me/username"_s, {{u"username"_s, p.username}},
                        [this, index](int claimStatus, const QJsonObject &) {
                            if (claimStatus != 200)
                                return Q_EMIT failed(
                                    u"username claim answered %1"_s.arg(claimStatus));
                            signUp(index + 1);
                        });
            });
}

void LoadRun::createGroup()
{
    QJsonArray usernames;
    for (size_t i = 1; i < m_people.size(); ++i)
        usernames.append(m_people[i].username);
    request(m_people[0], "POST"_ba, u"/api/v1/conversations"_s,
            {{u"type"_s, u"group"_s}, {u"title"_s, u"Benchmark"_s}, {u"usernames"_s, usernames}},
            [this](int status, const QJsonObject &answer) {
                m_conversationId = answer.value(u"id"_s).toString();
                if (status != 201 || m_conversationId.isEmpty())
                    return Q_EMIT failed(u"creating the group answered %1"_s.arg(status));
                connectSockets();
            });
}

void LoadRun::connectSockets()
{
    QUrl url = m_options.server;
    url.setScheme(url.scheme() == "https"_L1 ? u"wss"_s : u"ws"_s);
    url.setPath(u"/api/v1/ws"_s);
    for (Person &person : m_people) {
        person.socket = std::make_unique<QWebSocket>();
        QWebSocket *socket = person.socket.get();
        connect(socket, &QWebSocket::connected, this, [socket, token = person.token] {
            socket->sendTextMessage(QString::fromUtf8(
                QJsonDocument(QJsonObject{{u"type"_s, QString(events::kAuth)},
                                          {u"data"_s, QJsonObject{{u"token"_s, token}}}})
                    .toJson(QJsonDocument::Compact)));
        });
        connect(socket, &QWebSocket::textMessageReceived, this, &LoadRun::onFrame);
        socket->open(url);
    }
}

void LoadRun::onFrame(const QString &text)
{
    const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = frame.value(u"type"_s).toString();
    if (type == events::kAuthOk) {
        // The gateway holds live messages for 2 s after auth.ok, waiting for a room.join with
        // after_seq (docs/protocol.md); measure the steady state after that window.
        if (++m_ready == m_options.users)
            QTimer::singleShot(kJoinWindowMs + 500, this, &LoadRun::startSending);
        return;
    }
    if (type != events::kMessageNew)
        return;
    const QString clientMsgId = frame.value(u"data"_s)
                                    .toObject()
                                    .value(u"message"_s)
                                    .toObject()
                                    .value(u"client_msg_id"_s)
                                    .toString();
    const auto sentAt = m_sentAtNs.constFind(clientMsgId);
    if (sentAt == m_sentAtNs.cend())
        return;
    ++m_report.deliveries;
    m_report.deliveryMs.append(double(m_clock.nsecsElapsed() - sentAt.value()) / 1e6);
    maybeFinish();
}

void LoadRun::startSending()
{
    m_report.expectedDeliveries = qint64(m_options.messages) * m_options.users;
    m_clock.start();
    for (int sender = 0; sender < std::min(m_options.senders, m_options.users); ++sender)
        sendNext(sender);
}

void LoadRun::sendNext(int sender)
{
    if (m_issued >= m_options.messages)
        return;
    ++m_issued;
    Person &person = m_people[size_t(sender)];
    const QString clientMsgId = u"b%1-%2-%3"_s.arg(m_runTag).arg(sender).arg(person.sentSoFar++);
    const qint64 startedNs = m_clock.nsecsElapsed();
    m_sentAtNs.insert(clientMsgId, startedNs);
    request(person, "POST"_ba, u"/api/v1/conversations/%1/messages"_s.arg(m_conversationId),
            {{u"body_text"_s, u"benchmark message %1"_s.arg(clientMsgId)},
             {u"client_msg_id"_s, clientMsgId}},
            [this, sender, startedNs](int status, const QJsonObject &) {
                m_report.sendMs.append(double(m_clock.nsecsElapsed() - startedNs) / 1e6);
                if (status == 201)
                    ++m_report.sent;
                else
                    ++m_report.failed;
                sendNext(sender);
                maybeFinish();
            });
}

void LoadRun::maybeFinish()
{
    const bool allAnswered = m_report.sent + m_report.failed == m_options.messages;
    if (m_done || !allAnswered || m_report.deliveries < qint64(m_report.sent) * m_options.users)
        return;
    m_done = true;
    m_report.seconds = double(m_clock.nsecsElapsed()) / 1e9;
    Q_EMIT finished(m_report);
}

} // namespace natter::bench
