// SPDX-License-Identifier: Apache-2.0
#include "uploads/uploadintake.h"

#include "uploads/uploadconnection.h"

#include <QDir>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::uploads {

UploadIntake::UploadIntake(const ApiContext &api, FileStore &store, UploadSettings settings,
                           QObject *parent)
    : QObject(parent), m_api(api), m_store(store), m_settings(std::move(settings))
{
    m_workers.setMaxThreadCount(2);
    const QString incoming = m_settings.dataDir + u"/tmp/uploads"_s;
    QDir().mkpath(incoming);
    // Scratch files of a server that stopped mid-upload belong to nobody.
    const auto leftovers = QDir(incoming).entryList(QDir::Files);
    for (const QString &name : leftovers)
        QFile::remove(incoming + u'/' + name);
}

UploadIntake::~UploadIntake()
{
    m_workers.waitForDone();
}

bool UploadIntake::wants(const QByteArray &lowerCaseHead) const
{
    static const QRegularExpression streamed(
        uR"(^(post /api/v1/uploads(/[0-9a-f-]{36}/thumbnail)?|put /api/v1/users/me/avatar|put /api/v1/conversations/[^/?# ]+/avatar)([?][^ ]*)? http/1\.[01]\r\n)"_s);
    const qsizetype lineEnd = lowerCaseHead.indexOf("\r\n");
    if (lineEnd < 0 || lineEnd > 2048)
        return false;
    return streamed.match(QString::fromLatin1(lowerCaseHead.left(lineEnd + 2))).hasMatch();
}

void UploadIntake::take(QTcpSocket *socket)
{
    new UploadConnection(socket, *this);
}

QString UploadIntake::newIncomingPath() const
{
    return m_settings.dataDir + u"/tmp/uploads/"_s +
           QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace natter::server::uploads
