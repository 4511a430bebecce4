// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>
#include <QWebSocket>

#include <functional>
#include <memory>
#include <vector>

namespace natter::bench {

struct LoadOptions
{
    QUrl server;
    int users = 20;
    int senders = 8;
    int messages = 2000;
};

struct LoadReport
{
    int sent = 0;
    int failed = 0;
    qint64 deliveries = 0;
    qint64 expectedDeliveries = 0;
    double seconds = 0;
    QList<double> sendMs;     //!< REST round trip of each send
    QList<double> deliveryMs; //!< send start to message.new on each member's socket
};

//! One benchmark run against a live server: signs up `users` people through the development
//! login, puts them in one group with a socket each, then `senders` of them send `messages`
//! over REST as fast as the server answers, while every socket counts what reaches it.
class LoadRun final : public QObject
{
    Q_OBJECT

public:
    explicit LoadRun(LoadOptions options, QObject *parent = nullptr);
    void start();

Q_SIGNALS:
    void finished(const natter::bench::LoadReport &report);
    void failed(const QString &why);

private:
    struct Person
    {
        QString token;
        QString username;
        std::unique_ptr<QNetworkAccessManager> network;
        std::unique_ptr<QWebSocket> socket;
        int sentSoFar = 0;
    };

    void request(Person &person, const QByteArray &method, const QString &path,
                 const QJsonObject &body, std::function<void(int, const QJsonObject &)> done);
    void signUp(int index);
    void createGroup();
    void connectSockets();
    void startSending();
    void sendNext(int sender);
    void onFrame(const QString &text);
    void maybeFinish();

    LoadOptions m_options;
    QString m_runTag;
    std::vector<Person> m_people;
    QString m_conversationId;
    int m_ready = 0;
    int m_issued = 0;
    QElapsedTimer m_clock;
    QHash<QString, qint64> m_sentAtNs; //!< client_msg_id -> when its send started
    LoadReport m_report;
    bool m_done = false;
};

} // namespace natter::bench
